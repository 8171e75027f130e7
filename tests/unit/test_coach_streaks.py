"""Streak and day rules, table by table."""

from __future__ import annotations

from datetime import date

import pytest

from backcoach.coach.safety import SafetyToday, all_clear, today_state
from backcoach.coach.streaks import active_days, current_streak, longest_streak, session_day

TODAY = date(2026, 3, 30)


def s(
    started: str,
    status: str = "completed",
    demo: bool = False,
    safety: dict | None = None,
    drills: tuple[str, ...] = ("done",),
) -> dict:
    return {
        "started_at": started,
        "status": status,
        "demo": demo,
        "safety": safety,
        "drills": [{"drill_id": "cat-camel", "status": d} for d in drills],
    }


@pytest.mark.parametrize(
    "started, day",
    [
        ("2026-03-29T23:58:00+01:00", date(2026, 3, 29)),  # crosses midnight: counts for its start
        ("2026-03-29T00:10:00-08:00", date(2026, 3, 29)),  # the local date, not UTC's
        ("2026-03-29T02:30:00+02:00", date(2026, 3, 29)),  # the morning clocks went forward
    ],
)
def test_a_session_belongs_to_the_local_day_it_started(started: str, day: date) -> None:
    assert session_day(s(started)) == day


STREAK_TABLE = [
    # (session start dates, current, longest)
    ([], 0, 0),
    (["2026-03-30"], 1, 1),
    (["2026-03-29"], 1, 1),  # today not done yet: yesterday's streak still stands
    (["2026-03-28"], 0, 1),  # a gap day breaks it
    (["2026-03-28", "2026-03-29", "2026-03-30"], 3, 3),
    (["2026-03-30", "2026-03-30", "2026-03-29"], 2, 2),  # two sessions in one day count once
    (["2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23", "2026-03-29", "2026-03-30"], 2, 4),
]


@pytest.mark.parametrize("dates, current, longest", STREAK_TABLE)
def test_streaks(dates: list[str], current: int, longest: int) -> None:
    days = active_days(s(f"{d}T08:00:00+01:00") for d in dates)
    assert current_streak(days, TODAY) == current
    assert longest_streak(days) == longest


@pytest.mark.parametrize(
    "status, demo, counts",
    [
        ("completed", False, True),
        ("ended_early", False, True),
        ("completed", True, False),  # demos never count
        ("interrupted", False, False),
        ("stopped_pain", False, False),
        ("stopped_safety", False, False),
    ],
)
def test_which_sessions_count(status: str, demo: bool, counts: bool) -> None:
    days = active_days([s("2026-03-30T08:00:00+01:00", status, demo)])
    assert (TODAY in days) is counts


@pytest.mark.parametrize(
    "rule, drills, counts",
    [
        ("safe defaults: no drill at all does not count", (), False),
        ("safe defaults: only skipped drills do not count", ("skipped", "skipped"), False),
        ("a drill done counts", ("skipped", "done"), True),
        ("a drill partly done counts", ("partial",), True),
        ("a drill done easier counts", ("easier",), True),
        ("an easier version partly done counts", ("partial_easier",), True),
    ],
)
def test_a_session_counts_only_if_some_drill_was_done(rule: str, drills: tuple[str, ...], counts: bool) -> None:
    days = active_days([s("2026-03-30T08:00:00+01:00", drills=drills)])
    assert (TODAY in days) is counts, rule


def test_travel_does_not_double_count_a_day() -> None:
    # Evening in London, then the next morning in New York: two days, no overlap.
    days = active_days([s("2026-03-29T21:00:00+01:00"), s("2026-03-30T07:00:00-04:00")])
    assert days == {date(2026, 3, 29), date(2026, 3, 30)}


CLEAR = {"answers": {qid: False for qid in all_clear()}}
YES = {"answers": {qid: False for qid in all_clear()} | {"major_trauma": True}}


@pytest.mark.parametrize(
    "sessions, expected",
    [
        ([], SafetyToday.NEEDED),
        ([s("2026-03-29T08:00:00+01:00", safety=CLEAR)], SafetyToday.NEEDED),  # yesterday's check
        ([s("2026-03-30T08:00:00+01:00", safety=CLEAR)], SafetyToday.CLEAR),
        ([s("2026-03-30T08:00:00+01:00", "stopped_safety", safety=YES)], SafetyToday.BLOCKED),
        (
            [
                s("2026-03-30T08:00:00+01:00", safety=CLEAR),
                s("2026-03-30T18:00:00+01:00", "stopped_safety", safety=YES),
            ],
            SafetyToday.BLOCKED,
        ),
        ([s("2026-03-30T08:00:00+01:00", "stopped_safety", demo=True, safety=YES)], SafetyToday.BLOCKED),
    ],
)
def test_safety_check_once_a_day_and_blocked_after_a_yes(sessions: list, expected: SafetyToday) -> None:
    assert today_state(sessions, TODAY).safety is expected
