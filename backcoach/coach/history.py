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
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence

from backcoach.coach.pain_trend import PainTrend, pain_trend
from backcoach.coach.streaks import (
    active_days,
    counts_for_streak,
    current_streak,
    day_or_none,
    longest_streak,
    week_start,
)

Session = Mapping[str, Any]

CALENDAR_WEEKS = 53
#: Lower bounds in active minutes of calendar levels 1-4 (level 0 is no session).
LEVEL_MINUTES = (0.0, 5.0, 15.0, 30.0)
LEVEL_CHARS = "·░▒▓█"
LEGEND = "· none  ░ under 5 min  ▒ 5-15  ▓ 15-30  █ 30+ min  (today in reverse)"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STATUS_WORDS = {
    "completed": "completed",
    "ended_early": "ended early",
    "stopped_pain": "pain stop",
    "stopped_safety": "safety stop",
    "interrupted": "interrupted",
}


# ---- small readers -----------------------------------------------------------


def program_of(session: Session) -> tuple[str, str]:
    """``(id, name)`` of a session's program, with stand-ins for missing parts."""
    program = session.get("program")
    if type(program) is not dict:
        program = {}
    program_id = str(program.get("id") or "")
    return program_id, str(program.get("name") or program_id or "unnamed program")


def active_seconds(session: Session) -> float:
    """Time spent moving: the sum of the drills' ``active_seconds``."""
    total = 0.0
    for drill in session.get("drills") or ():
        if type(drill) is dict:  # JSON documents: plain dicts, checked cheaply
            value = drill.get("active_seconds")
            if type(value) in _NUMBERS and value > 0:
                total += value
    return total


_NUMBERS = (int, float)  # exact types: a bool is not a number here


def pain_score(value: object) -> int | None:
    """A 0-10 score, or ``None`` for anything that is not one."""
    if type(value) is int and 0 <= value <= 10:
        return value
    return None


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


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
        day = day_or_none(session)
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


# ---- weekly streak and adherence ------------------------------------------------


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
    best = 0
    for week in met:
        if week - timedelta(weeks=1) in met:
            continue
        length = 1
        while week + timedelta(weeks=length) in met:
            length += 1
        best = max(best, length)
    return best


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


@dataclass(frozen=True)
class Adherence:
    program_id: str
    program_name: str
    days_per_week: int
    planned_days: int
    done_days: int

    @property
    def percent(self) -> int:
        return round(100 * self.done_days / self.planned_days) if self.planned_days else 0

    @property
    def words(self) -> str:
        return f"{self.program_name} {self.done_days} of {self.planned_days} days ({self.percent}%)"


def adherence(
    sessions: Iterable[Session], plans: Mapping[str, int], start: date, end: date
) -> list[Adherence]:
    """Days done against days planned, per program that sets days per week.

    Covers the programs tried (any session that is not a demo) between
    ``start`` and ``end`` inclusive; planned days are ``days_per_week`` times
    the number of weeks in the window, rounded.
    """
    window_days = (end - start).days + 1
    tried: dict[str, str] = {}
    done: dict[str, set[date]] = defaultdict(set)
    for session in sessions:
        day = day_or_none(session)
        if day is None or not start <= day <= end or session.get("demo"):
            continue
        program_id, name = program_of(session)
        if not plans.get(program_id):
            continue
        tried[program_id] = name
        if counts_for_streak(session):
            done[program_id].add(day)
    result = []
    for program_id, name in sorted(tried.items(), key=lambda item: item[1].lower()):
        per_week = int(plans[program_id])
        planned = max(1, round(per_week * window_days / 7))
        result.append(Adherence(program_id, name, per_week, planned, len(done[program_id])))
    return result


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
            f"Streak {plural(self.current_streak, 'day')} (best {self.longest_streak})"
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
        if counts_for_streak(s) and (day := day_or_none(s)) is not None and start <= day <= end
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
    four_weeks_start = today - timedelta(days=27)
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
        four_week_days=len({day_or_none(s) for s in recent}),
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
        day = day_or_none(session)
        if score is None or day is None:
            continue
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        series.append((day, score))
    return series


