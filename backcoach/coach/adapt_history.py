"""What the adaptive coach reads from past session documents.

Plain dicts as the journal stores them (see the README's "The session
document"), read defensively: a field that is missing or of the wrong type
counts as not known, never as a fact, so an old or odd session can only make
the coach hold a dose, not raise one.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from backcoach.coach.ladder import Level
from backcoach.content.model import LEG_REACH, Drill

#: Drill statuses that mean some of the drill was done.
DONE_STATUSES = ("done", "partial", "easier")
#: The Dosage fields a recorded dose may carry.
_DOSE_FIELDS = ("reps", "sets", "hold_seconds", "rest_seconds", "seconds", "sides")


@dataclass(frozen=True)
class Past:
    """One counted session: its start and the document."""

    start: datetime
    doc: Mapping[str, Any]

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
        for record in self.records():
            if record.get("drill_id") == drill_id:
                return record
        return None

    def had_spread(self) -> bool:
        last_gate = self.doc.get("last_gate")
        gate_spread = isinstance(last_gate, dict) and last_gate.get("leg_spread") is True
        return gate_spread or any(r.get("leg_spread") is True for r in self.records())

    def followup(self) -> tuple[str | None, float | None]:
        """The next-day answer recorded at this session's check-in: (compared, hours_since)."""
        value = self.doc.get("followup")
        if not isinstance(value, dict):
            return None, None
        compared = value.get("compared")
        hours = value.get("hours_since")
        return (
            compared if compared in ("better", "same", "worse") else None,
            float(hours) if isinstance(hours, (int, float)) and not isinstance(hours, bool) else None,
        )


def parse_start(doc: Mapping[str, Any]) -> datetime | None:
    text = doc.get("started_at")
    if not isinstance(text, str):
        return None
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        return None
    return start if start.tzinfo is not None else None


def counted(history: Iterable[Mapping[str, Any]], now: datetime) -> list[Past]:
    """The sessions that count, oldest first.

    Demo and sped-up sessions never count, nor a session in which no drill
    was done (a safety stop, an ending at the check-in), nor one that
    claims to start after ``now`` (a clock set back).
    """
    sessions = []
    for doc in history:
        if not isinstance(doc, Mapping) or doc.get("demo") is not False:
            continue
        start = parse_start(doc)
        if start is None or start > now:
            continue
        past = Past(start, doc)
        if any(r.get("status") in DONE_STATUSES for r in past.records()):
            sessions.append(past)
    sessions.sort(key=lambda p: p.start)
    return sessions


def median_checkin(sessions: Sequence[Past], start: datetime, end: datetime) -> float | None:
    """The median check-in of sessions started in [start, end), or ``None`` without any."""
    scores = [p.checkin for p in sessions if start <= p.start < end and p.checkin is not None]
    return statistics.median(scores) if scores else None


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


def recorded_level(record: Mapping[str, Any], library: Mapping[str, Drill]) -> Level | None:
    """The dose level a drill record says the drill stood at (its ``adapted.level``), if readable.

    The level is what the plan carries forward: a flare day's half dose and
    a direction swap are for the day only, so they are not the level.
    """
    adapted = record.get("adapted")
    if not isinstance(adapted, dict):
        return None
    level = adapted.get("level")
    if not isinstance(level, dict):
        return None
    drill_id = level.get("drill_id")
    drill = library.get(drill_id) if isinstance(drill_id, str) else None
    if drill is None:
        return None
    values: dict[str, int] = {}
    for name in _DOSE_FIELDS:
        value = level.get(name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3600:
            return None
        values[name] = value
    return Level(drill, replace(drill.dosage, **values))


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
    "DONE_STATUSES",
    "Past",
    "counted",
    "easy_at_its_level",
    "median_checkin",
    "parse_start",
    "recorded_level",
    "recorded_rules",
    "weekly_medians",
]
