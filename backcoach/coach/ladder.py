"""One step up or down a drill's dose, and the half volume of a flare day (CLINICAL.md 3, rule 6).

Steps are about 10-20 % so a body that coped with one dose is asked for a
little more, never a jump: reps climb 6-8-10-12-15, then one more set,
then the harder version at its own starting dose; holds grow 5 s to 30 s,
then a set; McGill-style capped holds (a drill's max hold, 10 s for the
bird dog) add one more short hold instead of a longer one; stretches stop
at 30 s per side and two sets; walking grows about 10 % a step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from backcoach.coach.plan import dose_for_easier
from backcoach.content.model import DOSAGE_BOUNDS, Dosage, Drill

REPS_LADDER: tuple[int, ...] = (6, 8, 10, 12, 15)
HOLD_STEP = 5
HOLD_TOP = 30
STRETCH_TOP = 30
STRETCH_MAX_SETS = 2


@dataclass(frozen=True)
class Level:
    """A drill at a dose: where a program drill stands today."""

    drill: Drill
    dose: Dosage

    def same_as(self, other: Level) -> bool:
        return self.drill.id == other.drill.id and self.dose == other.dose


@dataclass(frozen=True)
class Step:
    level: Level
    words: str
    """What changed, as a person reads it: "2 more reps", "one more set"."""


def _max_hold(drill: Drill) -> int | None:
    """The drill's own cap on one hold (the library's ``max_hold_seconds``, where the drill sets one)."""
    value = getattr(drill, "max_hold_seconds", None)
    return value if isinstance(value, int) else None


def step_up(level: Level, base: Level, library: Mapping[str, Drill]) -> Step | None:
    """The next dose up, or ``None`` at the top of the drill's ladder.

    ``base`` is the program's own drill and dose: one extra set is added
    over the program's sets, then the harder version follows (at the
    program's dose if that is the program's own drill).
    """
    drill, dose = level.drill, level.dose
    max_sets = DOSAGE_BOUNDS["sets"][1]
    if drill.kind == "reps":
        if dose.reps < REPS_LADDER[-1]:
            higher = [r for r in REPS_LADDER if r > dose.reps]
            reps = higher[0] if dose.reps >= REPS_LADDER[0] else dose.reps + 1
            return Step(Level(drill, replace(dose, reps=reps)), f"{reps - dose.reps} more {_reps(reps - dose.reps)}")
        if dose.sets <= base.dose.sets and dose.sets < max_sets:
            return Step(Level(drill, replace(dose, sets=dose.sets + 1)), "one more set")
        return _harder(level, base, library)
    if drill.kind == "hold":
        cap = _max_hold(drill)
        stretch = drill.category == "stretch"
        top = min(cap, HOLD_TOP) if cap is not None else (STRETCH_TOP if stretch else HOLD_TOP)
        if dose.hold_seconds < top:
            seconds = min(top, dose.hold_seconds + HOLD_STEP)
            return Step(
                Level(drill, replace(dose, hold_seconds=seconds)), f"{seconds - dose.hold_seconds} s longer holds"
            )
        if cap is not None and cap <= 10 and dose.sets < max_sets:
            # McGill's short holds: the pyramid grows by one more hold, never a longer one.
            return Step(Level(drill, replace(dose, sets=dose.sets + 1)), "one more short hold")
        if stretch:
            if dose.sets < STRETCH_MAX_SETS:
                return Step(Level(drill, replace(dose, sets=dose.sets + 1)), "one more set")
            return None
        if dose.sets <= base.dose.sets and dose.sets < max_sets:
            return Step(Level(drill, replace(dose, sets=dose.sets + 1)), "one more set")
        return _harder(level, base, library)
    if drill.kind == "per_side":
        if dose.seconds < STRETCH_TOP:
            seconds = min(STRETCH_TOP, dose.seconds + HOLD_STEP)
            return Step(Level(drill, replace(dose, seconds=seconds)), f"{seconds - dose.seconds} s longer on each side")
        return None
    high = DOSAGE_BOUNDS["seconds"][1]
    if dose.seconds >= high:
        return None
    seconds = min(high, max(dose.seconds + 10, int(round(dose.seconds * 1.1 / 10.0)) * 10))
    return Step(Level(drill, replace(dose, seconds=seconds)), f"{_minutes(seconds - dose.seconds)} longer")


def _reps(count: int) -> str:
    return "rep" if count == 1 else "reps"


def _minutes(seconds: int) -> str:
    return f"{seconds} s" if seconds < 60 or seconds % 60 else f"{seconds // 60} min"


def _harder(level: Level, base: Level, library: Mapping[str, Drill]) -> Step | None:
    harder = library.get(level.drill.harder) if level.drill.harder else None
    if harder is None:
        return None
    dose = base.dose if harder.id == base.drill.id else harder.dosage
    return Step(Level(harder, dose), f"the harder version, {harder.name}")


def step_down(level: Level, base: Level, library: Mapping[str, Drill]) -> Step | None:
    """One step down, or ``None`` when the dose is already the lowest there is."""
    drill, dose = level.drill, level.dose
    if dose.sets > 1 and dose.sets > base.dose.sets:
        return Step(Level(drill, replace(dose, sets=dose.sets - 1)), "one set fewer")
    if drill.kind == "reps":
        lower = [r for r in REPS_LADDER if r < dose.reps]
        if dose.reps > REPS_LADDER[0]:
            reps = lower[-1]
        elif dose.reps > 1:
            reps = dose.reps - 1
        else:
            return easier_step(level, library)
        return Step(Level(drill, replace(dose, reps=reps)), f"{dose.reps - reps} fewer {_reps(dose.reps - reps)}")
    if drill.kind == "hold":
        low = DOSAGE_BOUNDS["hold_seconds"][0]
        if dose.hold_seconds - HOLD_STEP >= low:
            return Step(Level(drill, replace(dose, hold_seconds=dose.hold_seconds - HOLD_STEP)), "5 s shorter holds")
        return easier_step(level, library)
    low = DOSAGE_BOUNDS["seconds"][0]
    cut = HOLD_STEP if drill.kind == "per_side" else max(10, int(round(dose.seconds * 0.1 / 10.0)) * 10)
    if dose.seconds - cut >= low:
        return Step(Level(drill, replace(dose, seconds=dose.seconds - cut)), f"{_minutes(cut)} shorter")
    return easier_step(level, library)


def easier_step(level: Level, library: Mapping[str, Drill]) -> Step | None:
    """The easier version at the dose a pain check's "easier" would give it (``plan.dose_for_easier``:
    the same work where the kinds match, never longer than the easier drill's own hold or time)."""
    easier = library.get(level.drill.easier) if level.drill.easier else None
    if easier is None:
        return None
    dose = dose_for_easier(easier, level.drill.with_dosage(level.dose)).dosage
    return Step(Level(easier, dose), f"the easier version, {easier.name}")


