"""The breathing schedule: which breath, which movement, which rep, right now.

A pure function of elapsed time, so the screen can be redrawn at any moment
(after a stalled frame, a pause, a terminal resize) and still show the
right phase. Phases come from the drill data; for spinal flexion/extension
drills the default pairs exhale with flexion and inhale with extension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backcoach.content.model import Phase


@dataclass(frozen=True)
class BreathState:
    rep: int
    """1-based rep in progress (equals ``reps`` once finished)."""
    phase_index: int
    phase: Phase
    fraction: float
    """How far into the phase, 0.0 to 1.0."""
    phase_remaining: float
    reps_completed: int
    finished: bool


def rep_seconds(phases: Sequence[Phase]) -> float:
    return sum(p.seconds for p in phases)


def breath_at(phases: Sequence[Phase], elapsed: float, reps: int) -> BreathState:
    """The breathing state ``elapsed`` seconds into a set of ``reps`` reps."""
    if not phases:
        raise ValueError("a paired breathing schedule needs phases")
    if reps < 1:
        raise ValueError("reps must be at least 1")
    period = rep_seconds(phases)
    elapsed = max(0.0, elapsed)
    total = period * reps
    if elapsed >= total:
        last = len(phases) - 1
        return BreathState(reps, last, phases[last], 1.0, 0.0, reps, True)
    completed = int(elapsed // period)
    into_rep = elapsed - completed * period
    start = 0.0
    for index, phase in enumerate(phases):
        end = start + phase.seconds
        if into_rep < end or index == len(phases) - 1:
            fraction = (into_rep - start) / phase.seconds if phase.seconds else 1.0
            return BreathState(
                rep=completed + 1,
                phase_index=index,
                phase=phase,
                fraction=min(max(fraction, 0.0), 1.0),
                phase_remaining=max(end - into_rep, 0.0),
                reps_completed=completed,
                finished=False,
            )
        start = end
    raise AssertionError("unreachable: the last phase always matches")

