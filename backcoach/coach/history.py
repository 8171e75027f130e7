"""What the History screen and the Markdown report show, computed from plain
session documents: the calendar grid, daily and weekly streaks, adherence
to a program's planned days, the pain trend, and the session list.

Everything here is a pure function of the documents, ``today`` and the
programs' planned days per week, so it runs in a worker thread, in the CLI
and in table-driven tests alike. Days are the local calendar days of
:mod:`backcoach.coach.streaks`; only sessions that count there (completed or
ended early, not a demo) fill the calendar and the streaks. The pain trend
uses every session that is not a demo, because a session stopped for pain
says the most about pain.

The session list lives in :mod:`backcoach.coach.session_list` and the pain
trend in :mod:`backcoach.coach.pain_trend`; both are re-exported here, so
this module is the one place the screens and the report import from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backcoach.coach.adherence import OVERVIEW_DAYS, Adherence as Adherence, adherence as adherence
from backcoach.coach.dose_course import DoseCourse, dose_course
from backcoach.coach.pain_trend import PainTrend, pain_trend

# Re-exported (``X as X``): the history screens read the session list from here.
from backcoach.coach.session_list import (
    STATUS_WORDS as STATUS_WORDS,
    DrillRow as DrillRow,
    SessionRow as SessionRow,
    active_seconds as active_seconds,
    drill_rows as drill_rows,
    filter_sessions as filter_sessions,
    newest_first as newest_first,
    pain_score as pain_score,
    program_choices as program_choices,
    program_of as program_of,
    session_row as session_row,
    session_rows as session_rows,
    when_text as when_text,
)
from backcoach.coach.streaks import (
    active_days,
    counts_for_streak,
    current_streak,
    longest_run,
    longest_streak,
    session_day,
    week_start,
)
from backcoach.coach.today import streak_words
from backcoach.coach.words import plural as plural

Session = Mapping[str, Any]

CALENDAR_WEEKS = 53
#: Lower bounds in active minutes of calendar levels 1-4 (level 0 is no session).
LEVEL_MINUTES = (0.0, 5.0, 15.0, 30.0)
LEVEL_CHARS = "·░▒▓█"
LEGEND = "· none  ░ under 5 min  ▒ 5-15  ▓ 15-30  █ 30+ min"
LEGEND_TODAY = "  (today in reverse)"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# ---- calendar --------------------------------------------------------------------


@dataclass(frozen=True)
class DayCell:
    day: date
    minutes: float
    level: int  # 0 = no session that counts, 1-4 = more active minutes
    today: bool
    future: bool

    @property
    def char(self) -> str:
        return " " if self.future else LEVEL_CHARS[self.level]


@dataclass(frozen=True)
class Heatmap:
    """Weeks as columns (oldest first), Monday to Sunday as rows."""

    weeks: tuple[tuple[DayCell, ...], ...]
    month_labels: tuple[tuple[int, str], ...]  # (column, "Mar")
    today: DayCell

    @property
    def first_day(self) -> date:
        return self.weeks[0][0].day

    def rows(self) -> list[list[DayCell]]:
        return [[week[weekday] for week in self.weeks] for weekday in range(7)]


def level_for(minutes: float) -> int:
    """Calendar level 1-4 of a day that counts (a day with no time moving is still 1)."""
    return sum(1 for bound in LEVEL_MINUTES if minutes >= bound)


def day_minutes(sessions: Iterable[Session]) -> dict[date, float]:
    """Active minutes per local day, from the sessions that count."""
    minutes: dict[date, float] = defaultdict(float)
    for session in sessions:
        if not counts_for_streak(session):
            continue
        day = session_day(session)
        if day is not None:
            minutes[day] += active_seconds(session) / 60
    return dict(minutes)


def heatmap(sessions: Iterable[Session], today: date, weeks: int = CALENDAR_WEEKS) -> Heatmap:
    """The calendar: ``weeks`` columns ending with today's week."""
    minutes = day_minutes(sessions)
    first = week_start(today) - timedelta(weeks=weeks - 1)
    columns = []
    starts: list[tuple[int, str]] = []  # (column, month) of each 1st of a month shown
    for column in range(weeks):
        monday = first + timedelta(weeks=column)
        cells = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            counted = day in minutes
            cells.append(
                DayCell(
                    day=day,
                    minutes=minutes.get(day, 0.0),
                    level=level_for(minutes[day]) if counted else 0,
                    today=day == today,
                    future=day > today,
                )
            )
            if day.day == 1 and day <= today:
                starts.append((column, MONTHS[day.month - 1]))
        columns.append(tuple(cells))
    # Each month is labelled above the week holding its 1st; the month already
    # under way in the first column gets a label only if there is room.
    labels: list[tuple[int, str]] = []
    if not starts or starts[0][0] >= 4:
        labels.append((0, MONTHS[first.month - 1]))
    for column, name in starts:
        if not labels or column >= labels[-1][0] + 4:
            labels.append((column, name))
    today_cell = columns[-1][today.weekday()]
    return Heatmap(tuple(columns), tuple(labels), today_cell)


# ---- weekly streak ------------------------------------------------


def days_per_week(days: Iterable[date]) -> dict[date, int]:
    """Active days in each week, keyed by the week's Monday."""
    counts: dict[date, int] = defaultdict(int)
    for day in set(days):
        counts[week_start(day)] += 1
    return dict(counts)


