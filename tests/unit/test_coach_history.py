"""History logic, table by table: calendar, weekly streak, adherence, pain
trend, session list. Pure functions, so every case is a few dates."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from factories import make_drill

from backcoach.coach.history import (
    CALENDAR_WEEKS,
    LEVEL_CHARS,
    adherence,
    current_weekly_streak,
    day_minutes,
    drill_rows,
    filter_sessions,
    heatmap,
    level_for,
    longest_weekly_streak,
    newest_first,
    program_choices,
    session_rows,
    summarise,
    weekly_target,
)
from backcoach.coach.pain_trend import column_ranges, pain_trend, span_text
from backcoach.coach.streaks import active_days, current_streak, longest_streak, week_start

TODAY = date(2026, 3, 30)  # a Monday
A = {"id": "a", "name": "Program A"}
B = {"id": "b", "name": "Program B"}


def s(
    started: str,
    status: str = "completed",
    demo: bool = False,
    program: dict[str, str] = A,
    minutes: float = 10,
    checkin: int | None = None,
    final: int | None = None,
    sid: str = "",
) -> dict[str, Any]:
    if "T" not in started:
        started += "T08:00:00+01:00"
    return {
        "id": sid or f"{started}-{status}-{program['id']}",
        "program": dict(program),
        "started_at": started,
        "status": status,
        "demo": demo,
        "checkin_pain": checkin,
        "final_pain": final,
        "drills": [{"drill_id": "cat-camel", "status": "done", "active_seconds": minutes * 60}],
    }


def days_of(*isodays: str) -> set[date]:
    return {date.fromisoformat(d) for d in isodays}


# ---- local days: midnight, DST, travel, demos, same day ---------------------------

DAY_TABLE = [
    # (sessions, expected active days)
    ([s("2026-03-29T23:50:00+01:00")], {"2026-03-29"}),  # crosses midnight: the day it started
    # Europe springs forward on 29 March 2026: before and after the change, one day.
    ([s("2026-03-29T01:30:00+00:00"), s("2026-03-29T23:30:00+01:00")], {"2026-03-29"}),
    # The US falls back on 1 November 2026: 01:30 happens twice, still one day.
    ([s("2026-11-01T01:30:00-04:00"), s("2026-11-01T01:30:00-05:00")], {"2026-11-01"}),
    # London evening then New York evening: later in UTC, same local date.
    ([s("2026-03-29T23:00:00+01:00"), s("2026-03-29T19:00:00-04:00")], {"2026-03-29"}),
    # Tokyo at 01:00 on the 30th is still the 29th in UTC: it counts for the 30th.
    ([s("2026-03-29T20:00:00+01:00"), s("2026-03-30T01:00:00+09:00")], {"2026-03-29", "2026-03-30"}),
    # Three sessions on one day count once.
    ([s("2026-03-30T07:00:00+01:00"), s("2026-03-30T12:00:00+01:00"), s("2026-03-30T20:00:00+01:00")], {"2026-03-30"}),
    ([s("2026-03-30", demo=True)], set()),  # demos never count
    ([s("2026-03-30", "stopped_pain"), s("2026-03-30", "interrupted")], set()),
    ([s("2026-03-30", "ended_early")], {"2026-03-30"}),
    ([{"started_at": "garbage", "status": "completed"}, {"status": "completed"}], set()),  # unreadable: skipped
]


@pytest.mark.parametrize("sessions, expected", DAY_TABLE)
def test_active_days(sessions: list[dict[str, Any]], expected: set[str]) -> None:
    assert active_days(sessions) == days_of(*expected)


def test_minutes_add_up_per_day_and_skip_sessions_that_do_not_count() -> None:
    minutes = day_minutes(
        [
            s("2026-03-30T07:00:00+01:00", minutes=4),
            s("2026-03-30T19:00:00+01:00", minutes=7),
            s("2026-03-30T20:00:00+01:00", minutes=30, demo=True),
            s("2026-03-29", "stopped_pain", minutes=30),
        ]
    )
    assert minutes == {TODAY: pytest.approx(11)}


# ---- calendar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "minutes, level", [(0, 1), (4.9, 1), (5, 2), (14.9, 2), (15, 3), (29.9, 3), (30, 4), (95, 4)]
)
def test_levels(minutes: float, level: int) -> None:
    assert level_for(minutes) == level


def test_calendar_shape_today_and_future() -> None:
    today = date(2026, 4, 1)  # a Wednesday
    grid = heatmap([s("2026-04-01", minutes=20), s("2026-03-30", minutes=3)], today)
    assert len(grid.weeks) == CALENDAR_WEEKS and all(len(week) == 7 for week in grid.weeks)
    assert grid.first_day == week_start(today) - timedelta(weeks=52)
    assert grid.first_day.weekday() == 0
    last = grid.weeks[-1]
    assert [cell.day.isoformat() for cell in last][:3] == ["2026-03-30", "2026-03-31", "2026-04-01"]
    assert grid.today.day == today and grid.today.today and grid.today.level == 3
    assert [cell.char for cell in last] == ["░", "·", "▓", " ", " ", " ", " "]  # Thu-Sun not yet
    assert sum(cell.today for week in grid.weeks for cell in week) == 1
    rows = grid.rows()
    assert len(rows) == 7 and all(len(row) == CALENDAR_WEEKS for row in rows)


def test_calendar_excludes_demos_and_old_sessions() -> None:
    grid = heatmap([s("2026-03-30", demo=True), s("2024-01-01")], TODAY)
    assert {cell.level for week in grid.weeks for cell in week} == {0}


def test_month_labels_sit_over_the_first_of_the_month_without_overlapping() -> None:
    grid = heatmap([], TODAY)
    labels = grid.month_labels
    assert [name for _, name in labels][-3:] == ["Jan", "Feb", "Mar"]
    for column, name in labels:
        if column:
            days = [cell.day for cell in grid.weeks[column]]
            assert any(d.day == 1 and d.strftime("%b") == name for d in days)
    columns = [column for column, _ in labels]
    assert all(b - a >= 4 for a, b in itertools.pairwise(columns))
    assert len(labels) >= 12


def test_calendar_fits_eighty_columns() -> None:
    assert 4 + CALENDAR_WEEKS + 3 <= 78  # row labels + weeks + a last month label
    assert set(LEVEL_CHARS) == set("·░▒▓█")


# ---- daily and weekly streaks -----------------------------------------------------------

WEEKLY_TABLE = [
    # (active days, target, current weekly streak, longest)
    ([], 3, 0, 0),
    # Mon/Wed/Fri for three weeks before this one: rest days do not break anything.
    (["2026-03-09", "2026-03-11", "2026-03-13", "2026-03-16", "2026-03-18", "2026-03-20",
      "2026-03-23", "2026-03-25", "2026-03-27"], 3, 3, 3),
    # The same, plus today (Monday): the week under way is not met yet and does not break it.
    (["2026-03-16", "2026-03-18", "2026-03-20", "2026-03-23", "2026-03-25", "2026-03-27", "2026-03-30"], 3, 2, 2),
    # A week with only two days breaks the streak.
    (["2026-03-09", "2026-03-11", "2026-03-13", "2026-03-16", "2026-03-18",
      "2026-03-23", "2026-03-25", "2026-03-27"], 3, 1, 1),
    # Target met already this week: it adds.
    (["2026-03-23", "2026-03-30"], 1, 2, 2),
    # A missed week long ago: the longest run is the older one.
    (["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-03-23"], 1, 1, 4),
]


@pytest.mark.parametrize("days, target, current, longest", WEEKLY_TABLE)
def test_weekly_streak(days: list[str], target: int, current: int, longest: int) -> None:
    active = days_of(*days)
    assert current_weekly_streak(active, target, TODAY) == current
    assert longest_weekly_streak(active, target) == longest


def test_weekly_streak_reads_well_where_the_daily_one_is_broken() -> None:
    sessions = [s(d) for d in ("2026-03-16", "2026-03-18", "2026-03-20", "2026-03-23", "2026-03-25", "2026-03-27")]
    summary = summarise(sessions, TODAY, {"a": 3})
    assert summary.current_streak == 0  # Saturday and Sunday were rest days
    assert summary.weekly_current == 2
    assert "Weekly 2 weeks of 3+ days" in summary.streak_line()


@pytest.mark.parametrize(
    "sessions, plans, expected",
    [
        ([], {"a": 3}, (1, None)),
        ([s("2026-03-20")], {}, (1, None)),  # no program sets days a week
        ([s("2026-03-20"), s("2026-03-21", program=B)], {"a": 3, "b": 5}, (5, "Program B")),
        ([s("2026-03-20"), s("2026-03-21", program=B)], {"a": 3}, (3, "Program A")),
        ([s("2026-03-20"), s("2026-03-21", program=B, demo=True)], {"a": 3, "b": 5}, (3, "Program A")),
    ],
)
def test_weekly_target(sessions: list[dict[str, Any]], plans: dict[str, int], expected: tuple) -> None:
    target = weekly_target(sessions, plans)
    assert (target.days, target.program_name) == expected


def test_daily_streak_with_gaps_and_doubles() -> None:
    days = active_days([s(d) for d in ("2026-03-20", "2026-03-21", "2026-03-21", "2026-03-22", "2026-03-29")])
    assert (current_streak(days, TODAY), longest_streak(days)) == (1, 3)


# ---- adherence ---------------------------------------------------------------------------


def test_adherence_over_four_weeks() -> None:
    start = TODAY - timedelta(days=27)
    assert start == date(2026, 3, 3)
    sessions = [
        s("2026-03-02"),  # the day before the window: program A began before it
        s("2026-03-03"),  # the first day of the window
        s("2026-03-04"),
        s("2026-03-04T19:00:00+01:00"),  # the same day twice: one day done
        s("2026-03-10", "stopped_pain"),  # tried, not counted
        s("2026-03-12", demo=True),  # demos are not the plan
        s("2026-03-20", program=B),  # B begins here: its window is 20-30 March, 11 days
        s("2026-03-21", program={"id": "c", "name": "No plan"}),
    ]
    result = adherence(sessions, {"a": 3, "b": 7}, start, TODAY)
    assert [(a.program_id, a.start, a.planned_days, a.done_days, a.percent, a.other_days) for a in result] == [
        ("a", start, 12, 2, 17, 2),  # 3 x 28 / 7; the other days: 20 (B) and 21 (C) March
        ("b", date(2026, 3, 20), 11, 1, 9, 1),  # 7 x 11 / 7; the other day: 21 March (C)
    ]
    assert result[0].words == "Program A 2 of 12 planned days (17%); 2 more days with other programs"
    assert result[1].words == "Program B 1 of 11 planned days (9%); 1 more day with other programs"


def test_adherence_never_exceeds_the_plan_and_a_busy_week_does_not_make_up_for_an_empty_one() -> None:
    # Two weeks of a 3-days-a-week plan: 5 days in the first week, none in the second.
    days = ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"]
    result = adherence([s(d) for d in days], {"a": 3}, date(2026, 3, 16), date(2026, 3, 29))
    assert [(a.planned_days, a.done_days, a.percent) for a in result] == [(6, 3, 50)]
    # Every day of a 9-day program, 3 a week planned: 4 planned (3 x 9 / 7), 4 done at most.
    daily = [s(f"2026-03-{d:02d}") for d in range(22, 31)]
    result = adherence(daily, {"a": 3}, TODAY - timedelta(days=27), TODAY)
    assert [(a.start, a.planned_days, a.done_days, a.percent) for a in result] == [(date(2026, 3, 22), 4, 4, 100)]
    assert result[0].words == "Program A 4 of 4 planned days (100%)"


def test_adherence_lists_only_programs_tried_in_the_window() -> None:
    assert adherence([s("2026-01-05")], {"a": 3}, TODAY - timedelta(days=27), TODAY) == []


# ---- the whole overview --------------------------------------------------------------------


def test_summary_counts_this_week_and_last_four_weeks() -> None:
    sessions = [
        s("2026-02-28"),  # 30 days ago: outside
        s("2026-03-03"),
        s("2026-03-03T18:00:00+01:00"),
        s("2026-03-29"),  # Sunday: last week
        s("2026-03-30"),
        s("2026-03-30", demo=True),
        s("2026-03-30", "interrupted"),
    ]
    summary = summarise(sessions, TODAY, {})
    assert (summary.week_sessions, summary.four_week_sessions, summary.four_week_days) == (1, 4, 3)
    assert (summary.sessions, summary.demos) == (7, 1)
    assert summary.counts_line() == "This week 1 session  ·  last 4 weeks 4 sessions on 3 days"
    assert summary.adherence_line() == ""


# ---- pain trend ------------------------------------------------------------------------------


def points(*values: int, every: int = 7) -> list[tuple[date, int]]:
    first = TODAY - timedelta(days=every * (len(values) - 1))
    return [(first + timedelta(days=every * i), v) for i, v in enumerate(values)]


PAIN_TABLE = [
    # (values, start, end, reading, marker index)
    ((4,), 4, 4, "check-in pain 4 (one session so far)", None),
    ((5, 5), 5, 5, "check-in pain 5 -> 5 over 1 day: no change", None),
    ((6, 5, 5), 6, 5, "check-in pain 6 -> 5 over 2 weeks: about the same (under 2 points)", None),
    ((6, 5, 4, 3, 3), 6, 3, "check-in pain 6 -> 3 over 4 weeks: 3 points better, a change that matters", 2),
    ((3, 4, 5, 6), 3, 6, "check-in pain 3 -> 6 over 3 weeks: 3 points worse, a change that matters", 2),
    # Six or more: medians of the first and last three, so one bad day does not decide it.
    ((6, 6, 7, 5, 4, 3, 3, 9), 6, 3, "check-in pain 6 -> 3 over 7 weeks: 3 points better, a change that matters", 4),
    ((6, 6, 6, 4, 6, 5, 5, 5), 6, 5, "check-in pain 6 -> 5 over 7 weeks: about the same (under 2 points)", None),
]


@pytest.mark.parametrize("values, start, end, reading, marker", PAIN_TABLE)
def test_pain_trend_reading(values: tuple[int, ...], start: int, end: int, reading: str, marker: int | None) -> None:
    every = 1 if values == (5, 5) else 7
    trend = pain_trend(points(*values, every=every), "check-in pain")
    assert trend is not None
    assert (trend.start, trend.end, trend.marker) == (start, end, marker)
    assert trend.reading() == reading


def test_pain_trend_none_without_scores() -> None:
    assert pain_trend([], "check-in pain") is None


@pytest.mark.parametrize(
    "days, text",
    [(0, "the same day"), (1, "1 day"), (13, "13 days"), (14, "2 weeks"), (35, "5 weeks"),
     (111, "16 weeks"), (120, "4 months"), (365, "12 months"), (700, "23 months"), (800, "2 years"), (3650, "10 years")],
)
def test_span_text(days: int, text: str) -> None:
    assert span_text(days) == text


@pytest.mark.parametrize("count, width", [(1, 42), (5, 42), (42, 42), (55, 42), (3650, 42), (7, 3)])
def test_chart_columns_cover_every_point_once_in_order(count: int, width: int) -> None:
    ranges = column_ranges(count, width)
    assert len(ranges) == width
    assert all(lo < hi for lo, hi in ranges)
    covered = sorted({i for lo, hi in ranges for i in range(lo, hi)})
    assert covered == list(range(count))
    assert [lo for lo, _ in ranges] == sorted(lo for lo, _ in ranges)


def test_chart_marks_the_column_of_the_first_two_point_change() -> None:
    trend = pain_trend(points(6, 6, 6, 6, 4, 3, 3, 3), "check-in pain")
    assert trend is not None and trend.marker == 4
    series, column = trend.chart(16)
    assert len(series) == 16 and column == 8  # point 4 of 8 starts column 8 of 16
    assert series[column] == 4
    assert trend.marker_text() == "first 2-point drop: 4 on 9 Mar 2026"
    series, column = trend.chart(4)  # two points per column: the marker's pair is (4, 3)
    assert series == [6, 6, 3.5, 3] and column == 2


def test_summary_pain_uses_non_demo_sessions_of_the_last_year() -> None:
    sessions = [
        s("2024-06-01", checkin=9, final=9),  # older than the calendar's year
        s("2026-01-05", checkin=6, final=5),
        s("2026-03-01", "stopped_pain", checkin=5, final=7),  # counts for pain, not for streaks
        s("2026-03-30", checkin=3, final=2),
        s("2026-03-30", demo=True, checkin=0, final=0),
    ]
    summary = summarise(sessions, TODAY, {})
    assert summary.checkin is not None and summary.final is not None
    assert summary.checkin.values == [6, 5, 3]
    assert summary.final.values == [5, 7, 2]
    assert summary.checkin.reading() == "check-in pain 6 -> 3 over 12 weeks: 3 points better, a change that matters"


# ---- session list and detail ----------------------------------------------------------------


def test_rows_newest_first_filter_and_choices() -> None:
    sessions = [
        s("2026-03-01", sid="1"),
        s("2026-03-02", program=B, sid="2"),
        s("2026-03-03", demo=True, sid="3"),
        s("2026-03-04", "stopped_pain", sid="4"),
    ]
    rows = session_rows(sessions)
    assert [r.id for r in rows] == ["4", "3", "2", "1"]
    assert [r.status for r in rows] == ["pain stop", "completed", "completed", "completed"]
    assert [r.demo for r in rows] == [False, True, False, False]
    assert [r.counts for r in rows] == [False, False, True, True]
    newest = newest_first(sessions)
    assert [d["id"] for d in newest] == ["4", "3", "2", "1"]
    assert [d["id"] for d in filter_sessions(newest, "b")] == ["2"]
    assert [d["id"] for d in filter_sessions(newest, None)] == ["4", "3", "2", "1"]
    assert filter_sessions(newest, "nope") == []
    assert program_choices(newest) == [("a", "Program A"), ("b", "Program B")]
    assert program_choices(sessions) == [("a", "Program A"), ("b", "Program B")]
    assert program_choices(newest_first([*sessions, s("2026-03-05", program=B)])) == [
        ("b", "Program B"),
        ("a", "Program A"),
    ]
    assert rows[0].when == "2026-03-04 08:00" and rows[0].minutes == 10


def test_drill_rows_name_the_drills_and_the_easier_version() -> None:
    session = {
        "drills": [
            {"drill_id": "front-plank", "replaced_by": "knee-plank", "status": "easier", "gate_pain": 5,
             "gate_band": "amber", "difficulty": "too_hard", "active_seconds": 40.0},
            {"drill_id": "mystery", "status": "skipped", "gate_pain": None, "gate_band": None,
             "difficulty": None, "active_seconds": 0},
            "not a drill",
        ]
    }
    library = {"front-plank": make_drill("front-plank", "hold"), "knee-plank": make_drill("knee-plank", "hold")}
    library["knee-plank"] = replace(library["knee-plank"], name="Kneeling plank")
    rows = drill_rows(session, library)
    assert [(r.name, r.status, r.gate_pain, r.band, r.difficulty, r.seconds) for r in rows] == [
        ("Front plank -> Kneeling plank", "easier", 5, "amber", "too hard", 40.0),
        ("mystery", "skipped", None, "-", "-", 0.0),
    ]
