"""Small drills and programs built in code, so engine tests do not depend on
the shipped library's exact doses."""

from __future__ import annotations

from backcoach.content.model import Breathing, Dosage, Drill, Phase, Program, ProgramItem

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
        figure=("o", "O") if kind == "reps" else ("o",),
        source="test",
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
