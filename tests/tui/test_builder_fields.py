"""Every builder field's refusals and put-backs, row by row, through Pilot.

Each row: the field, what a physiotherapist types, the sentence shown
under the field while it is typed (None: taken), how the field is left
(``tab`` or ``enter``), what it shows then, and what the program holds.
A refused value never becomes another number (``1.5`` reps is not 15), and
leaving with one puts back the value from before the edit, not a half-typed
one. The sentences are built from the validator's own messages, so a change
of wording there cannot leave these rows (or the builder) behind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import text_of
from test_builder import SIZE, open_builder
from textual.widgets import Input, OptionList

from backcoach.content.builder import ProgramDraft
from backcoach.content.builder_input import DATE_WORDS
from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import parse_program
from backcoach.content.validate import SLUG_MESSAGE, int_message, number_message
from backcoach.tui.clinic.builder import BuilderScreen
from backcoach.tui.clinic.builder_settings import SettingsDialog

#: Pelvic tilt (reps, with reps and tempo set), kneeling plank (hold), walking (time), bird dog (capped hold).
PROGRAM_TOML = """\
id = "anna-week-1"
name = "Anna, week 1"
description = ""
days_per_week = 3

[[drills]]
id = "pelvic-tilt"
reps = 5
tempo = 3

[[drills]]
id = "knee-plank"
hold = 15

[[drills]]
id = "walking"
seconds = 600