# ---- the session list ---------------------------------------------------------------


@dataclass(slots=True)
class SessionRow:
    """One line of the session list, already in words.

    Not frozen: a frozen dataclass's ``__init__`` is several times slower,
    and ten years of history builds 3,650 of these per screen open.
    """

    id: str
    when: str  # "2026-03-30 08:00", the wall clock where it happened
    day: date | None
    program_id: str
    program_name: str
    status: str
    demo: bool
    drills_done: int
    drills_total: int
    minutes: int
    checkin: int | None
    final: int | None

    @property
    def counts(self) -> bool:
        return self.status in ("completed", "ended early") and not self.demo

    @property
    def pain(self) -> str:
        def score(value: int | None) -> str:
            return "-" if value is None else str(value)

        return f"{score(self.checkin)} -> {score(self.final)}"


def when_text(started: object) -> str:
    """The start as the wall clock showed it there: ``2026-03-30 08:00``."""
    text = str(started or "")
    return text[:16].replace("T", " ") if len(text) >= 16 else (text or "unknown time")


def session_row(session: Session) -> SessionRow:
    program_id, name = program_of(session)
    drills = [d for d in session.get("drills") or () if type(d) is dict]
    done = sum(1 for d in drills if d.get("status") in ("done", "partial", "easier"))
    status = str(session.get("status") or "")
    return SessionRow(
        id=str(session.get("id") or ""),
        when=when_text(session.get("started_at")),
        day=day_or_none(session),
        program_id=program_id,
        program_name=name,
        status=STATUS_WORDS.get(status, status or "unknown"),
        demo=bool(session.get("demo")),
        drills_done=done,
        drills_total=len(drills),
        minutes=round(active_seconds(session) / 60),
        checkin=pain_score(session.get("checkin_pain")),
        final=pain_score(session.get("final_pain")),
    )


def session_rows(sessions: Iterable[Session]) -> list[SessionRow]:
    """Every session, newest first (by the moment it started)."""
    rows = [session_row(s) for s in sessions]
    rows.reverse()  # the journal hands them over oldest first
    return rows


def newest_first(sessions: Sequence[Session]) -> list[Session]:
    """The journal's sessions (oldest first) in the list's order: newest first."""
    return list(reversed(sessions))


def filter_sessions(sessions: Iterable[Session], program_id: str | None) -> list[Session]:
    """The sessions of one program (``None``: all of them), order kept.

    Works on the documents, not on :class:`SessionRow`: the list widget only
    turns the rows on screen into words, so filtering ten years stays cheap.
    """
    if program_id is None:
        return list(sessions)
    return [s for s in sessions if program_of(s)[0] == program_id]


def program_choices(sessions: Iterable[Session]) -> list[tuple[str, str]]:
    """``(id, name)`` of every program in ``sessions``, in the order first met.

    Given the list newest first, the most recently used program comes first.
    """
    seen: dict[str, str] = {}
    for session in sessions:
        program_id, name = program_of(session)
        seen.setdefault(program_id, name)
    return list(seen.items())


@dataclass(frozen=True)
class DrillRow:
    name: str
    status: str
    gate_pain: int | None
    band: str
    difficulty: str
    seconds: float


def drill_rows(session: Session, names: Mapping[str, str]) -> list[DrillRow]:
    """A session's drills in the order done, with names from the library."""
    rows = []
    for drill in session.get("drills") or ():
        if type(drill) is not dict:
            continue
        drill_id = str(drill.get("drill_id") or "?")
        name = names.get(drill_id, drill_id)
        replaced = drill.get("replaced_by")
        if replaced:
            name = f"{name} -> {names.get(str(replaced), str(replaced))}"
        seconds = drill.get("active_seconds")
        rows.append(
            DrillRow(
                name=name,
                status=str(drill.get("status") or "-"),
                gate_pain=pain_score(drill.get("gate_pain")),
                band=str(drill.get("gate_band") or "-"),
                difficulty=str(drill.get("difficulty") or "-").replace("_", " "),
                seconds=float(seconds) if isinstance(seconds, (int, float)) else 0.0,
            )
        )
    return rows
