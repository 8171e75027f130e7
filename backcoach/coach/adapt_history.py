"""What the adaptive coach reads from past session documents.

Plain dicts as the journal stores them (see the README's "The session
document"), read defensively: a field that is missing or of the wrong type
counts as not known, never as a fact, so an old or odd session can only make
the coach hold a dose, not raise one.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from backcoach.coach.ladder import Level
from backcoach.coach.streaks import WORKED_STATUSES
from backcoach.content.model import LEG_REACH, Drill

#: The Dosage fields a recorded dose may carry.
DOSE_FIELDS = ("reps", "sets", "hold_seconds", "rest_seconds", "seconds", "sides")
#: The status of a pain check answered where the session then ended: a reading, not a drill done.
GATE_ONLY = "gate_only"


@dataclass(frozen=True)
class Past:
    """One session that reached the check-in: its start and the document."""

    start: datetime
    doc: Mapping[str, Any]

    @property
    def end(self) -> datetime:
        """When it ended (its start, when the end is missing, unreadable or before it)."""
        end = _moment(self.doc.get("ended_at"))
        return end if end is not None and end >= self.start else self.start

    @property
    def worked(self) -> bool:
        """Some drill was done: a dose the next day can judge (the sessions doses build on)."""
        return any(r.get("status") in WORKED_STATUSES for r in self.records())

    @property
    def checkin(self) -> int | None:
        value = self.doc.get("checkin_pain")
        return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 else None

    @property
    def program_id(self) -> str | None:
        program = self.doc.get("program")
        return program.get("id") if isinstance(program, dict) else None

    @property
    def leg(self) -> str | None:
        value = self.doc.get("leg_today")
        return value if value in LEG_REACH else None

    def records(self) -> list[Mapping[str, Any]]:
        drills = self.doc.get("drills")
        return [r for r in drills if isinstance(r, dict)] if isinstance(drills, list) else []

    def record_for(self, drill_id: str) -> Mapping[str, Any] | None:
        """The drill's record, or its pain check where the session ended at it
        (status ``gate_only``): a red or stop reading there counts like one on a record."""
        for record in self.records():
            if record.get("drill_id") == drill_id:
                return record
        last_gate = self.doc.get("last_gate")
        if isinstance(last_gate, dict) and last_gate.get("drill_id") == drill_id:
            return {**last_gate, "status": GATE_ONLY}
        return None

    def had_spread(self) -> bool:
        last_gate = self.doc.get("last_gate")
        gate_spread = isinstance(last_gate, dict) and last_gate.get("leg_spread") is True
        return gate_spread or any(r.get("leg_spread") is True for r in self.records())

    def followup(self) -> str | None:
        """The next-day answer given at this session's check-in (about the last worked session before it)."""
        value = self.doc.get("followup")
        compared = value.get("compared") if isinstance(value, dict) else None
        return compared if compared in ("better", "same", "worse") else None


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def parse_start(doc: Mapping[str, Any]) -> datetime | None:
    return _moment(doc.get("started_at"))


def checked_in(history: Iterable[Mapping[str, Any]], now: datetime) -> list[Past]:
    """The real sessions that reached the check-in, oldest first: what the
    day's facts read (check-ins and their medians, next-day answers, leg pain,
    spreads), rest days and sessions ended at a pain check included.

    Demo and sped-up sessions never count, nor a session stopped at the
    safety check or ended before the check-in (no score, no drill), nor one
    that claims to start after ``now`` (a clock set back).
    """
    sessions = []
    for doc in history:
        if not isinstance(doc, Mapping) or doc.get("demo") is not False:
            continue
        start = parse_start(doc)
        if start is None or start > now:
            continue
        past = Past(start, doc)
        if past.checkin is not None or past.records() or isinstance(doc.get("last_gate"), dict):
            sessions.append(past)
    sessions.sort(key=lambda p: p.start)
    return sessions


def last_worked(sessions: Sequence[Past]) -> Past | None:
    """The worked session that ended last: the one the next-day question is about.

    ``sessions`` are oldest first. Only one backcoach runs per journal, so
    sessions do not overlap: the search goes back from the newest worked one
    just far enough (2 days) to catch a session that ended after it started.
    """
    best: Past | None = None
    for past in reversed(sessions):
        if best is not None and past.start < best.start - timedelta(days=2):
            break
        if past.worked and (best is None or past.end > best.end):
            best = past
    return best