def current_weekly_streak(days: set[date], target: int, today: date) -> int:
    """Weeks in a row with at least ``target`` active days, up to this week.

    Like the daily streak, the week under way only adds when it is already
    met; until Sunday it never breaks the streak.
    """
    counts = days_per_week(days)
    week = week_start(today)
    if counts.get(week, 0) < target:
        week -= timedelta(weeks=1)
    streak = 0
    while counts.get(week, 0) >= target:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def longest_weekly_streak(days: set[date], target: int) -> int:
    met = {week for week, count in days_per_week(days).items() if count >= target}
    return longest_run(met, timedelta(weeks=1))


@dataclass(frozen=True)
class WeeklyTarget:
    days: int
    program_name: str | None  # None: no program in use sets days per week

    @property
    def words(self) -> str:
        if self.program_name is None:
            return "with a session"
        return f"of {self.days}+ days"


def weekly_target(sessions: Sequence[Session], plans: Mapping[str, int]) -> WeeklyTarget:
    """The planned days per week of the most recent counted program that sets one.

    Without such a program, a week needs one active day.
    """
    for session in reversed(sessions):
        if not counts_for_streak(session):
            continue
        program_id, name = program_of(session)
        days = plans.get(program_id)
        if days:
            return WeeklyTarget(int(days), name)
    return WeeklyTarget(1, None)


# ---- the whole picture --------------------------------------------------------------


@dataclass(frozen=True)
class HistorySummary:
    today: date
    sessions: int  # every session in the journal, demos included
    demos: int
    current_streak: int
    longest_streak: int
    weekly: WeeklyTarget
    weekly_current: int
    weekly_longest: int
    week_sessions: int  # sessions that count, Monday to today
    four_week_sessions: int  # sessions that count, the 28 days ending today
    four_week_days: int
    adherence: tuple[Adherence, ...]
    heatmap: Heatmap
    checkin: PainTrend | None
    final: PainTrend | None

    def streak_line(self) -> str:
        return (
            f"Streak {streak_words(self.current_streak)} (best {self.longest_streak})"
            f"  ·  Weekly {plural(self.weekly_current, 'week')} {self.weekly.words}"
            f" (best {self.weekly_longest})"
        )

    def counts_line(self) -> str:
        return (
            f"This week {plural(self.week_sessions, 'session')}"
            f"  ·  last 4 weeks {plural(self.four_week_sessions, 'session')}"
            f" on {plural(self.four_week_days, 'day')}"
        )

    def adherence_line(self) -> str:
        """Planned days done per program, or "" when no program in use sets them."""
        if not self.adherence:
            return ""
        return "Plan, last 4 weeks: " + "  ·  ".join(a.words for a in self.adherence)


def counted_between(sessions: Iterable[Session], start: date, end: date) -> list[Session]:
    return [
        s
        for s in sessions
        if counts_for_streak(s) and (day := session_day(s)) is not None and start <= day <= end
    ]


def summarise(
    sessions: Sequence[Session],
    today: date,
    plans: Mapping[str, int],
    pain_since: date | None = None,
) -> HistorySummary:
    """Everything the History screen's overview shows, in one pass over history.

    ``sessions`` are oldest first (as ``Journal.sessions()`` returns them).
    The pain trend covers the calendar's year unless ``pain_since`` is given.
    """
    days = active_days(sessions)
    target = weekly_target(sessions, plans)
    four_weeks_start = today - timedelta(days=OVERVIEW_DAYS - 1)
    recent = counted_between(sessions, four_weeks_start, today)
    grid = heatmap(sessions, today)
    since = pain_since if pain_since is not None else grid.first_day
    return HistorySummary(
        today=today,
        sessions=len(sessions),
        demos=sum(1 for s in sessions if s.get("demo")),
        current_streak=current_streak(days, today),
        longest_streak=longest_streak(days),
        weekly=target,
        weekly_current=current_weekly_streak(days, target.days, today),
        weekly_longest=longest_weekly_streak(days, target.days),
        week_sessions=len(counted_between(sessions, week_start(today), today)),
        four_week_sessions=len(recent),
        four_week_days=len({session_day(s) for s in recent}),
        adherence=tuple(adherence(sessions, plans, four_weeks_start, today)),
        heatmap=grid,
        checkin=pain_trend(pain_series(sessions, "checkin_pain", since, today), "check-in pain"),
        final=pain_trend(pain_series(sessions, "final_pain", since, today), "last pain check"),
    )


def pain_series(
    sessions: Iterable[Session], field: str, since: date | None = None, until: date | None = None
) -> list[tuple[date, int]]:
    """``(day, score)`` for every non-demo session with a score, in time order."""
    series = []
    for session in sessions:
        if session.get("demo"):
            continue
        score = pain_score(session.get(field))
        day = session_day(session)
        if score is None or day is None:
            continue
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        series.append((day, score))
    return series


# ---- the screen's data ---------------------------------------------------------------


@dataclass(frozen=True)
class HistoryView:
    """The History screen's data, computed off the UI thread."""

    summary: HistorySummary
    newest: list[dict[str, Any]]  # every session, newest first
    programs: list[tuple[str, str]]  # (id, name), most recently used first
    by_id: dict[str, dict[str, Any]]
    sessions: list[dict[str, Any]]  # the snapshot, oldest first (for export)
    courses: list[DoseCourse]  # each program's dose steps in 4 weeks, most recently used first


def build_view(sessions: list[dict[str, Any]], today: date, plans: Mapping[str, int]) -> HistoryView:
    """Everything the History screen shows, from the journal's sessions (oldest first)."""
    newest = newest_first(sessions)
    return HistoryView(
        summary=summarise(sessions, today, plans),
        newest=newest,
        programs=program_choices(newest),
        by_id={str(s.get("id")): s for s in sessions},
        sessions=sessions,
        courses=dose_course(sessions, today),
    )
