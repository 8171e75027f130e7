"""The HTML report: well-formed, self-contained, every text escaped, and the
pain chart on a fixed 0-10 axis with the pain check's band lines."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from report_journal import PLANS, SINCE, TODAY, journal

from backcoach.coach.pain import Band, band_for_score
from backcoach.coach.period import period_summary
from backcoach.content.library import default_library
from backcoach.reports import pain_svg
from backcoach.reports.report_html import html_report
from backcoach.store.report import DRILL_HEADER

LIBRARY = default_library()
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "track", "wbr"}


def page(rows: list[dict[str, object]] | None = None) -> str:
    return html_report(period_summary(journal() if rows is None else rows, TODAY, PLANS, SINCE, library=LIBRARY))


class Balance(HTMLParser):
    """Every element closed, in order; no attribute that loads something."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.loads: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.loads += [(tag, name) for name, _ in attrs if name in ("src", "href", "srcset", "action", "data")]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.loads += [(tag, name) for name, _ in attrs if name in ("src", "href", "srcset", "action", "data")]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_the_page_is_well_formed() -> None:
    text = page()
    parser = Balance()
    parser.feed(text)
    parser.close()
    assert parser.problems == [] and parser.stack == []
    root = ET.fromstring(text)  # also well-formed XML: every element closed, every entity known
    assert root.tag == "html"
    assert [h.text for h in root.iter("h2")] == [
        "Who and what", "Pain trend", "Per drill", "Check-ins and next-day responses",
        "Safety answers that stopped a day", "Changes of the installed program", "Summary", "Sessions",
    ]


def test_the_page_is_self_contained() -> None:
    text = page()
    parser = Balance()
    parser.feed(text)
    assert parser.loads == []
    lowered = text.lower()
    for needle in ("http", "src=", "href=", "url(", "@import", "<script", "<link", "<img", "file:"):
        assert needle not in lowered, needle
    assert "<style>" in text and "font-family: sans-serif" in text


def test_every_text_is_escaped() -> None:
    rows = journal()
    rows[-1]["drills"][0]["drill_id"] = "<script>alert(1)</script>"  # type: ignore[index]
    text = page(rows)
    assert "<one>" not in text and "Other &lt;one&gt;" in text  # program q's name
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    ET.fromstring(text)


def test_the_per_drill_table_has_the_markdown_figures() -> None:
    root = ET.fromstring(page())
    tables = list(root.iter("table"))
    drill_table = next(t for t in tables if [th.text for th in t.iter("th")] == list(DRILL_HEADER))
    cat = [td.text for td in next(iter(drill_table.iter("tbody"))).iter("td")][: len(DRILL_HEADER)]
    assert cat == ["Cat-camel", "4", "3", "1", "0", "0", "0", "median 2.5 (1-4), 4 checks", "1 / 2 / 1", "3 min", "0", "1"]


def chart(text: str) -> ET.Element:
    svg = next(ET.fromstring(text).iter("svg"))
    assert svg.get("role") == "img" and "0-10" in (svg.get("aria-label") or "")
    return svg


def test_the_chart_has_a_fixed_axis_band_lines_and_every_score() -> None:
    svg = chart(page())
    labels = [t.text for t in svg.iter("text")]
    assert [label for label in labels if label and label.isdigit()] == ["0", "2", "4", "6", "8", "10"]
    assert {"green 0-3", "amber 4-5", "red 6-7", "stop 8-10"} <= set(labels)
    # The band lines lie half-way between the last score of a band and the first of the next, from coach.pain.
    edges = [s for s in range(1, 11) if band_for_score(s) is not band_for_score(s - 1)]
    assert edges == [4, 6, 8]
    lines = [float(line.get("y1") or 0) for line in svg.iter("line") if line.get("stroke-dasharray") == "6 4"]
    assert sorted(lines) == sorted(round(pain_svg._y(edge - 0.5), 1) for edge in edges)
    # 4 check-ins and 4 last checks in the period (the demo and the safety stop have none).
    assert len(list(svg.iter("circle"))) == 8
    assert {"16 Mar", "30 Mar"} <= set(labels)  # the period's ends on x


def test_the_axis_stays_0_to_10_whatever_the_scores() -> None:
    svg = pain_svg.pain_chart([pain_svg.Series("x", [(SINCE, 2), (TODAY, 3)], "#000")], SINCE, TODAY, "t")
    ys = [float(c) for c in re.findall(r'cy="([\d.]+)"', svg)]
    assert ys == [round(pain_svg._y(2), 1), round(pain_svg._y(3), 1)]
    assert pain_svg._y(10) == pain_svg.TOP and pain_svg._y(0) == pain_svg.HEIGHT - pain_svg.BOTTOM
    assert [band for band, _, _ in pain_svg.band_spans()] == list(Band)


def test_a_period_without_scores_says_so() -> None:
    text = html_report(period_summary([], TODAY, {}, library=LIBRARY))
    assert "No pain scores in this period." in text and "<svg" not in text
    ET.fromstring(text)


def test_columns_of_numbers_are_right_aligned_and_words_are_not() -> None:
    root = ET.fromstring(page())
    drill_table = next(t for t in root.iter("table") if [th.text for th in t.iter("th")] == list(DRILL_HEADER))
    header = [th.get("class") for th in drill_table.iter("th")]
    # Drill, then Prescribed, Done, Partly done as numbers; Done easier holds "1 (1 partly)": words.
    assert header[:5] == [None, "num", "num", "num", None]
    first_row = next(iter(drill_table.iter("tbody"))).find("tr")
    assert first_row is not None and [td.get("class") for td in first_row][:5] == [None, "num", "num", "num", None]
