"""The handout really printed: headless Chromium makes an A4 PDF of the HTML,
and the PDF is checked for its page count and for parts cut by a page break.

Six drills must fit on two pages, and no drill card, first-page header,
safety check or pain table may be split across pages, for any built-in
program and for a twelve-drill one. To see where each part landed, two
invisible links are added to it before printing, one pinned to its top edge
and one to its bottom edge (``position: absolute``, so the layout is the
handout's own); Chromium writes each link on the page where it was laid out
(:mod:`tests.pdf_layout`). A control prints a card too tall for any page and
checks that the same reading does see it cut, so the check can fail.

Without Chromium the tests are skipped with the reason; ``.ci/run`` installs
it and sets ``BACKCOACH_REQUIRE_CHROMIUM=1``, which makes a missing browser a
failure instead.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import builtin_programs, parse_program
from backcoach.reports.handout import render_handout
from tests.pdf_layout import PdfLayout, read_layout

REQUIRE_ENV = "BACKCOACH_REQUIRE_CHROMIUM"
TODAY = dt.date(2026, 12, 1)
#: Generous: a cold start on a busy 2-core machine; this bounds a hang, it times nothing.
PRINT_TIMEOUT = 180
MARK = "https://mark.invalid/"
#: The parts that must never be cut, by the opening tag the marks go after.
WHOLE = {
    "header": re.compile(r'<header id="first">'),
    "card": re.compile(r'<article class="card" id="drill-(\d+)">'),
    "safety": re.compile(r'<section id="safety">'),
    "when-to-stop": re.compile(r'<section id="when-to-stop">'),
}
MARK_CSS = """
header, .card, #safety, #when-to-stop { position: relative; }
a.mark { position: absolute; left: 0; width: 3px; height: 1px; overflow: hidden;
  font-size: 1px; line-height: 1px; color: transparent; text-decoration: none; }
a.mark.top { top: 0; }
a.mark.end { bottom: 0; }
"""

TWELVE = """\
id = "twelve"
name = "Twelve drills"
description = "A long program: it may take more pages, but never cuts a card."
days_per_week = 4
patient = "Anna Kowalska"
clinician = "Sam Lee"
review_on = 2026-12-22
locked = true
""" + "".join(
    f'\n[[drills]]\nid = "{drill}"\n'
    for drill in (
        "cat-camel", "dead-bug", "bird-dog", "side-plank", "glute-bridge", "hamstring-stretch",
        "open-book", "walking", "side-lying-clam", "band-hip-hinge", "sciatic-nerve-floss", "prone-on-elbows",
    )
)  # fmt: skip


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 requires the handout print test to run")
        pytest.skip(reason)
    return found


def marked(page: str, extra_css: str = "") -> str:
    """The page with a top and a bottom mark in every part that must stay whole."""
    for kind, opening in WHOLE.items():

        def add(match: re.Match[str], kind: str = kind) -> str:
            key = f"{kind}-{match.group(1)}" if match.groups() else kind
            return (
                match.group(0)
                + f'<a class="mark top" href="{MARK}{key}/top">.</a>'
                + f'<a class="mark end" href="{MARK}{key}/end">.</a>'
            )

        page, count = opening.subn(add, page)
        assert count, kind
    return page.replace("</style>", MARK_CSS + extra_css + "</style>", 1)


def print_pdf(page: str, folder: Path) -> PdfLayout:
    source, target = folder / "handout.html", folder / "handout.pdf"
    source.write_text(page, encoding="utf-8")
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
        f"--print-to-pdf={target}", source.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, timeout=PRINT_TIMEOUT, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0 and target.is_file(), done.stderr.decode(errors="replace")[-2000:]
    return read_layout(target.read_bytes())


def spans(layout: PdfLayout) -> dict[str, tuple[int, int]]:
    """Each marked part: (page of its top edge, page of its bottom edge), 0-based."""
    found: dict[str, tuple[int, int]] = {}
    keys = {uri[len(MARK) :].rsplit("/", 1)[0] for uri in layout.links if uri.startswith(MARK)}
    for key in keys:
        top, end = layout.links.get(f"{MARK}{key}/top"), layout.links.get(f"{MARK}{key}/end")
        assert top is not None and end is not None and len(top) == len(end) == 1, (key, top, end)
        found[key] = (top[0], end[0])
    return found


def check_whole(program: Program, folder: Path) -> tuple[PdfLayout, dict[str, tuple[int, int]]]:
    layout = print_pdf(marked(render_handout(program, "html", today=TODAY)), folder)
    assert layout.count == len(layout.pages) >= 1
    where = spans(layout)
    expected = {"header", "safety", "when-to-stop", *(f"card-{n}" for n in range(1, len(program.items) + 1))}
    assert set(where) == expected
    cut = {key: pages for key, pages in where.items() if pages[0] != pages[1]}
    assert cut == {}, f"cut by a page break: {cut}"
    assert where["header"] == (0, 0), "the first page's header must be on the first page"
    return layout, where


def program(program_id: str) -> Program:
    return next(p for p in builtin_programs(default_library()) if p.id == program_id)


def test_six_drills_print_on_at_most_two_a4_pages_with_nothing_cut(tmp_path: Path) -> None:
    six = program("back-pain-essentials")
    assert len(six.items) == 6
    named = parse_program(
        'id = "anna"\nname = "Back pain essentials"\ndescription = "' + six.description + '"\n'
        'days_per_week = 3\npatient = "Anna Kowalska"\nclinician = "Sam Lee"\nreview_on = 2026-12-22\nlocked = true\n'
        + "".join(f'\n[[drills]]\nid = "{item.drill.id}"\n' for item in six.items),
        "anna.toml",
        default_library(),
    )
    layout, where = check_whole(named, tmp_path)
    assert layout.count <= 2, f"{layout.count} pages"
    # The cards run in order, and the safety check and pain table come last.
    firsts = [where[f"card-{n}"][0] for n in range(1, 7)]
    assert firsts == sorted(firsts)
    assert where["safety"][0] >= firsts[-1] and where["when-to-stop"][0] >= where["safety"][0]


@pytest.mark.parametrize("program_id", [p.id for p in builtin_programs(default_library())])
def test_no_built_in_program_has_a_part_cut_by_a_page_break(program_id: str, tmp_path: Path) -> None:
    prog = program(program_id)
    layout, _ = check_whole(prog, tmp_path)
    if len(prog.items) <= 6:
        assert layout.count <= 2, f"{layout.count} pages"


def test_twelve_drills_take_more_pages_but_never_cut_a_card(tmp_path: Path) -> None:
    twelve = parse_program(TWELVE, "twelve.toml", default_library())
    assert len(twelve.items) == 12
    layout, where = check_whole(twelve, tmp_path)
    assert 2 < layout.count <= 4, f"{layout.count} pages"
    assert max(where[f"card-{n}"][1] for n in range(1, 13)) < layout.count


def test_the_check_sees_a_card_that_a_page_break_cuts(tmp_path: Path) -> None:
    """The control: a card taller than a page cannot stay whole, and the marks say so."""
    page = render_handout(program("quick-start"), "html", today=TODAY)
    tall = page.replace(
        '<article class="card" id="drill-2">', '<article class="card" id="drill-2"><div style="height: 300mm"></div>', 1
    )
    assert tall != page
    where = spans(print_pdf(marked(tall), tmp_path))
    top, end = where["card-2"]
    assert end > top, where
    assert where["card-1"][0] == where["card-1"][1]
