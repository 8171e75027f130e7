"""The handout's first page and its words: who it is for, who set it, until
when, what to have ready, a tick chart of the weeks ahead, doses a patient
reads without a physio's shorthand, and never the clinician's private notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_drill, make_program

from backcoach import paths
from backcoach.cli import main
from backcoach.content.describe import plain_dose_text, tempo_text
from backcoach.content.library import default_library
from backcoach.content.model import Phase, Program, ProgramMeta
from backcoach.content.programs import builtin_programs, parse_program
from backcoach.reports.handout import render_handout
from backcoach.reports.handout_days import WEEKS, date_words, day_label, tick_chart
from backcoach.reports.handout_html import CSS

TODAY = dt.date(2026, 12, 1)  # a Tuesday
FORMATS = ("md", "html")
SECRET = "SECRET-NOTE: query stenosis"

PROGRAM_FILE = f"""\
id = "anna-week-1"
name = "Anna: week 1"
description = "Week one."
days_per_week = 3
patient = "Anna Kowalska"
clinician = "Sam Lee"
review_on = 2026-12-22
notes = "{SECRET}, check at review"

[[drills]]
id = "cat-camel"

[[drills]]
id = "glute-bridge"
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The CLI tests read no one's real data folder (imported programs live there)."""
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


def anna() -> Program:
    return parse_program(PROGRAM_FILE, "anna.toml", default_library())


def builtin(program_id: str) -> Program:
    return next(p for p in builtin_programs(default_library()) if p.id == program_id)


def first_page(page: str) -> str:
    """The HTML before the first drill card: what prints at the top of page one."""
    return page[page.index("<header") : page.index("</header>")]


# -- who, when, by whom ------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_first_page_names_the_patient_date_clinician_and_review(fmt: str) -> None:
    sheet = render_handout(anna(), fmt, today=TODAY)
    top = first_page(sheet) if fmt == "html" else sheet.split("## Your drills")[0]
    for words in ("Anna Kowalska", "1 December 2026", "Sam Lee", "22 December 2026"):
        assert words in top, words
    assert "You will need: a mat" in top


@pytest.mark.parametrize("fmt", FORMATS)
def test_patient_on_the_command_line_wins_over_the_file(fmt: str) -> None:
    sheet = render_handout(anna(), fmt, patient="Jo Bloggs", today=TODAY)
    assert "Jo Bloggs" in sheet and "Anna Kowalska" not in sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sheet_without_a_name_leaves_a_line_to_write_it_on(fmt: str) -> None:
    sheet = render_handout(builtin("quick-start"), fmt, today=TODAY)
    if fmt == "html":
        assert '<b>For:</b> <span class="blank"></span>' in sheet
    else:
        assert "**For:** " + "_" * 24 in sheet
    assert "Review" not in sheet and "review on" not in sheet and "Set by" not in sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_patients_name_is_text_not_markup(fmt: str) -> None:
    sheet = render_handout(anna(), fmt, patient="<b>Jo</b> [x](y)", today=TODAY)
    if fmt == "html":
        assert html.escape("<b>Jo</b> [x](y)") in sheet and "<b>Jo</b>" not in sheet
    else:
        assert "\\<b\\>Jo\\</b\\> \\[x\\](y)" in sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_clinicians_notes_are_never_printed(fmt: str) -> None:
    program = anna()
    assert program.meta.notes.startswith(SECRET)
    sheet = render_handout(program, fmt, today=TODAY)
    for words in ("SECRET", "query", "check at review"):
        assert words not in sheet, words


