"""Turn a drill's dosage into the timed segments a person works through.

Every kind of drill becomes the same thing, a list of work, switch and rest
segments with fixed lengths, so the engine needs one timing loop for all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from backcoach.content.model import SWITCH_SECONDS, Drill

SegmentKind = Literal["work", "switch", "rest"]

#: The "get ready" countdown after a drill's intro.
READY_SECONDS = 5.0


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    seconds: float
    set_number: int
    """1-based set this segment belongs to."""
    side: int
    """0 for a one-sided drill, else 1 (first side) or 2 (second side)."""


def plan_segments(drill: Drill) -> tuple[Segment, ...]:
    """The timed segments for one full dose of ``drill``.

    Drills with two sides (reps, holds and per-side stretches alike) get the
    same short switch segment between the sides: getting out of one
    stretch and into the other takes as long as changing sides in a hold,
    and a countdown that starts while you are still moving cuts it short.
    """
    dose = drill.dosage
    segments: list[Segment] = []
    if drill.kind == "timed":
        return (Segment("work", float(dose.seconds), 1, 0),)
    if drill.kind == "per_side":
        return (
            Segment("work", float(dose.seconds), 1, 1),
            Segment("switch", SWITCH_SECONDS, 1, 2),
            Segment("work", float(dose.seconds), 1, 2),
        )
    if drill.kind == "reps":
        work = dose.reps * drill.breathing.rep_seconds
    else:
        work = float(dose.hold_seconds)
    sets = max(dose.sets, 1)
    for set_number in range(1, sets + 1):
        if dose.sides == 2:
            segments.append(Segment("work", work, set_number, 1))
            segments.append(Segment("switch", SWITCH_SECONDS, set_number, 2))
            segments.append(Segment("work", work, set_number, 2))
        else:
            segments.append(Segment("work", work, set_number, 0))
        if set_number < sets and dose.rest_seconds > 0:
            segments.append(Segment("rest", float(dose.rest_seconds), set_number, 0))
    return tuple(segments)


def side_name(side: int) -> str:
    """``left`` for the first side, ``right`` for the second, ``""`` for none.

    A person on the floor follows a word faster than a number: two-sided
    drills always start on the left.
    """
    return {1: "left", 2: "right"}.get(side, "")


def planned_dose(drill: Drill) -> dict[str, object]:
    """The dose as the journal records it under ``planned``."""
    dose = drill.dosage
    planned: dict[str, object] = {"kind": drill.kind, "sets": dose.sets, "sides": dose.sides}
    if drill.kind == "reps":
        planned["reps"] = dose.reps
        planned["tempo"] = [p.seconds for p in drill.breathing.phases]
        planned["rest_seconds"] = dose.rest_seconds
    elif drill.kind == "hold":
        planned["hold_seconds"] = dose.hold_seconds
        planned["rest_seconds"] = dose.rest_seconds
    else:
        planned["seconds"] = dose.seconds
    return planned


def dose_for_easier(easier: Drill, current: Drill) -> Drill:
    """The easier version at the dose the program set, where the kinds match.

    Swapping to an easier movement should not quietly change how much work
    is asked for: same reps, sets and rests, gentler movement (and the easier
    drill's own tempo and sides). Time is the exception, and only downwards:
    a hold or a timed bout never lasts longer than the easier drill's own
    (a 10-minute walk made easier is the 4-minute short walk, not 10 minutes
    of it), and a hold never goes past its cap (``max_hold_seconds``).
    """
    if easier.kind != current.kind:
        return easier
    own = easier.dosage
    hold = current.dosage.hold_seconds
    if own.hold_seconds:
        hold = min(hold, own.hold_seconds)
    if easier.max_hold_seconds is not None:
        hold = min(hold, easier.max_hold_seconds)
    seconds = current.dosage.seconds
    if own.seconds:
        seconds = min(seconds, own.seconds)
    return easier.with_dosage(replace(current.dosage, sides=own.sides, hold_seconds=hold, seconds=seconds))
