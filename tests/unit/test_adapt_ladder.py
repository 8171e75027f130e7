"""CLINICAL.md 3.progression.6: one step at a time, about 10-20 %, on each drill's ladder."""

from __future__ import annotations

from dataclasses import replace

import pytest
from adapt_fixtures import LIBRARY

from backcoach.coach.ladder import Level, easier_step, half_volume, step_down, step_up, steps_above
from backcoach.content.model import Dosage


def level(drill_id: str, **dose: int) -> Level:
    drill = LIBRARY[drill_id]
    return Level(drill, replace(drill.dosage, **dose))


def shape(lv: Level | None) -> tuple[object, ...] | None:
    if lv is None:
        return None
    d = lv.dose
    reps = d.reps if lv.drill.kind == "reps" else 0  # the test drills carry reps=3 whatever their kind
    return (lv.drill.id, reps, d.sets, d.hold_seconds, d.seconds)


UP_ROWS = [
    ("3.progression.6 reps below 6 grow by one", level("rolls", reps=3), ("rolls", 4, 1, 0, 0)),
    ("3.progression.6 reps 6 -> 8", level("rolls", reps=6), ("rolls", 8, 1, 0, 0)),
    ("3.progression.6 reps 12 -> 15", level("rolls", reps=12), ("rolls", 15, 1, 0, 0)),
    ("3.progression.6 reps 15 -> one more set", level("rolls", reps=15), ("rolls", 15, 2, 0, 0)),
    ("3.progression.6 after the set: the harder version at its starting dose", level("plank-knee", sets=3, hold_seconds=30), ("plank", 0, 2, 20, 0)),
    ("3.progression.6 the top with no harder version", level("rolls", reps=15, sets=2), None),
    ("3.progression.6 holds +5 s", level("plank", hold_seconds=20), ("plank", 0, 2, 25, 0)),
    ("3.progression.6 holds stop at 30 s, then a set", level("plank", hold_seconds=30), ("plank", 0, 3, 30, 0)),
    ("3.progression.6 McGill 10 s holds grow by one more hold", level("bird"), ("bird", 0, 4, 10, 0)),
    ("3.progression.6 stretches grow 5 s a side", level("stretch", seconds=25), ("stretch", 0, 1, 0, 30)),
    ("3.progression.6 stretches stop at 30 s a side", level("stretch", seconds=30), None),
    ("3.progression.6 walking grows about 10 %", level("walk", seconds=600), ("walk", 0, 1, 0, 660)),
]  # fmt: skip


@pytest.mark.parametrize(("label", "start", "expected"), UP_ROWS, ids=[r[0] for r in UP_ROWS])
def test_step_up(label: str, start: Level, expected: tuple[object, ...] | None) -> None:
    base = Level(start.drill, start.drill.dosage)
    step = step_up(start, base, LIBRARY)
    assert shape(step.level if step else None) == expected


def test_a_stretch_hold_stops_at_two_sets_of_30_s() -> None:
    stretch = replace(LIBRARY["plank"], category="stretch", harder=None)
    top = Level(stretch, replace(stretch.dosage, hold_seconds=30, sets=2))
    assert step_up(top, top, LIBRARY) is None
    one = Level(stretch, replace(stretch.dosage, hold_seconds=30, sets=1))
    step = step_up(one, one, LIBRARY)
    assert step is not None and step.level.dose.sets == 2


def test_a_capped_hold_never_grows_past_its_cap() -> None:
    bird = level("bird", hold_seconds=5)
    step = step_up(bird, bird, LIBRARY)
    assert step is not None and step.level.dose.hold_seconds == 10


DOWN_ROWS = [
    ("3.step_down.1 reps 8 -> 6", level("rolls", reps=8), ("rolls", 6, 1, 0, 0)),
    ("3.step_down.1 reps below the ladder drop by one", level("rolls", reps=6), ("rolls", 5, 1, 0, 0)),
    ("3.step_down.1 one rep: the easier version", level("rolls", reps=1), ("rolls-easy", 1, 1, 0, 0)),
    ("3.step_down.1 holds -5 s", level("plank", hold_seconds=20), ("plank", 0, 2, 15, 0)),
    ("3.step_down.1 the shortest hold: the easier version", level("plank", hold_seconds=5), ("plank-knee", 0, 2, 5, 0)),
    ("3.step_down.1 walking about 10 % less", level("walk", seconds=600), ("walk", 0, 1, 0, 540)),
    ("3.step_down.1 nothing lower", level("walk", seconds=10), None),
]  # fmt: skip


@pytest.mark.parametrize(("label", "start", "expected"), DOWN_ROWS, ids=[r[0] for r in DOWN_ROWS])
def test_step_down(label: str, start: Level, expected: tuple[object, ...] | None) -> None:
    step = step_down(start, Level(start.drill, start.drill.dosage), LIBRARY)
    assert shape(step.level if step else None) == expected


def test_step_down_takes_off_an_added_set_first() -> None:
    base = level("rolls", reps=15)
    step = step_down(level("rolls", reps=15, sets=2), base, LIBRARY)
    assert step is not None and shape(step.level) == ("rolls", 15, 1, 0, 0)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (level("rolls", reps=9), ("rolls", 5, 1, 0, 0)),
        (level("plank", hold_seconds=20, sets=3), ("plank", 0, 2, 20, 0)),
        (level("plank", hold_seconds=5, sets=1), ("plank", 0, 1, 5, 0)),
        (level("walk", seconds=600), ("walk", 0, 1, 0, 300)),
    ],
)
def test_half_volume_for_a_flare_day(start: Level, expected: tuple[object, ...]) -> None:
    """3.flare: half the volume, rounded up, never under a dose's lowest value."""
    assert shape(half_volume(start)) == expected


def test_easier_step_keeps_the_dose_but_never_outlasts_the_easier_drill() -> None:
    """3.step_down.2: the easier version at the same sets, its holds no longer than its own (plan.dose_for_easier)."""
    step = easier_step(level("plank", hold_seconds=15), LIBRARY)
    assert step is not None and shape(step.level) == ("plank-knee", 0, 2, 15, 0)
    step = easier_step(level("plank", hold_seconds=25), LIBRARY)
    assert step is not None and shape(step.level) == ("plank-knee", 0, 2, 20, 0)
    assert easier_step(level("walk"), LIBRARY) is None


def test_steps_above_counts_the_ladder() -> None:
    base = level("rolls", reps=6)
    assert steps_above(level("rolls", reps=10), base, LIBRARY) == 2
    assert steps_above(level("rolls", reps=6), base, LIBRARY) == 0
    assert steps_above(Level(LIBRARY["rolls"], Dosage(reps=4)), base, LIBRARY) == 0