def median_checkin(sessions: Sequence[Past], start: datetime, end: datetime) -> float | None:
    """The median check-in of sessions started in [start, end), or ``None`` without any.

    ``sessions`` are oldest first (as ``checked_in`` gives them), so the window
    is found by bisection: years of history cost no more than a fortnight's.
    """
    first = bisect.bisect_left(sessions, start, key=_start_of)
    last = bisect.bisect_left(sessions, end, key=_start_of)
    scores = [score for p in sessions[first:last] if (score := p.checkin) is not None]
    return statistics.median(scores) if scores else None


def _start_of(past: Past) -> datetime:
    return past.start


def weekly_medians(sessions: Sequence[Past], now: datetime, today: int | None, weeks: int) -> list[float | None]:
    """Median check-in of each 7-day window back from ``now``, newest first (today's score in the first)."""
    medians = []
    for week in range(weeks):
        end, start = now - timedelta(days=7 * week), now - timedelta(days=7 * (week + 1))
        scores = [p.checkin for p in sessions if start <= p.start < end and p.checkin is not None]
        if week == 0 and today is not None:
            scores.append(today)
        medians.append(statistics.median(scores) if scores else None)
    return medians


def recorded_level(record: Mapping[str, Any], base: Level, library: Mapping[str, Drill]) -> Level | None:
    """The dose level a drill record says the drill stood at (its ``adapted.level``), if readable.

    The level is what the plan carries forward: a flare day's half dose and
    a direction swap are for the day only, so they are not the level. Only a
    drill in ``base``'s own chain (its easier and harder versions) can be a
    level of it; the program's own drill keeps the program's settings (a
    tempo, which way to breathe out) at the recorded dose.
    """
    adapted = record.get("adapted")
    if not isinstance(adapted, dict):
        return None
    level = adapted.get("level")
    if not isinstance(level, dict):
        return None
    drill_id = level.get("drill_id")
    if not isinstance(drill_id, str) or drill_id not in chain_of(base.drill, library):
        return None
    own = drill_id == base.drill.id
    drill = base.drill if own else library[drill_id]
    values: dict[str, int] = {}
    # The rest between sets is not a step on any ladder: the program's own drill keeps the program's.
    for name in (f for f in DOSE_FIELDS if not (own and f == "rest_seconds")):
        value = level.get(name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3600:
            return None
        values[name] = value
    return Level(drill, replace(drill.dosage, **values))


def chain_of(drill: Drill, library: Mapping[str, Drill]) -> set[str]:
    """The ids of ``drill`` and every drill reached from it by easier or harder links."""
    seen = {drill.id}
    for link in ("easier", "harder"):
        current: Drill | None = drill
        while current is not None:
            next_id = getattr(current, link)
            current = library.get(next_id) if next_id and next_id not in seen else None
            if current is not None:
                seen.add(current.id)
    return seen


def easy_at_its_level(record: Mapping[str, Any]) -> bool:
    """Rated "too easy" after doing the whole dose at the level the plan carries.

    Only that is a signal to step up (CLINICAL.md 3, rule 2): "too easy"
    about an easier version, a part done, or a flare day's half dose says
    nothing about the dose the next step would build on.
    """
    if record.get("difficulty") != "too_easy" or record.get("status") != "done" or record.get("replaced_by"):
        return False
    adapted = record.get("adapted")
    return adapted is None or (isinstance(adapted, dict) and adapted.get("to") == adapted.get("level"))


def recorded_rules(record: Mapping[str, Any]) -> tuple[str, ...]:
    adapted = record.get("adapted")
    rules = adapted.get("rules") if isinstance(adapted, dict) else None
    return tuple(r for r in rules if isinstance(r, str)) if isinstance(rules, list) else ()


__all__ = [
    "DOSE_FIELDS",
    "GATE_ONLY",
    "chain_of",
    "checked_in",
    "last_worked",
    "Past",
    "easy_at_its_level",
    "median_checkin",
    "parse_start",
    "recorded_level",
    "recorded_rules",
    "weekly_medians",
]
