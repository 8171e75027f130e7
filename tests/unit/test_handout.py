"""The printable handout: complete for every program, safe with hostile text.

A patient may only ever read the paper, so every drill's dose and the safety
check must be on it; an imported program's name is someone else's text, so
the HTML must show it, never run it.
"""

from __future__ import annotations

import dataclasses
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from backcoach.coach.safety import ADVICE, DAILY_ITEMS, Level, SafetyOutcome
from backcoach.content.describe import plain_dose_text, tempo_text
from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import builtin_programs, parse_program
from backcoach.reports.handout import LOCKED_NOTE, render_handout, write_handout
from backcoach.reports.handout_outline import FIGURE_PX, KEY_CUES, positions_text
from backcoach.reports.pose_svg import drill_svg

BUILTINS = builtin_programs(default_library())
FORMATS = ("md", "html")
VOID_TAGS = {"meta", "br", "hr", "img", "link", "input", "wbr", "col", "area", "base", "source"}

HOSTILE = """\
id = "hostile"
name = '<script>alert("x")</script> & co'
description = '''
<img src=x onerror=alert(1)> [click](http://example.com)

# not a heading

1. not a list'''

[[drills]]
id = "cat-camel"
"""


def program(program_id: str) -> Program:
    return next(p for p in BUILTINS if p.id == program_id)


def shown(text: str, fmt: str) -> str:
    """How a piece of our own plain text appears in the given format."""
    return html.escape(text, quote=True) if fmt == "html" else text