[[drills]]
id = "bird-dog"
"""
DRILL_INDEX = {"pelvic-tilt": 0, "knee-plank": 1, "walking": 2, "bird-dog": 3}


def program() -> Program:
    return parse_program(PROGRAM_TOML, "anna-week-1.toml", default_library())


def whole(what: str, low: int, high: int, unit: str = "") -> str:
    return f"{what} {int_message(low, high, unit)}"


REPS = whole("Reps", 1, 50)
SETS = whole("Sets", 1, 10)
REST = whole("Rest", 0, 300, "seconds")
HOLD = whole("Hold", 5, 600, "seconds")
TIME = whole("Time", 10, 3600, "seconds")
TEMPO = f"Tempo {number_message(1, 10, 'seconds')}"
BIRD_DOG_CAP = "Hold must be at most 10 seconds for Bird dog, which is done as short holds, repeated (got 12)"

#: (drill, field, typed, message while typed, leave by, shown after, override after).
#: A typed text starting with "<" is backspaces into the value as it stands, not a new value.
DOSE_ROWS: list[tuple[str, str, str, str | None, str, str, object]] = [
    ("pelvic-tilt", "reps", "1.5", REPS, "tab", "5", 5),
    ("pelvic-tilt", "reps", "-5", REPS, "tab", "5", 5),
    ("pelvic-tilt", "reps", "2,5", REPS, "enter", "5", 5),
    ("pelvic-tilt", "reps", "99", REPS, "tab", "5", 5),
    ("pelvic-tilt", "reps", "eight", REPS, "tab", "5", 5),
    ("pelvic-tilt", "reps", "12", None, "tab", "12", 12),
    ("pelvic-tilt", "reps", "", None, "tab", "", None),  # empty: the library's dose
    ("pelvic-tilt", "sets", "2.5", SETS, "tab", "", None),
    ("pelvic-tilt", "sets", "0", SETS, "enter", "", None),
    ("pelvic-tilt", "rest", "7.5", REST, "tab", "", None),
    ("pelvic-tilt", "rest", "15m", f"{REST}; 15m is 15 min (900 s)", "tab", "", None),
    ("pelvic-tilt", "rest", "1m", None, "tab", "60", 60),
    ("pelvic-tilt", "tempo", "2,5", "Tempo: write decimals with a point, not a comma (2.5)", "tab", "3", 3),
    ("pelvic-tilt", "tempo", "11", TEMPO, "enter", "3", 3),
    ("pelvic-tilt", "tempo", "2.5", None, "tab", "2.5", 2.5),
    ("knee-plank", "hold", "7.5", HOLD, "tab", "15", 15),
    ("knee-plank", "hold", "-5", HOLD, "tab", "15", 15),
    ("knee-plank", "hold", "<", HOLD, "tab", "15", 15),  # backspace half of 15: 1 s is out of bounds
    ("knee-plank", "hold", "15m", f"{HOLD}; 15m is 15 min (900 s)", "enter", "15", 15),
    ("knee-plank", "hold", "1m30s", None, "tab", "90", 90),
    ("knee-plank", "hold", "90s", None, "enter", "90", 90),
    ("walking", "seconds", "15m", None, "tab", "900", 900),
    ("walking", "seconds", "90", None, "tab", "90", 90),
    ("walking", "seconds", "1:30", None, "tab", "90", 90),
    ("walking", "seconds", "61m", f"{TIME}; 61m is 61 min (3660 s)", "tab", "600", 600),
    ("walking", "seconds", "7.5", TIME, "tab", "600", 600),
    ("walking", "seconds", "<<", TIME, "enter", "600", 600),  # "6" left of 600
    ("bird-dog", "hold", "12", BIRD_DOG_CAP, "tab", "", None),
]


async def type_into(pilot: Any, field: Input, typed: str) -> None:
    """Focus ``field``; empty it and type ``typed``, or press backspace once per ``<``."""
    field.focus()
    await pilot.pause()
    if typed.startswith("<"):
        field.cursor_position = len(field.value)
        await pilot.press(*["backspace"] * len(typed))
    elif len(typed) > 12:  # a long text is set, not typed key by key (each key costs a frame)
        field.value = typed
    else:
        field.value = ""
        await pilot.pause()
        if typed:
            await pilot.press(*typed)
    await pilot.pause()


def fresh(screen: BuilderScreen) -> None:
    """The program as it was opened: each row starts from the same values."""
    screen.start_over(ProgramDraft.from_program(program(), default_library()))


async def check_rows(rows: list[Any], check: Any) -> None:
    """Run ``check`` on every row in one app (an app per row costs seconds each); report every failing row."""
    failures = []
    for row in rows:
        try:
            await check(*row)
        except AssertionError as error:
            failures.append(f"{row!r}: {error}")
    assert not failures, "\n".join(failures)


async def test_dose_field_refusals_and_put_backs(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, program())

        async def check(
            drill: str, key: str, typed: str, message: str | None, leave: str, shown: str, after: object
        ) -> None:
            fresh(screen)
            index = DRILL_INDEX[drill]
            screen.query_one("#builder-drills", OptionList).highlighted = index
            await pilot.pause()
            field = screen.query_one(f"#dose-{key}", Input)
            error = f"#dose-{key}-error"
            before = dict(screen.draft.items[index].overrides)
            await type_into(pilot, field, typed)
            if message is None:
                assert not screen.query_one(error).display, text_of(screen, error)
            else:
                assert text_of(screen, error) == f"{message}."
                assert field.has_class("-invalid")
                assert dict(screen.draft.items[index].overrides) == before  # refused: nothing changes
                assert field.value != shown or typed.startswith("<")  # shown as typed, not turned into a number
            await pilot.press(leave)
            await pilot.pause()
            assert field.value == shown
            assert screen.draft.items[index].overrides.get(key) == after
            assert not field.has_class("-invalid")
            if message is not None:
                put_back = f"put back {shown}" if shown else "put back the library's dose"
                assert text_of(screen, error).startswith(f"{message}; {put_back}")

        await check_rows(DOSE_ROWS, check)


#: (field, typed, message while typed, shown after leaving, the draft's value after).
SETTINGS_ROWS: list[tuple[str, str, str | None, str, object]] = [
    ("prog-name", "", "Name must be 1 to 60 characters long", "Anna, week 1", "Anna, week 1"),
    ("prog-name", "x" * 61, "Name must be 1 to 60 characters long", "Anna, week 1", "Anna, week 1"),
    ("prog-name", "Anna, week 2", None, "Anna, week 2", "Anna, week 2"),
    ("prog-id", "Anna", f"Id {SLUG_MESSAGE}", "", "anna-week-1"),
    ("prog-id", "anna-2", None, "anna-2", "anna-2"),
    ("prog-pain", "2.5", f"Pain limit {int_message(2, 5)} (or not set)", "", None),
    ("prog-pain", "-5", f"Pain limit {int_message(2, 5)} (or not set)", "", None),
    ("prog-pain", "9", f"Pain limit {int_message(2, 5)} (or not set)", "", None),
    ("prog-pain", "4", None, "4", 4),
    ("prog-days", "7.5", f"Days per week {int_message(1, 7)} (or not set)", "3", 3),
    ("prog-days", "", None, "", None),
    ("prog-review", "31/01/2027", f"Review on {DATE_WORDS}", "", None),
    ("prog-review", "2027-02-30", f"Review on {DATE_WORDS}", "", None),
    ("prog-review", "2027-1-31", f"Review on {DATE_WORDS}", "", None),
    ("prog-review", "2027-01-31", None, "2027-01-31", dt.date(2027, 1, 31)),
    ("prog-patient", "x" * 61, "Patient must be at most 60 characters long", "", ""),
    ("prog-patient", "Anna Berg", None, "Anna Berg", "Anna Berg"),
    ("prog-clinician", "Sam Okafor", None, "Sam Okafor", "Sam Okafor"),
]
DRAFT_VALUE = {
    "prog-name": lambda d: d.name,
    "prog-id": lambda d: d.id,
    "prog-pain": lambda d: d.pain_limit,
    "prog-days": lambda d: d.days_per_week,
    "prog-review": lambda d: d.meta.review_on,
    "prog-patient": lambda d: d.meta.patient,
    "prog-clinician": lambda d: d.meta.clinician,
}


async def test_settings_field_refusals_and_put_backs(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, program())

        await pilot.press("s")
        await pilot.pause()
        dialog = h.app.screen
        assert isinstance(dialog, SettingsDialog)

        async def check(field_id: str, typed: str, message: str | None, shown: str, after: object) -> None:
            fresh(screen)
            dialog.draft = screen.draft
            dialog.show_draft()
            field = dialog.query_one(f"#{field_id}", Input)
            await type_into(pilot, field, typed)
            error = dialog.query_one(f"#{field_id}-error")
            if message is None:
                assert not error.display, text_of(dialog, f"#{field_id}-error")
            else:
                assert text_of(dialog, f"#{field_id}-error") == f"{message}."
            await pilot.press("tab")
            await pilot.pause()
            assert field.value == shown
            assert DRAFT_VALUE[field_id](screen.draft) == after
            if message is not None:
                assert text_of(dialog, f"#{field_id}-error").startswith(f"{message}; ")

        await check_rows(SETTINGS_ROWS, check)


async def test_escape_from_a_refused_setting_puts_it_back_and_closes(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, program())
        await pilot.press("s")
        await pilot.pause()
        await type_into(pilot, h.app.screen.query_one("#prog-days", Input), "8")
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.screen is screen
        assert screen.draft.days_per_week == 3
        await pilot.press("ctrl+s")  # nothing refused is left behind to block a save
        await pilot.pause()
        assert "Cannot save" not in text_of(screen, "#builder-message")


async def test_s_opens_the_settings_from_the_list_and_types_into_a_dose_field(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, program())
        screen.query_one("#builder-drills", OptionList).highlighted = DRILL_INDEX["knee-plank"]
        await pilot.pause()
        await type_into(pilot, screen.query_one("#dose-hold", Input), "90s")  # the s is typed, not a key
        assert isinstance(h.app.screen, BuilderScreen)
        assert screen.draft.items[1].overrides["hold"] == 90
        await pilot.press("escape", "s")  # back to the list; s is the settings key there
        await pilot.pause()
        assert isinstance(h.app.screen, SettingsDialog)
        assert h.app.screen.focused is h.app.screen.query_one("#prog-name")


async def test_moving_the_drill_from_a_refused_field_leaves_nothing_refused(make_harness: Any) -> None:
    """ctrl+down from a field showing a refused value: the field shows the drill's value, and saving is not blocked."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, program())
        await type_into(pilot, screen.query_one("#dose-reps", Input), "1.5")
        assert screen.refused() is not None
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert [item.drill.id for item in screen.draft.items][:2] == ["knee-plank", "pelvic-tilt"]
        assert screen.query_one("#dose-reps", Input).value == "5"
        assert screen.draft.items[1].overrides["reps"] == 5
        assert screen.refused() is None
