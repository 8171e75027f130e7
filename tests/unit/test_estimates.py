"""Time estimates count what the session really times: work, the switch
between sides (per-side stretches included) and the rests."""

from __future__ import annotations

import pytest

from backcoach.coach.plan import SWITCH_SECONDS, plan_segments
from backcoach.content.library import default_library
from backcoach.content.model import Drill
from backcoach.content.programs import builtin_programs
from tests.factories import make_drill, make_program


def planned_seconds(drill: Drill) -> int:
    return int(round(sum(segment.seconds for segment in plan_segments(drill))))


@pytest.mark.parametrize(
    ("drill", "expected"),
    [
        (make_drill("stretch", "per_side", seconds=30), 30 + SWITCH_SECONDS + 30),
        (make_drill("hold", "hold", hold=10, sets=2, rest=15, sides=2), (10 + SWITCH_SECONDS + 10) * 2 + 15),
        (make_drill("one-sided-hold", "hold", hold=20, sets=3, rest=10), 20 * 3 + 10 * 2),
        (make_drill("reps", "reps", reps=3, sets=2, rest=5, sides=2), (24 + SWITCH_SECONDS + 24) * 2 + 5),
        (make_drill("reps", "reps", reps=3), 24),
        (make_drill("walk", "timed", seconds=600), 600),
    ],
    ids=["per-side", "two-sided-hold", "one-sided-hold", "two-sided-reps", "one-sided-reps", "timed"],
)
def test_a_drill_estimate_counts_each_switch(drill: Drill, expected: float) -> None:
    assert drill.estimated_seconds == expected == planned_seconds(drill)


def test_every_shipped_drill_and_program_item_is_estimated_as_planned() -> None:
    library = default_library()
    drills = [*library.values(), *(d for program in builtin_programs(library) for d in program.drills)]
    for drill in drills:
        assert drill.estimated_seconds == planned_seconds(drill), drill.id


def test_the_program_estimate_includes_the_switch() -> None:
    # 2 x 50 s of stretch + 5 s switch + 20 s set-up = 125 s: 3 minutes, not 2.
    program = make_program(make_drill("stretch", "per_side", seconds=50))
    assert program.estimated_minutes == 3
