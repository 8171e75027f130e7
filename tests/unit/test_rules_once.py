"""Rules that live in one place, each tested once, table by table.

The local day of a session, counted words, the streak's words, the dose
bounds and the program list: each had copies that drifted (one raised on a
bad timestamp, one forgot the thousands separator, two tables of bounds).
"""

from __future__ import annotations

import importlib.util
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backcoach import paths
from backcoach.coach.history import summarise
from backcoach.coach.streaks import session_day
from backcoach.coach.today import streak_today, streak_words, summary_streak_line, today_status
from backcoach.coach.words import plural
from backcoach.content.catalog import by_name, merge_programs, with_installed
from backcoach.content.drills import parse_drill
from backcoach.content.errors import ContentError
from backcoach.content.library import default_library
from backcoach.content.model import DOSAGE_BOUNDS, Program
from backcoach.content.programs import DOSAGE_FIELDS, OVERRIDES_BY_KIND, builtin_programs, parse_program

TODAY = date(2026, 3, 30)

# ---- the local day of a session --------------------------------------------------


@pytest.mark.parametrize(
    ("started", "day"),
    [
        ("2026-03-29T23:58:00+01:00", date(2026, 3, 29)),  # its own offset, not UTC's
        ("2026-03-29T00:10:00-08:00", date(2026, 3, 29)),
        ("2026-03-29T08:00:00", date(2026, 3, 29)),  # naive: the wall clock's date
        ("2026-03-29", date(2026, 3, 29)),
        ("", None),
        ("yesterday", None),
        ("2026-13-01T08:00:00+01:00", None),  # no 13th month
        ("2026-02-30T08:00:00+01:00", None),
        ("2026-03-29T25:00:00+01:00", None),
        ("2026-03-29T08:00:00+25:00", None),  # no such offset
        ("\x00", None),
        (None, None),
        (20260329, None),
        (["2026-03-29"], None),
        ({"date": "2026-03-29"}, None),
        (True, None),
    ],
)
def test_session_day_is_the_local_start_date_or_none(started: object, day: date | None) -> None:
    assert session_day({"started_at": started}) == day


def test_session_day_of_a_session_without_a_start_is_none() -> None:
    assert session_day({}) is None


def test_a_malformed_start_never_stops_home_or_history() -> None:
    """Home's status line and History's summary read every day through session_day."""
    good = {
        "started_at": "2026-03-30T08:00:00+01:00",
        "status": "completed",
        "drills": [{"drill_id": "cat-camel", "status": "done"}],
    }
    bad = [dict(good, started_at=value) for value in ("not a time", 7, None, "2026-02-30T08:00:00+01:00")]
    sessions = [*bad, good]
    assert today_status(sessions, TODAY) == "Today: done   ·   Streak: 1 day"
    assert summarise(sessions, TODAY, {}).current_streak == 1


# ---- counted words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "word", "many", "text"),
    [
        (0, "day", None, "0 days"),
        (1, "day", None, "1 day"),
        (2, "day", None, "2 days"),
        (1204, "session", None, "1,204 sessions"),
        (1, "pain score or answer", "pain scores or answers", "1 pain score or answer"),
        (3, "pain score or answer", "pain scores or answers", "3 pain scores or answers"),
        (-1, "day", None, "-1 days"),
    ],
)
def test_plural(count: int, word: str, many: str | None, text: str) -> None:
    assert plural(count, word, many) == text


# ---- the streak, in the same words everywhere ---------------------------------------------


def _worked(day: str, *, demo: bool = False, status: str = "completed") -> dict[str, Any]:
    return {
        "started_at": f"{day}T08:00:00+01:00",
        "status": status,
        "demo": demo,
        "drills": [{"drill_id": "cat-camel", "status": "done"}],
    }


STREAK_CASES = [
    # (session days, the streak, its words)
    ([], 0, "0 days"),
    (["2026-03-30"], 1, "1 day"),
    (["2026-03-29"], 1, "1 day"),  # today not done yet: the streak still stands
    (["2026-03-28", "2026-03-29", "2026-03-30"], 3, "3 days"),
    (["2026-03-27", "2026-03-29", "2026-03-30"], 2, "2 days"),
]


@pytest.mark.parametrize(("days", "streak", "words"), STREAK_CASES)
def test_home_summary_and_history_say_one_streak(days: list[str], streak: int, words: str) -> None:
    sessions = [_worked(day) for day in days]
    assert streak_today(sessions, TODAY) == streak
    assert streak_words(streak) == words
    assert summary_streak_line(sessions, TODAY) == f"Streak         {words}"
    assert summarise(sessions, TODAY, {}).streak_line().startswith(f"Streak {words} (best ")
    if sessions:
        assert today_status(sessions, TODAY).endswith(f"Streak: {words}")


