"""Counting the steps up and down of each program's doses over four weeks (coach.dose_course)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from adapt_fixtures import LIBRARY, NOW, program, record, session
from factories import UK

from backcoach.coach.adapt import plan_today
from backcoach.coach.adapt_day import Answers
from backcoach.coach.dose_course import DoseCourse, dose_course

TODAY = date(2026, 3, 30)
MORNING = {"id": "morning", "name": "Morning mobility"}
CORE = {"id": "core", "name": "Core"}

L8 = {"drill_id": "rolls", "kind": "reps", "sets": 1, "sides": 1, "reps": 8}
L10 = {**L8, "reps": 10}
L12 = {**L8, "reps": 12}
EASIER = {**L8, "drill_id": "rolls-easy"}
HALF = {**L8, "reps": 4}


def adapted(level: dict[str, Any], *rules: str, today: dict[str, Any] | None = None) -> dict[str, Any]:
    """An ``adapted`` as a drill record stores it; the program's dose is always ``L8``."""
    return {"from": L8, "to": today if today is not None else level, "level": level, "rules": list(rules),
            "why": ["words"] * len(rules)}  # fmt: skip


def drill(change: dict[str, Any] | None, drill_id: str = "rolls", status: str = "done") -> dict[str, Any]:
    return {"drill_id": drill_id, "status": status, "adapted": change}


def day(days_ago: int, *drills: dict[str, Any], prog: dict[str, str] = MORNING, demo: bool = False) -> dict[str, Any]:
    start = datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0, tzinfo=UK) - timedelta(days=days_ago)
    return {"id": f"{prog['id']}-{days_ago}", "program": prog, "started_at": start.isoformat(), "status": "completed",
            "demo": demo, "drills": list(drills)}  # fmt: skip


UP = drill(adapted(L10, "3.progression.6"))

# (what it checks, sessions oldest first, (steps up, steps down) of Morning mobility)
ROWS: list[tuple[str, list[dict[str, Any]], tuple[int, int]]] = [
    ("a step up from the program's dose", [day(3, drill(None)), day(1, UP)], (1, 0)),
    ("a step up in the very first adapted session", [day(1, UP)], (1, 0)),
    ("two steps up on two days", [day(9, UP), day(1, drill(adapted(L12, "3.level", "3.progression.6")))], (2, 0)),
    ("the level carried on is no step", [day(9, UP), day(1, drill(adapted(L10, "3.level")))], (1, 0)),
    (
        "held at the top of its ladder: the rule, but no new level",
        [day(9, UP), day(1, drill(adapted(L10, "3.level", "3.progression.6")))],
        (1, 0),
    ),
    ("one step down", [day(9, UP), day(1, drill(adapted(L8, "3.level", "3.step_down.1")))], (1, 1)),
    ("the easier version is a step down", [day(1, drill(adapted(EASIER, "3.step_down.2")))], (0, 1)),
    ("the lowest there is: the rule, but no new level", [day(1, drill(adapted(L8, "3.step_down.1")))], (0, 0)),
    ("a flare day's half dose is no step", [day(1, drill(adapted(L8, "3.flare", today=HALF)))], (0, 0)),
    (
        "nor the return after a flare",
        [day(2, drill(adapted(L8, "3.flare", today=HALF))), day(1, drill(adapted(L8, "3.flare.return", today=HALF)))],
        (0, 0),
    ),
    ("a swap for direction is no step", [day(1, drill(adapted(L8, "4.direction", today=EASIER)))], (0, 0)),
    (
        "left out for the nerve is no step",
        [day(1, drill({**adapted(L8, "4.nerve"), "to": None}, status="left_out"), drill(None, "walk"))],
        (0, 0),
    ),
    (
        "a step before the window is measured but not counted",
        [day(28, UP), day(1, drill(adapted(L10, "3.level")))],
        (0, 0),
    ),
    (
        "the level before may be older than the window",
        [day(40, UP), day(1, drill(adapted(L12, "3.progression.6")))],
        (1, 0),
    ),
    ("the 28th day back is inside the window", [day(27, UP)], (1, 0)),
    ("a demo session never counts", [day(2, drill(None)), day(1, UP, demo=True)], (0, 0)),
    (
        "a session with nothing done is not one the coach learns from",
        [day(2, drill(adapted(L10, "3.progression.6"), status="skipped")), day(1, UP)],
        (1, 0),
    ),
    (
        "a record without adapted puts the level back to the program's dose",
        [day(9, UP), day(5, drill(None)), day(1, UP)],
        (2, 0),
    ),
    ("another program's steps are its own", [day(2, UP, prog=CORE), day(1, drill(adapted(L10, "3.level")))], (0, 0)),
    (
        "odd rules and levels are no step",
        [day(1, drill({"from": L8, "to": L10, "level": "L10", "rules": "3.progression.6"}))],
        (0, 0),
    ),
    ("a session later than today is not read", [day(-1, UP)], (0, 0)),
]


