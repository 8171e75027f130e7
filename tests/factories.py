"""Test data built in code: small drills and programs, so engine tests do not
depend on the shipped library's exact doses, and the stored session
documents that seed journals."""

from __future__ import annotations

import functools
import importlib.util
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from backcoach.content.model import Breathing, Direction, Dosage, Drill, Phase, Program, ProgramItem

FLEX_EXT = (
    Phase("flexion", "round up — flex", "exhale", 4.0, 0),
    Phase("extension", "arch — extend", "inhale", 4.0, 1),
)


def make_drill(
    drill_id: str = "cat-camel",
    kind: str = "reps",
    *,
    reps: int = 3,
    sets: int = 1,
    hold: int = 0,
    rest: int = 0,
    seconds: int = 0,
    sides: int = 1,
    easier: str | None = None,
    phases: tuple[Phase, ...] = FLEX_EXT,
) -> Drill:
    if kind == "reps":
        breathing = Breathing("paired", "breathe with the movement", phases)
    elif kind == "hold":
        breathing = Breathing("steady", "breathe steadily and brace")
    else:
        breathing = Breathing("natural", "breathe easily")
    return Drill(
        id=drill_id,
        name=drill_id.replace("-", " ").capitalize(),
        category="mobility",
        kind=kind,
        purpose="test drill",
        cues=("cue one", "cue two"),
        cautions=(),
        dosage=Dosage(reps=reps, sets=sets, hold_seconds=hold, rest_seconds=rest, seconds=seconds, sides=sides),
        breathing=breathing,
        source="test",
        direction=Direction("small", "small", "none", "none", "none", "none", "hands_knees"),
        equipment=("mat",),
        easier=easier,
    )


def make_program(*drills: Drill, pain_limit: int | None = None, program_id: str = "test") -> Program:
    return Program(
        id=program_id,
        name="Test program",
        description="for tests",
        items=tuple(ProgramItem(d) for d in drills),
        pain_limit=pain_limit,
    )


# ---- stored session documents (the README's "session document") ---------------


def band(score: int) -> str:
    """The pain band of a 0-10 score (CLINICAL.md 2), for drill records."""
    return "green" if score <= 3 else "amber" if score <= 5 else "red" if score <= 7 else "stop"


def drill_record(
    drill_id: str = "cat-camel",
    *,
    status: str = "done",
    pain: int = 2,
    seconds: float = 60.0,
    replaced_by: str | None = None,
    difficulty: str = "about_right",
    reps: int = 8,
    sets: int = 1,
) -> dict[str, Any]:
    """One drill of a stored session, every field present."""
    return {
        "drill_id": drill_id,
        "replaced_by": replaced_by,
        "planned": {"kind": "reps", "sets": sets, "reps": reps},
        "status": status,
        "gate_pain": pain,
        "gate_band": band(pain),
        "difficulty": difficulty,
        "active_seconds": seconds,
        "reps_done": reps,
        "sets_done": sets,
    }


def session_doc(
    sid: str,
    start: datetime,
    *,
    minutes: float = 20,
    program: dict[str, str] | None = None,
    status: str = "completed",
    demo: bool = False,
    speed: float | None = None,
    checkin: int | None = 3,
    final: int | None = 2,
    safety: dict[str, Any] | None = None,
    drills: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A finished session as the journal stores it, in the README's field order.

    The one builder of whole session documents for the tests (Home's and
    History's seeded journals, the export tests): each caller says only what
    its test is about.
    """
    return {
        "id": sid,
        "program": dict(program or SHORT_PROGRAM_REF),
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=minutes)).isoformat(timespec="seconds"),
        "status": status,
        "demo": demo,
        "speed": speed if speed is not None else (10.0 if demo else 1.0),
        "checkin_pain": checkin,
        "final_pain": final,
        "safety": safety if safety is not None else {"answers": {}},
        "drills": drills if drills is not None else [drill_record()],
    }


#: The tests' short program (tests/tui/conftest.py ``SHORT_PROGRAM``), as a session names it.
SHORT_PROGRAM_REF = {"id": "short", "name": "Short test program"}
UK = timezone(timedelta(hours=1))


def past_session(day: date, status: str = "completed", **fields: Any) -> dict[str, Any]:
    """A finished session of the short program on ``day`` at 08:00 (+01:00),
    for seeding a journal's history; ``fields`` replace any of its fields."""
    doc = session_doc(
        f"past-{day.isoformat()}-{status}",
        datetime(day.year, day.month, day.day, 8, 0, tzinfo=UK),
        status=status,
        safety={"answers": {"saddle_numbness": False}, "outcome": "clear"},
        drills=[{"drill_id": "cat-camel", "status": "done"}],
    )
    doc.update(fields)
    return doc


@functools.cache
def content_tomlgen() -> Any:
    """The drill- and program-file writers of ``tests/unit/fixtures/content/tomlgen.py``
    (a fixtures folder, not a package: loaded by path, once)."""
    path = Path(__file__).parent / "unit" / "fixtures" / "content" / "tomlgen.py"
    spec = importlib.util.spec_from_file_location("content_tomlgen", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