class StrictTags(HTMLParser):
    """Checks that every element is closed, in order, and that nothing loads from outside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.seen: list[str] = []
        self.problems: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        for name, _value in attrs:
            if name in ("src", "href", "srcset") or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> while {self.open[-1:] or 'nothing'} is open")
        else:
            self.open.pop()


def parse(page: str) -> StrictTags:
    checker = StrictTags()
    checker.feed(page)
    checker.close()
    return checker


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("prog", BUILTINS, ids=lambda p: p.id)
def test_every_drill_dose_and_safety_question_is_on_the_sheet(prog: Program, fmt: str) -> None:
    sheet = render_handout(prog, fmt)
    assert shown(prog.name, fmt) in sheet
    for drill in prog.drills:
        assert shown(drill.name, fmt) in sheet, drill.id
        assert shown(plain_dose_text(drill), fmt) in sheet, drill.id
        assert shown(drill.breathing.cue, fmt) in sheet, drill.id
        for cue in drill.cues[:KEY_CUES]:
            assert shown(cue, fmt) in sheet, drill.id
        for caution in drill.cautions:
            assert shown(caution, fmt) in sheet, drill.id
        if fmt == "md":
            assert shown(positions_text(drill), fmt) in sheet, drill.id
        else:
            assert drill_svg(drill, FIGURE_PX) in sheet, drill.id
    for item in DAILY_ITEMS:
        assert shown(item.text, fmt) in sheet
    assert LOCKED_NOTE not in sheet  # no built-in program is locked


@pytest.mark.parametrize("prog", BUILTINS, ids=lambda p: p.id)
def test_html_is_one_well_formed_self_contained_page(prog: Program) -> None:
    page = render_handout(prog, "html")
    checker = parse(page)
    assert checker.doctype.lower() == "doctype html"
    assert checker.problems == []
    assert checker.open == []
    assert checker.seen.count("html") == checker.seen.count("body") == 1
    assert checker.seen.count("style") == 1 and "script" not in checker.seen
    for outside in ("src=", "href=", "<link", "<script", "url(", "@import", "<iframe"):
        assert outside not in page.lower(), outside
    assert "@media print" in page and "@page" in page and "break-inside: avoid" in page
    assert page.count('<article class="card"') == len(prog.items)
    assert page.count('<svg class="figure"') == len(prog.items)


@pytest.mark.parametrize("prog", BUILTINS, ids=lambda p: p.id)
def test_markdown_says_the_positions_in_words_without_the_old_ascii_figure(prog: Program) -> None:
    """The ASCII ``drill.figure`` is on its way out of the library: Markdown must not need it."""
    sheet = render_handout(prog, "md")
    # Every ASCII figure stood on a floor of "=" in a code fence.
    assert "```" not in sheet and "=====" not in sheet
    for drill in prog.drills:
        assert f"**Position:** {positions_text(drill)}" in sheet, drill.id


def test_positions_in_words_name_the_place_and_each_movement() -> None:
    lib = default_library()
    assert positions_text(lib["cat-camel"]) == "On hands and knees: round up, then let the back sag."
    assert positions_text(lib["bear-hold"]) == "On hands and knees, held steady."
    assert positions_text(lib["walking"]) == "Standing."


def test_paired_breathing_says_the_pairing_and_the_tempo_in_words() -> None:
    cat_camel = next(d for d in program("quick-start").drills if d.id == "cat-camel")
    assert tempo_text(cat_camel) == "3 s breathing out, 3 s in"  # quick-start sets tempo = 3
    sheet = render_handout(program("quick-start"), "md")
    assert f"**Breathing:** {cat_camel.breathing.cue} 3 s breathing out, 3 s in." in sheet
    assert "per breath" not in sheet and " x " not in sheet
    easier = default_library()[cat_camel.easier or ""]
    assert f"**Easier version:** {easier.name}" in sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_safety_advice_separates_urgent_care_from_a_doctor_soon(fmt: str) -> None:
    sheet = render_handout(program("quick-start"), fmt)
    # CLINICAL.md 1b: the handout groups the signs by level, most urgent
    # first, each group with the app's own advice naming where to go.
    starts = {
        Level.EMERGENCY: sheet.index("emergency department now if"),
        Level.DOCTOR_TODAY: sheet.index("Contact a doctor today if"),
        Level.DOCTOR_SOON: sheet.index("appointment soon if"),
    }
    assert starts[Level.EMERGENCY] < starts[Level.DOCTOR_TODAY] < starts[Level.DOCTOR_SOON]
    ends = {Level.EMERGENCY: starts[Level.DOCTOR_TODAY], Level.DOCTOR_TODAY: starts[Level.DOCTOR_SOON], Level.DOCTOR_SOON: len(sheet)}
    for item in DAILY_ITEMS:
        position = sheet.index(shown(item.text, fmt))
        assert starts[item.level] < position < ends[item.level], item.id
    for level in Level:
        advice = shown(ADVICE[SafetyOutcome(level.value)], fmt)
        assert starts[level] < sheet.index(advice) < ends[level], level
    assert "do not exercise today" in sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_pain_limit_and_days_appear_only_when_set(fmt: str) -> None:
    morning = program("gentle-morning")
    assert morning.pain_limit is not None
    sheet = render_handout(morning, fmt)
    assert f"Pain limit: {morning.pain_limit} out of 10" in sheet
    assert f"pain limit of {morning.pain_limit}" in sheet
    plain = dataclasses.replace(morning, pain_limit=None, days_per_week=None)
    sheet = render_handout(plain, fmt)
    assert "Pain limit" not in sheet and "pain limit of" not in sheet and "Planned:" not in sheet
    for band in ("green", "amber", "red", "stop"):
        assert band in sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_locked_note_only_on_locked_programs(fmt: str) -> None:
    prog = program("quick-start")
    assert shown(LOCKED_NOTE, fmt) not in render_handout(prog, fmt)
    locked = dataclasses.replace(prog, locked=True)
    assert render_handout(locked, fmt).count(shown(LOCKED_NOTE, fmt)) == 1


def test_hostile_program_text_is_shown_not_run() -> None:
    hostile = parse_program(HOSTILE, "hostile.toml", default_library())
    page = render_handout(hostile, "html")
    checker = parse(page)
    assert checker.problems == [] and checker.open == []
    assert "script" not in checker.seen and "img" not in checker.seen
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page and "<img" not in page and "href=" not in page


def test_hostile_program_text_stays_plain_in_markdown() -> None:
    hostile = parse_program(HOSTILE, "hostile.toml", default_library())
    sheet = render_handout(hostile, "md")
    assert re.search(r"(?<!\\)<(script|img|/script)", sheet) is None
    assert "\\<img src=x onerror=alert(1)\\>" in sheet
    assert "\\[click\\](http://example.com)" in sheet
    assert "\n\\# not a heading\n" in sheet
    assert "\n1\\. not a list\n" in sheet
    assert "- 1 drill, about" in sheet
    assert sheet.splitlines()[0].startswith("# \\<script\\>")


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="pdf"):
        render_handout(program("quick-start"), "pdf")


def test_write_handout_saves_the_rendered_sheet(tmp_path: Path) -> None:
    prog = program("hip-and-core")
    target = tmp_path / "sheet.html"
    write_handout(prog, "html", target)
    assert target.read_text(encoding="utf-8") == render_handout(prog, "html")
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.html"]  # no temp file left


def test_write_handout_error_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "sheet.md"
    with pytest.raises(OSError) as caught:
        write_handout(program("quick-start"), "md", target)
    assert caught.value.filename == str(target)
    assert caught.value.strerror


@pytest.mark.parametrize(
    ("pain_limit", "rows"),
    [
        (None, ["| 0-3 | green |", "| 4-5 | amber |", "| 6-7 | red |", "| 8-10 | stop |"]),
        (5, ["| 0-3 | green |", "| 4-5 | amber |", "| 6-7 | red |", "| 8-10 | stop |"]),
        (4, ["| 0-3 | green |", "| 4 | amber |", "| 5-7 | red |", "| 8-10 | stop |"]),
        (3, ["| 0-3 | green |", "| 4-7 | red |", "| 8-10 | stop |"]),
        (2, ["| 0-2 | green |", "| 3-7 | red |", "| 8-10 | stop |"]),
    ],
)
def test_pain_table_applies_the_programs_limit_like_the_pain_check(pain_limit: int | None, rows: list[str]) -> None:
    """A patient reading only the paper must see the band the app would use."""
    quick_start = next(p for p in BUILTINS if p.id == "quick-start")
    program = dataclasses.replace(quick_start, pain_limit=pain_limit)
    after = render_handout(program, "md").split("## When to ease off or stop")[1]
    table = [line for line in after.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert [line[: len(expected)] for line, expected in zip(table, rows, strict=True)] == rows
    assert len(table) == len(rows)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_handout_lists_what_the_program_needs(fmt: str) -> None:
    glutes = next(p for p in BUILTINS if p.id == "glutes-first")
    text = render_handout(glutes, fmt)
    assert "You will need: a mat, a resistance band, a dowel or broom handle, a clear wall" in text
    walk = dataclasses.replace(glutes, items=tuple(i for i in glutes.items if i.drill.id == "knee-to-wall"))
    assert "You will need: a clear wall" in render_handout(walk, fmt)
