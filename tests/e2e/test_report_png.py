"""The HTML report rendered by headless Chromium, against a committed PNG.

The page of the hand-written journal (``tests/report_journal.py``) is
screenshot at 1000 x 1400 and compared with ``snapshots/report.png``.
Fonts differ between machines (the page asks only for a generic
``sans-serif``), and a wider face wraps text and moves everything below
it, so the comparison is made where fonts cannot reach: the pain chart,
found by its band tints, cropped with its axes and compared cell by cell
with a tolerance (``png_compare``). Measured here: another sans-serif face
(DejaVu Sans for Liberation Sans) moves the chart's crop by 0.33, a serif
face by 0.40, one check-in score changed from 5 to 7 by 1.38; the bound is
0.8. The whole page is also checked for what a font cannot change: it is
painted to the bottom (a screenshot taken before the page was drawn is
white there), and every band's tint is there.

Without Chromium the test is skipped with the reason, unless
``BACKCOACH_REQUIRE_CHROMIUM=1`` (CI), where that is a failure. To accept
a new look: ``pytest tests/e2e/test_report_png.py --snapshot-update``, then
look at the PNG.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from png_compare import Image, blank_rows, bounding_box, count_colour, crop, mean_difference, read_png
from report_journal import PLANS, SINCE, TODAY, journal

from backcoach.coach.period import period_summary
from backcoach.content.library import default_library
from backcoach.reports import pain_svg
from backcoach.reports.report_html import html_report

REFERENCE = Path(__file__).parent / "snapshots" / "report.png"
REQUIRE_ENV = "BACKCOACH_REQUIRE_CHROMIUM"
WINDOW = (1000, 1400)
BOUND = 0.8
TINTS = [tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) for colour in pain_svg.BAND_TINT.values()]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"chromium is not installed, and {REQUIRE_ENV}=1 requires it")
        pytest.skip("chromium is not installed (set BACKCOACH_REQUIRE_CHROMIUM=1 to make this a failure)")
    return found


def screenshot(html: str, folder: Path, name: str) -> Image:
    page, out = folder / f"{name}.html", folder / f"{name}.png"
    page.write_text(html, encoding="utf-8")
    profile = folder / f"{name}-profile"
    profile.mkdir()
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        # Without these a screenshot may be taken before every tile is painted (seen: a white lower third).
        "--hide-scrollbars", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=3000",
        f"--screenshot={out}", f"--window-size={WINDOW[0]},{WINDOW[1]}", page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)  # a safety net only: a loaded machine is slow, never wrong
    assert out.is_file(), f"chromium wrote no screenshot (exit {result.returncode}): {result.stderr[-2000:]}"
    return read_png(out)


def the_chart(image: Image) -> Image:
    box = bounding_box(image, TINTS)
    assert box is not None, "no pain chart on the page (none of the band tints)"
    left, top, right, bottom = box
    # The plot area, with the 0-10 labels on its left, the band names on its right, the dates and legend below.
    return crop(image, left - pain_svg.LEFT, top - pain_svg.TOP, right + pain_svg.RIGHT, bottom + pain_svg.BOTTOM)


def report_page(rows: list[dict[str, object]]) -> str:
    return html_report(period_summary(rows, TODAY, PLANS, SINCE, library=default_library()))


def test_the_report_looks_as_committed(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    image = screenshot(report_page(journal()), tmp_path, "report")
    assert (image.width, image.height) == WINDOW
    assert blank_rows(image) < 40, "the page is not painted to the bottom"
    for tint in TINTS:
        assert count_colour(image, tint) > 5_000, f"band tint {tint} missing from the chart"
    if request.config.getoption("--snapshot-update", default=False):
        REFERENCE.parent.mkdir(exist_ok=True)
        shutil.copyfile(tmp_path / "report.png", REFERENCE)
    reference = read_png(REFERENCE)
    chart, expected = the_chart(image), the_chart(reference)
    assert (chart.width, chart.height) == (expected.width, expected.height)  # the chart's size is fixed
    difference = mean_difference(chart, expected)
    assert difference < BOUND, f"the chart differs from {REFERENCE} by {difference:.2f}; see {tmp_path / 'report.png'}"


def test_the_comparison_sees_one_score_changed(tmp_path: Path) -> None:
    rows = journal()
    rows[4]["checkin_pain"] = 7  # s4: 5 -> 7, one point on the chart moved by two scores
    changed = the_chart(screenshot(report_page(rows), tmp_path, "changed"))
    assert mean_difference(changed, the_chart(read_png(REFERENCE))) > BOUND
