"""Streaks from the journal's session documents.

A day counts when it holds at least one completed or ended-early session
that is not a demo and in which at least one drill was done, partly done or
done easier (a session of only skipped drills is not exercise, CLINICAL.md
and issue 9's safe defaults). Days are the user's local calendar days as they lived
them: a session belongs to the date in its own ``started_at`` (which carries
the UTC offset where it was recorded), so crossing midnight, a daylight
saving change or a flight across time zones never splits or doubles a day.

Weeks run Monday to Sunday (ISO weeks) over those same local days; the
weekly streak built on them lives in :mod:`backcoach.coach.history`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

COUNTING_STATUSES = frozenset({"completed", "ended_early"})
#: Drill statuses that mean some of the drill was really done.
WORKED_STATUSES = frozenset({"done", "partial", "easier", "partial_easier"})

Session = Mapping[str, Any]


def session_day(session: Session) -> date | None:
    """The calendar day a session started on, where it started; ``None`` when
    its ``started_at`` is missing or unreadable.

    The one reading of a session's day for streaks, history, the safety
    check and the journal. History is read years later and may hold
    hand-edited or imported documents: one bad timestamp must not hide every
    other day, nor stop a screen.
    """
    started = session.get("started_at")
    if type(started) is not str or not started:
        return None
    return _day_of(started)


@lru_cache(maxsize=16384)
def _day_of(started: str) -> date | None:
    """Parsed once per timestamp: history screens re-read the same ones often."""
    try:
        return datetime.fromisoformat(started).date()
    except ValueError:
        return None


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def worked(session: Session) -> bool:
    """At least one drill of the session was done, partly done or done easier."""
    drills = session.get("drills")
    if not isinstance(drills, list):
        return False
    return any(isinstance(d, Mapping) and d.get("status") in WORKED_STATUSES for d in drills)


def counts_for_streak(session: Session) -> bool:
    return (
        session.get("status") in COUNTING_STATUSES
        and not session.get("demo", False)
        and worked(session)
    )


def active_days(sessions: Iterable[Session]) -> set[date]:
    days = {session_day(s) for s in sessions if counts_for_streak(s)}
    days.discard(None)
    return days  # type: ignore[return-value]  # discard(None) above leaves only dates


def current_streak(days: set[date], today: date) -> int:
    """Consecutive active days up to today; a day not yet done does not break it."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_run(points: set[date], step: timedelta) -> int:
    """The longest run of ``points`` each ``step`` after the one before."""
    best = 0
    for point in points:
        if point - step in points:
            continue
        length = 1
        while point + step * length in points:
            length += 1
        best = max(best, length)
    return best


def longest_streak(days: set[date]) -> int:
    return longest_run(days, timedelta(days=1))