def test_the_cli_never_prints_the_notes_either(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "anna.toml"
    source.write_text(PROGRAM_FILE, encoding="utf-8")
    for name in ("sheet.html", "sheet.md"):
        assert main(["handout", str(source), "-o", str(tmp_path / name)]) == 0
        assert "SECRET" not in (tmp_path / name).read_text(encoding="utf-8")
    assert main(["handout", str(source)]) == 0
    assert "SECRET" not in capsys.readouterr().out


def test_cli_patient_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "anna.toml"
    source.write_text(PROGRAM_FILE, encoding="utf-8")
    before = dt.date.today()
    assert main(["handout", str(source), "--patient", "  Jo Bloggs  "]) == 0
    after = dt.date.today()
    out = capsys.readouterr().out
    assert "**For:** Jo Bloggs\n" in out and "Anna Kowalska" not in out
    assert any(f"Given on {date_words(day)}" in out for day in (before, after))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "the patient's name must be 1 to 60 characters long"),
        ("x" * 61, "the patient's name must be 1 to 60 characters long"),
        ("Jo\nBloggs", "the patient's name must be a single line"),
        ("Jo\x1b[2J", "the patient's name must not contain control characters"),
    ],
)
def test_cli_refuses_a_patient_name_in_one_line(name: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handout", "quick-start", "--patient", name]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err and captured.err.count("\n") == 1 and "Traceback" not in captured.err


# -- the tick chart ------------------------------------------------------------------


def test_tick_chart_is_four_weeks_of_days_from_the_date_given() -> None:
    chart = tick_chart(TODAY, 3, None)
    assert len(chart.weeks) == WEEKS == 4
    assert all(len(week) == 7 for week in chart.weeks)
    assert chart.weeks[0][0] == TODAY and chart.weeks[-1][-1] == dt.date(2026, 12, 28)
    assert [day for week in chart.weeks for day in week] == [TODAY + dt.timedelta(days=n) for n in range(28)]
    assert chart.per_week == 3 and chart.aim == "3 days"
    assert tick_chart(TODAY, None, None).aim == "every day" and tick_chart(TODAY, None, None).per_week == 7
    assert tick_chart(TODAY, 7, None).aim == "every day"


def test_tick_chart_marks_the_review_only_when_it_falls_inside() -> None:
    assert tick_chart(TODAY, 3, dt.date(2026, 12, 22)).review_on == dt.date(2026, 12, 22)
    assert tick_chart(TODAY, 3, dt.date(2026, 12, 29)).review_on is None
    assert tick_chart(TODAY, 3, dt.date(2026, 11, 30)).review_on is None


def test_dates_are_spelled_whatever_the_locale() -> None:
    assert date_words(dt.date(2027, 1, 31)) == "31 January 2027"
    assert day_label(TODAY) == "Tue 1"
    assert day_label(dt.date(2026, 12, 6)) == "Sun 6"


def test_html_chart_has_a_box_for_every_day_and_says_the_aim_per_week() -> None:
    page = render_handout(anna(), "html", today=TODAY)
    chart = page[page.index('<table class="chart">') : page.index("</table>", page.index('<table class="chart">'))]
    assert chart.count('<span class="box"></span>') == 28
    assert chart.count("done ___ of 3") == 4
    assert "Aim: 3 days each week." in chart
    for week in range(1, 5):
        assert f'<th scope="row">Week {week}</th>' in chart
    assert "<td>Tue 22<span class=\"box\"></span><span class=\"review\">review</span></td>" in chart
    assert chart.count(">review<") == 1
    plain = render_handout(dataclasses.replace(anna(), days_per_week=None), "html", today=TODAY)
    assert "Aim: every day each week." in plain and "done ___ of 7" in plain


def test_markdown_chart_rows() -> None:
    sheet = render_handout(anna(), "md", today=TODAY)
    rows = [line for line in sheet.splitlines() if re.match(r"\| [1-4] \| ", line)]
    assert len(rows) == 4
    assert rows[0] == "| 1 | Tue 1 ☐ | Wed 2 ☐ | Thu 3 ☐ | Fri 4 ☐ | Sat 5 ☐ | Sun 6 ☐ | Mon 7 ☐ | __ of 3 |"
    assert rows[3].startswith("| 4 | Tue 22 ☐ review | Wed 23 ☐ |")


# -- words a patient reads -------------------------------------------------------------

SLOW = (Phase("flexion", "round", "exhale", 2.0, 0), Phase("extension", "arch", "inhale", 2.0, 1))
IN_FIRST = (Phase("extension", "lift", "inhale", 3.0, 0), Phase("flexion", "lower", "exhale", 2.5, 1))


@pytest.mark.parametrize(
    ("drill", "dose", "tempo"),
    [
        (make_drill(reps=6, sides=2, phases=SLOW), "6 each side", "2 s breathing out, 2 s in"),
        (make_drill(reps=8, phases=SLOW), "8 times", "2 s breathing out, 2 s in"),
        (make_drill(reps=10, sets=2, rest=30, phases=IN_FIRST), "2 rounds of 10, rest 30 s", "3 s breathing in, 2.5 s out"),
        (make_drill(reps=6, sets=2, sides=2, rest=20), "2 rounds of 6 each side, rest 20 s", "4 s breathing out, 4 s in"),
        (make_drill(kind="hold", hold=20, sets=3, rest=30), "hold 20 s, 3 times, rest 30 s", ""),
        (make_drill(kind="hold", hold=15, sets=2, sides=2, rest=20), "hold 15 s each side, 2 times, rest 20 s", ""),
        (make_drill(kind="hold", hold=90, sets=1), "hold 1 min 30 s", ""),
        (make_drill(kind="timed", seconds=600), "10 min", ""),
        (make_drill(kind="per_side", seconds=30), "30 s each side", ""),
    ],
    ids=["each side", "times", "rounds, in first", "rounds each side", "hold", "hold each side", "minutes", "timed", "per side"],
)
def test_doses_in_a_patients_words(drill: object, dose: str, tempo: str) -> None:
    assert plain_dose_text(drill) == dose  # type: ignore[arg-type]
    assert tempo_text(drill) == tempo  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_handout_says_the_dose_in_those_words(fmt: str) -> None:
    program = make_program(make_drill(reps=6, sides=2, phases=SLOW), make_drill("front-plank", "hold", hold=20, sets=3, rest=30))
    sheet = render_handout(program, fmt, today=TODAY)
    assert "6 each side" in sheet and "2 s breathing out, 2 s in" in sheet
    assert "hold 20 s, 3 times, rest 30 s" in sheet
    assert "x 6 reps" not in sheet and "per breath" not in sheet


# -- the pain table --------------------------------------------------------------------


def test_html_pain_table_has_no_repeated_score_and_its_header_never_wraps() -> None:
    program = dataclasses.replace(builtin("quick-start"), pain_limit=4)
    page = render_handout(program, "html", today=TODAY)
    rows = re.findall(r"<tr><td>([^<]*)</td><td>(green|amber|red|stop)</td>", page)
    assert rows == [("0-3", "green"), ("4", "amber"), ("5-7", "red"), ("8-10", "stop")]
    assert re.search(r"(^|\n)th, \.bands td:first-child \{ white-space: nowrap; \}", CSS)
    assert '<th scope="col">Pain (0-10)</th>' in page


def test_css_keeps_every_card_and_the_safety_section_whole_on_a4() -> None:
    """What the printed page relies on (the Chromium test checks the result)."""
    assert "@page { size: A4;" in CSS
    rules = dict(re.findall(r"^([^{}\n]+)\{([^}]*)\}", CSS, re.MULTILINE))
    whole = [selector.strip() for selector, body in rules.items() if "break-inside: avoid" in body]
    assert ".card" in whole and "header" in whole
    assert any("#safety" in s and "#when-to-stop" in s for s in whole)
    assert "grid-template-columns: 1fr 1fr" in rules[".cards "]


def test_program_meta_default_prints_no_clinician_lines() -> None:
    program = dataclasses.replace(anna(), meta=ProgramMeta())
    page = render_handout(program, "html", today=TODAY)
    assert "Set by" not in page and "Review:" not in page and "review</span>" not in page
