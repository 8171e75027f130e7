"""The numbers behind the Markdown report: one period of history, summed up.

A physio reading the report wants the period it covers, how often the plan
was followed, the streaks as of today, the pain trend as numbers, and every
session. The streaks always look at the whole journal (a ``--since`` date
cuts the report, not the streak); everything else covers the period only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backcoach.coach.adherence import OVERVIEW_DAYS
from backcoach.coach.drill_report import CheckIn, DrillStats, SafetyBlock, check_ins, drill_stats, safety_blocks
from backcoach.coach.history import (
    Adherence,
    SessionRow,
    active_seconds,
    adherence,
    current_weekly_streak,
    longest_weekly_streak,
    pain_score,
    pain_series,
    session_row,
    weekly_target,
)
from backcoach.coach.pain_trend import PainTrend, pain_trend
from backcoach.coach.program_changes import ProgramChange, ProgramUse, program_changes, program_uses
from backcoach.coach.session_list import DrillRow, drill_rows, program_of, when_text
from backcoach.coach.streaks import (
    active_days,
    counts_for_streak,
    current_streak,
    longest_streak,
    session_day,
    week_start,
)
from backcoach.content.model import Drill, ProgramMeta

Session = Mapping[str, Any]

#: Up to this many weeks the pain table has a row per week, then per month.
WEEKLY_TABLE_WEEKS = 16


@dataclass(frozen=True)
class PainRow:
    label: str  # "week of 2026-03-02" or "2026-03"
    sessions: int
    checkin: float | None  # mean of the scores given
    final: float | None


@dataclass(frozen=True)
class DoseRow:
    """A drill whose dose the adaptive coach changed, held for a reason, or left out, in one session."""

    when: str
    program_name: str
    drill: DrillRow


@dataclass(frozen=True)
class PeriodSummary:
    start: date
    end: date
    sessions: int
    counted: int
    demos: int
    by_status: dict[str, int]
    active_days: int
    active_minutes: int
    current_streak: int
    longest_streak: int
    weekly_target: int
    weekly_program: str | None
    weekly_current: int
    weekly_longest: int
    adherence: tuple[Adherence, ...]
    checkin: PainTrend | None
    final: PainTrend | None
    pain_table: tuple[PainRow, ...]
    pain_table_by: str  # "week" or "month"
    rows: tuple[SessionRow, ...]  # oldest first
    #: What the adaptive coach did to doses, oldest first (demo sessions left out).
    dose_rows: tuple[DoseRow, ...] = ()
    #: Adherence over the History screen's window (the 28 days ending today), the Overview's very numbers.
    recent_adherence: tuple[Adherence, ...] = ()
    #: Per drill of the programs, in the order first met (see ``coach.drill_report``).
    drills: tuple[DrillStats, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()
    safety_blocks: tuple[SafetyBlock, ...] = ()
    programs: tuple[ProgramUse, ...] = ()
    program_changes: tuple[ProgramChange, ...] = ()
    #: ``(day, score)`` of every check-in and last pain check (demos left out), for a chart.
    checkin_points: tuple[tuple[date, int], ...] = ()
    final_points: tuple[tuple[date, int], ...] = ()
    #: Who each program used is for and who set it, where the installed file says (``notes`` never kept here).
    people: tuple[tuple[str, ProgramMeta], ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def in_period(sessions: Iterable[Session], since: date | None, until: date | None = None) -> list[Session]:
    """Sessions whose local start day is within ``since``..``until`` (open ends allowed).

    With a bound given, a session whose start cannot be read is left out.
    """
    if since is None and until is None:
        return list(sessions)
    chosen = []
    for session in sessions:
        day = session_day(session)
        if day is None:
            continue
        if (since is None or day >= since) and (until is None or day <= until):
            chosen.append(session)
    return chosen


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def pain_table(sessions: Iterable[Session], by: str) -> list[PainRow]:
    """Average check-in and last-check pain per week (Monday) or per month."""
    groups: dict[date, list[Session]] = {}
    for session in sessions:
        day = session_day(session)
        if day is None or session.get("demo"):
            continue
        key = week_start(day) if by == "week" else day.replace(day=1)
        groups.setdefault(key, []).append(session)
    rows = []
    for key in sorted(groups):
        members = groups[key]
        checkins = [v for s in members if (v := pain_score(s.get("checkin_pain"))) is not None]
        finals = [v for s in members if (v := pain_score(s.get("final_pain"))) is not None]
        label = f"week of {key.isoformat()}" if by == "week" else f"{key:%Y-%m}"
        rows.append(PainRow(label, len(members), _mean(checkins), _mean(finals)))
    return rows


def period_summary(
    all_sessions: Sequence[Session],
    today: date,
    plans: Mapping[str, int],
    since: date | None = None,
    *,
    library: Mapping[str, Drill],
    metas: Mapping[str, ProgramMeta] | None = None,
) -> PeriodSummary:
    """Sum up the sessions from ``since`` (default: the first one) to ``today``.

    ``all_sessions`` is the whole journal, oldest first; ``library`` names
    the drills and says their doses in words; ``metas`` are the installed
    programs' who-and-when (patient, clinician, review date) by program id.
    """
    period = in_period(all_sessions, since, today)
    first_days = [d for s in period if (d := session_day(s)) is not None]
    start = since if since is not None else (min(first_days) if first_days else today)
    start = min(start, today)
    all_days = active_days(all_sessions)
    target = weekly_target(all_sessions, plans)
    counted = [s for s in period if counts_for_streak(s)]
    weeks = (today - start).days / 7
    by = "week" if weeks <= WEEKLY_TABLE_WEEKS else "month"
    checkin_points = pain_series(period, "checkin_pain")
    final_points = pain_series(period, "final_pain")
    return PeriodSummary(
        start=start,
        end=today,
        sessions=len(period),
        counted=len(counted),
        demos=sum(1 for s in period if s.get("demo")),
        by_status=dict(Counter(str(s.get("status")) for s in period if not s.get("demo"))),
        active_days=len(active_days(period)),
        active_minutes=round(sum(active_seconds(s) for s in counted) / 60),
        current_streak=current_streak(all_days, today),
        longest_streak=longest_streak(all_days),
        weekly_target=target.days,
        weekly_program=target.program_name,
        weekly_current=current_weekly_streak(all_days, target.days, today),
        weekly_longest=longest_weekly_streak(all_days, target.days),
        # The whole journal: a program's window starts with its first session (coach.adherence).
        adherence=tuple(adherence(all_sessions, plans, start, today)),
        recent_adherence=tuple(adherence(all_sessions, plans, today - timedelta(days=OVERVIEW_DAYS - 1), today)),
        checkin=pain_trend(checkin_points, "check-in pain"),
        final=pain_trend(final_points, "last pain check"),
        checkin_points=tuple(checkin_points),
        final_points=tuple(final_points),
        pain_table=tuple(pain_table(period, by)),
        pain_table_by=by,
        rows=tuple(session_row(s) for s in period),
        dose_rows=tuple(dose_rows(period, library)),
        drills=tuple(drill_stats(period, library)),
        check_ins=tuple(check_ins(period)),
        safety_blocks=tuple(safety_blocks(period)),
        programs=tuple(program_uses(period)),
        program_changes=tuple(program_changes(all_sessions, library, start)),
        people=tuple(_people(period, metas or {})),
    )


def _people(period: Iterable[Session], metas: Mapping[str, ProgramMeta]) -> list[tuple[str, ProgramMeta]]:
    """``(program name, meta)`` of each program used that names someone; the private notes dropped."""
    found = []
    for use in program_uses(period):
        meta = metas.get(use.program_id)
        if meta is not None and (meta.patient or meta.clinician or meta.review_on):
            found.append((use.name, ProgramMeta(meta.patient, meta.clinician, meta.review_on)))
    return found


def dose_rows(period: Iterable[Session], library: Mapping[str, Drill]) -> list[DoseRow]:
    """Every drill record the adaptive coach had something to say about (``adapted``), in order."""
    rows = []
    for session in period:
        if session.get("demo"):
            continue
        _program_id, name = program_of(session)
        when = when_text(session.get("started_at"))
        rows += [DoseRow(when, name, row) for row in drill_rows(session, library) if row.change]
    return rows