def half_volume(level: Level) -> Level:
    """Half the work of ``level`` (rounded up, never under a dose's lowest value)."""
    drill, dose = level.drill, level.dose

    def half(value: int, field: str) -> int:
        return max(DOSAGE_BOUNDS[field][0], math.ceil(value / 2))

    if drill.kind == "reps":
        if dose.sets > 1:
            return Level(drill, replace(dose, sets=half(dose.sets, "sets")))
        return Level(drill, replace(dose, reps=half(dose.reps, "reps")))
    if drill.kind == "hold":
        if dose.sets > 1:
            return Level(drill, replace(dose, sets=half(dose.sets, "sets")))
        return Level(drill, replace(dose, hold_seconds=half(dose.hold_seconds, "hold_seconds")))
    return Level(drill, replace(dose, seconds=half(dose.seconds, "seconds")))


def easier_chain(drill: Drill, library: Mapping[str, Drill]) -> set[str]:
    """The ids of the drills reached from ``drill`` by its easier links (not ``drill`` itself)."""
    seen: set[str] = set()
    current = library.get(drill.easier) if drill.easier else None
    while current is not None and current.id not in seen and current.id != drill.id:
        seen.add(current.id)
        current = library.get(current.easier) if current.easier else None
    return seen


def is_below(level: Level, base: Level, library: Mapping[str, Drill]) -> bool:
    """``level`` is certainly no more than the program's dose: an easier version of
    its drill, or its own drill with no count above the program's."""
    if level.drill.id != base.drill.id:
        return level.drill.id in easier_chain(base.drill, library)
    mine, theirs = level.dose, base.dose
    return all(getattr(mine, f) <= getattr(theirs, f) for f in ("reps", "sets", "hold_seconds", "seconds"))


def steps_above(level: Level, base: Level, library: Mapping[str, Drill], limit: int = 40) -> int:
    """How many steps up from the program's dose ``level`` is (0 when it is not above it)."""
    current = base
    for count in range(1, limit + 1):
        step = step_up(current, base, library)
        if step is None:
            return 0
        current = step.level
        if current.same_as(level):
            return count
    return 0