def test_demos_and_sessions_without_exercise_never_make_a_streak() -> None:
    sessions = [
        _worked("2026-03-30", demo=True),
        _worked("2026-03-29", status="stopped_pain"),
        {**_worked("2026-03-28"), "drills": [{"drill_id": "cat-camel", "status": "skipped"}]},
    ]
    assert streak_today(sessions, TODAY) == 0
    assert summary_streak_line(sessions, TODAY) == "Streak         0 days"


TODAY_CASES = [
    # (sessions, Home's status line)
    ([], "No sessions yet. Pick a program and press enter to start."),
    ([_worked("2026-03-29")], "Today: not done yet   ·   Streak: 1 day"),
    ([_worked("2026-03-29"), _worked("2026-03-30")], "Today: done   ·   Streak: 2 days"),
    (
        [{"started_at": "2026-03-30T08:00:00+01:00", "status": "stopped_pain", "drills": []}],
        "Today: rest day (stopped for pain)   ·   Streak: 0 days",
    ),
    (
        [
            {
                "started_at": "2026-03-30T08:00:00+01:00",
                "status": "stopped_safety",
                "safety": {"answers": {"bladder_bowel": True}},
                "drills": [],
            }
        ],
        "Today: no exercise (safety check)   ·   Streak: 0 days",
    ),
]


@pytest.mark.parametrize(("sessions", "line"), TODAY_CASES)
def test_today_status(sessions: list[dict[str, Any]], line: str) -> None:
    assert today_status(sessions, TODAY) == line


# ---- one table of dose bounds ---------------------------------------------------------------


def _drill_with(drill_id: str, field: str, value: int) -> str:
    data = tomllib.loads((paths.assets_dir() / "drills" / f"{drill_id}.toml").read_text(encoding="utf-8"))
    data["dosage"][field] = value
    return _tomlgen().dumps(data)


def _tomlgen() -> Any:
    where = Path(__file__).parent / "fixtures" / "content" / "tomlgen.py"
    spec = importlib.util.spec_from_file_location("content_tomlgen", where)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _accepted(parse: Any) -> bool:
    try:
        parse()
    except ContentError:
        return False
    return True


#: A shipped drill of each kind whose dosage uses the field.
DRILL_USING = {"reps": "cat-camel", "hold": "front-plank", "timed": "walking"}

DOSE_CASES = [
    (override, field, drill_id, value)
    for override, field in DOSAGE_FIELDS.items()
    for kind, drill_id in DRILL_USING.items()
    if override in OVERRIDES_BY_KIND[kind]
    for value in (DOSAGE_BOUNDS[field][0] - 1, DOSAGE_BOUNDS[field][0], DOSAGE_BOUNDS[field][1], DOSAGE_BOUNDS[field][1] + 1)
]


@pytest.mark.parametrize(("override", "field", "drill_id", "value"), DOSE_CASES)
def test_a_program_may_set_exactly_the_doses_a_drill_file_may(
    override: str, field: str, drill_id: str, value: int
) -> None:
    low, high, _unit = DOSAGE_BOUNDS[field]
    in_bounds = low <= value <= high
    drill_text = _drill_with(drill_id, field, value)
    program_text = f'id = "t"\nname = "T"\n[[drills]]\nid = "{drill_id}"\n{override} = {value}\n'
    assert _accepted(lambda: parse_drill(drill_text, f"{drill_id}.toml", drill_id)) is in_bounds
    assert _accepted(lambda: parse_program(program_text, "t.toml", default_library())) is in_bounds


# ---- one program list -------------------------------------------------------------------------


def _program(program_id: str, name: str, origin: str = "imported") -> Program:
    shipped = builtin_programs(default_library())[0]
    return replace(shipped, id=program_id, name=name, origin=origin)  # type: ignore[arg-type]  # origin is one of the Literal's values in every case below


def _ids(programs: list[Program]) -> list[tuple[str, str]]:
    return [(p.id, p.origin) for p in programs]


def test_built_ins_first_then_imported_by_name_and_an_import_replaces_its_built_in() -> None:
    builtins = [_program("b", "Basics", "builtin"), _program("a", "Advanced", "builtin")]
    imported = [_program("z", "zebra"), _program("b", "My basics"), _program("c", "Alpha")]
    merged = merge_programs(builtins, imported)
    assert _ids(merged) == [("a", "builtin"), ("c", "imported"), ("b", "imported"), ("z", "imported")]


def test_installing_replaces_the_program_with_its_id_and_keeps_the_order() -> None:
    listed = merge_programs([_program("a", "Advanced", "builtin")], [_program("m", "Middle")])
    again = with_installed(listed, _program("m", "Middle, second version"))
    assert _ids(again) == [("a", "builtin"), ("m", "imported")]
    assert again[1].name == "Middle, second version"
    shadow = with_installed(again, _program("a", "A clinic's own"))
    assert _ids(shadow) == [("a", "imported"), ("m", "imported")]
    assert [p.name for p in by_name(shadow)] == ["A clinic's own", "Middle, second version"]