@pytest.mark.parametrize(("sessions", "expected"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_steps_counted(sessions: list[dict[str, Any]], expected: tuple[int, int]) -> None:
    courses = {c.program_id: c for c in dose_course(sessions, TODAY)}
    course = courses.get("morning", DoseCourse("morning", "Morning mobility"))
    assert (course.up, course.down) == expected


def test_a_program_gets_a_line_only_with_a_counted_session_in_the_window_most_recent_first() -> None:
    sessions = [
        day(60, UP, prog={"id": "old", "name": "Old program"}),
        day(5, UP, prog=CORE),
        day(3, drill(None), prog={"id": "demo-only", "name": "Demo only"}, demo=True),
        day(2, drill(None)),
    ]
    assert [c.line() for c in dose_course(sessions, TODAY)] == [
        "Morning mobility: no dose changes in 4 weeks",
        "Core: 1 step up in 4 weeks",
    ]


def test_sessions_in_any_order() -> None:
    sessions = [day(1, drill(adapted(L12, "3.progression.6"))), day(9, UP)]
    assert [(c.up, c.down) for c in dose_course(sessions, TODAY)] == [(2, 0)]


@pytest.mark.parametrize(
    ("up", "down", "line"),
    [
        (0, 0, "Morning mobility: no dose changes in 4 weeks"),
        (1, 0, "Morning mobility: 1 step up in 4 weeks"),
        (2, 1, "Morning mobility: 2 steps up, 1 down in 4 weeks"),
        (0, 1, "Morning mobility: 1 step down in 4 weeks"),
        (0, 3, "Morning mobility: 3 steps down in 4 weeks"),
    ],
)
def test_course_line_words(up: int, down: int, line: str) -> None:
    assert DoseCourse("morning", "Morning mobility", up, down).line() == line


def recorded(days_ago: float, history: list[dict[str, Any]], answers: Answers) -> dict[str, Any]:
    """A session of the test program whose record carries what ``plan_today`` decided for it."""
    plan = plan_today(program("rolls"), history, answers, LIBRARY)
    (drill_plan,) = plan.drills
    return session(days_ago, {**record(difficulty="too_easy"), "adapted": drill_plan.adapted()})


def test_the_coachs_own_step_up_counts_once_and_the_flare_day_after_it_not_at_all() -> None:
    history = [session(4, record(difficulty="too_easy")), session(3, record(difficulty="too_easy"))]
    stepped = recorded(2, history, Answers(NOW - timedelta(days=2), checkin=3, followup="same", leg="none"))
    assert "3.progression.6" in stepped["drills"][0]["adapted"]["rules"]
    history.append(stepped)
    flare = recorded(0, history, Answers(NOW, checkin=8, followup="same", leg="none"))
    assert "3.flare" in flare["drills"][0]["adapted"]["rules"]
    (course,) = dose_course([*history, flare], NOW.date())
    assert (course.up, course.down) == (1, 0)
