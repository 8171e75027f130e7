"""How each program's doses moved in the last four weeks: steps up and steps down.

History's Overview says, one line per program, "Morning mobility: 2 steps
up, 1 down in 4 weeks", so a person (and their physiotherapist) sees the
course of the doses without opening every session.

What counts as a step, precisely. A drill record is read through its
``adapted`` (schema 4, written by :mod:`backcoach.coach.adapt`):

* a step **up** is a record whose rules hold ``3.progression.6`` *and* whose
  ``level`` (the dose the plan carries forward) differs from the level the
  drill stood at before that session;
* a step **down** is the same with ``3.step_down.1`` (one step down) or
  ``3.step_down.2`` (the easier version).

The level before is the drill's ``level`` in the program's previous counted
session that had it, or the program's own dose (``adapted.from``) when that
record had no ``adapted`` or there was none. Comparing levels matters
because the coach cites the same rules when it holds a dose ("same dose: the
top of its ladder", "the lowest there is"): a held dose is no step. A flare
day's half dose (``3.flare``, ``3.flare.return``) and a swap or a leaving
out for direction (``4.*``) are for that day only, so they never count;
nor does returning to the level after them. One record is at most one step.

Only sessions the coach itself learns from are read, as
:func:`backcoach.coach.adapt_history.counted` picks them: no demo, and some
drill done. The four weeks are the 28 calendar days ending today, the same
window as the Overview's "in the last 4 weeks" counts. A program gets a line
when it had such a session in that window.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from backcoach.coach.adapt_history import DONE_STATUSES, parse_start
from backcoach.coach.session_list import program_of
from backcoach.coach.streaks import session_day
from backcoach.coach.words import plural

WINDOW_DAYS = 28
STEP_UP_RULES = frozenset({"3.progression.6"})
STEP_DOWN_RULES = frozenset({"3.step_down.1", "3.step_down.2"})


@dataclass(frozen=True)
class DoseCourse:
    """One program's steps up and down in the window."""

    program_id: str
    name: str
    up: int = 0
    down: int = 0

    def line(self) -> str:
        if not self.up and not self.down:
            return f"{self.name}: no dose changes in 4 weeks"
        if self.up and self.down:
            return f"{self.name}: {plural(self.up, 'step')} up, {self.down:,} down in 4 weeks"
        if self.up:
            return f"{self.name}: {plural(self.up, 'step')} up in 4 weeks"
        return f"{self.name}: {plural(self.down, 'step')} down in 4 weeks"


def step_of(adapted: Mapping[str, Any], before: object) -> int:
    """+1 for a step up, -1 for a step down, 0 for anything else (see the module's rules)."""
    level = adapted.get("level")
    if type(level) is not dict or level == before:
        return 0
    rules = adapted.get("rules")
    said = {r for r in rules if type(r) is str} if type(rules) is list else set()
    if said & STEP_UP_RULES:
        return 1
    if said & STEP_DOWN_RULES:
        return -1
    return 0


def _counted(sessions: Iterable[Mapping[str, Any]], today: date) -> list[tuple[date, Mapping[str, Any]]]:
    """``(day, session)`` of the sessions the coach learns from, up to today, in the order they started."""
    chosen: list[tuple[datetime, date, Mapping[str, Any]]] = []
    for doc in sessions:
        if doc.get("demo") is not False:
            continue
        start = parse_start(doc)
        day = session_day(doc)
        drills = doc.get("drills")
        if start is None or day is None or day > today or type(drills) is not list:
            continue
        if any(type(r) is dict and r.get("status") in DONE_STATUSES for r in drills):
            chosen.append((start, day, doc))
    chosen.sort(key=lambda item: item[0])
    return [(day, doc) for _, day, doc in chosen]


def dose_course(sessions: Iterable[Mapping[str, Any]], today: date) -> list[DoseCourse]:
    """Each program with a counted session in the 28 days ending ``today``, most recently used first.

    ``sessions`` may be in any order; the whole history is read, because a
    step in the window is measured against the level before it, which may
    be older.
    """
    first_day = today - timedelta(days=WINDOW_DAYS - 1)
    # program id -> drill id -> the level it stands at; absent: the program's own dose.
    levels: dict[str, dict[str, dict[str, Any]]] = {}
    courses: dict[str, DoseCourse] = {}
    for day, doc in _counted(sessions, today):
        program_id, name = program_of(doc)
        known = levels.setdefault(program_id, {})
        up = down = 0
        for record in doc["drills"]:
            if type(record) is not dict:
                continue
            adapted = record.get("adapted")
            drill_id = record.get("drill_id")
            if type(adapted) is not dict or type(drill_id) is not str:
                if known:  # the plan had nothing to say: the drill is back at the program's dose
                    known.pop(str(drill_id), None)
                continue
            step = step_of(adapted, known.get(drill_id) or adapted.get("from"))
            up += step > 0
            down += step < 0
            level = adapted.get("level")
            if type(level) is dict:
                known[drill_id] = level
            else:
                known.pop(drill_id, None)
        if day >= first_day:
            old = courses.pop(program_id, None)
            courses[program_id] = DoseCourse(
                program_id, name, (old.up if old else 0) + up, (old.down if old else 0) + down
            )
    return list(reversed(courses.values()))
