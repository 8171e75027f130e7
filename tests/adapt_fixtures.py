"""A small drill library with chains, and session documents, for the adaptive coach's tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from factories import band, make_drill, make_program

from backcoach.content.model import Direction, Drill, Program

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
PROGRAM_ID = "test"


@dataclass(frozen=True)
class CappedDrill(Drill):
    """A drill carrying the library's ``max_hold_seconds`` (the bird dog's 10 s)."""

    max_hold_seconds: int | None = None


def _direction(**changes: str) -> Direction:
    return replace(Direction("small", "small", "none", "none", "none", "none", "hands_knees"), **changes)


def _drill(drill_id: str, kind: str = "reps", *, easier: str | None = None, harder: str | None = None,
           direction: Direction | None = None, **dose: Any) -> Drill:  # fmt: skip
    drill = make_drill(drill_id, kind, easier=easier, **dose)
    return replace(drill, harder=harder, direction=direction or _direction())


LIBRARY: dict[str, Drill] = {
    d.id: d
    for d in (
        _drill("rolls", reps=8, easier="rolls-easy"),
        _drill("rolls-easy", reps=8, harder="rolls"),
        _drill("plank", "hold", hold=20, sets=2, rest=20, easier="plank-knee", harder="plank-hard"),
        _drill("plank-knee", "hold", hold=20, sets=2, harder="plank"),
        _drill("plank-hard", "hold", hold=15, sets=1, easier="plank"),
        _drill("walk", "timed", seconds=600),
        _drill("stretch", "per_side", seconds=20),
        _drill("arch", reps=8, easier="arch-small", direction=_direction(extension="end")),
        _drill("arch-small", reps=8, harder="arch", direction=_direction(extension="small")),
        _drill("arch-only", reps=8, direction=_direction(extension="end")),
        _drill("floss", reps=8, easier="slide", direction=_direction(nerve="tensioner")),
        _drill("slide", reps=8, harder="floss", direction=_direction(nerve="slider")),
    )
}
LIBRARY["bird"] = CappedDrill(**{**vars(_drill("bird", "hold", hold=10, sets=3)), "max_hold_seconds": 10})


def program(*ids: str, locked: bool = False, **settings: Any) -> Program:
    return replace(make_program(*(LIBRARY[i] for i in ids), program_id=PROGRAM_ID), locked=locked, **settings)


def record(drill_id: str = "rolls", *, difficulty: str = "about_right", pain: int = 2,
           status: str = "done", spread: bool = False, level: dict[str, Any] | None = None,
           rules: tuple[str, ...] = (), replaced_by: str | None = None,
           adapted: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    rec: dict[str, Any] = {
        "drill_id": drill_id, "replaced_by": replaced_by, "planned": {}, "status": status,
        "gate_pain": pain, "gate_band": band(pain), "leg_spread": spread, "difficulty": difficulty,
        "adapted": adapted,
    }  # fmt: skip
    if level is not None:
        rec["adapted"] = {"from": {}, "to": level, "level": level, "rules": list(rules), "why": []}
    return rec


def session(days_ago: float, *records: dict[str, Any], checkin: int | None = 3, demo: bool = False,
            program_id: str = PROGRAM_ID, followup: str | None = None, leg: str | None = None) -> dict[str, Any]:  # fmt: skip
    start = NOW - timedelta(days=days_ago)
    doc: dict[str, Any] = {
        "id": f"s{days_ago}", "program": {"id": program_id, "name": "Test"},
        "started_at": start.isoformat(), "status": "completed", "demo": demo,
        "checkin_pain": checkin, "leg_today": leg, "drills": list(records) or [record()],
    }  # fmt: skip
    if followup is not None:
        doc["followup"] = {"compared": followup, "hours_since": 24.0}
    return doc


def other(days_ago: float, checkin: int | None = 3, **kw: Any) -> dict[str, Any]:
    """A session of another program: it moves check-ins and follow-ups, not this program's doses."""
    return session(days_ago, record("walk"), checkin=checkin, program_id="other", **kw)
