"""The two-key path between drills in the engine (issue 13 item 4): a typed
score confirms, a 1 waits for a 0 on the injected clock, green or amber goes
straight to a running "Get ready", and every other band keeps its choices."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock
from backcoach.coach.pain import Band, GateChoice, evaluate_gate
from backcoach.coach.plan import SWITCH_SECONDS, plan_segments
from backcoach.coach.session import Difficulty, GateSource, LegReach, SessionEngine, Stage
from backcoach.coach.session_gate import (
    READY_SETTING_DEFAULT,
    clamp_ready_setting,
    first_ready_seconds,
    starts_on_its_own,
)
from backcoach.store.settings import Settings
from backcoach.store.timefmt import now_iso

ROLLS = make_drill("cat-camel", "reps", reps=2, easier="pelvic-tilt")
EASY = make_drill("pelvic-tilt", "reps", reps=2)
PLANK = make_drill("front-plank", "hold", sets=1, hold=10)
LIBRARY = {d.id: d for d in (ROLLS, EASY, PLANK)}
WINDOW = 1.5


def engine(pain_limit: int | None = None, speed: float = 1.0) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    clock.speed = speed
    program = make_program(ROLLS, PLANK, pain_limit=pain_limit)
    eng = SessionEngine(
        program,
        clock,
        easier_of=lambda d: LIBRARY.get(d.easier) if d.easier else None,
        needs_safety_check=False,
        wall_time=now_iso,
        ready_seconds=10,
        first_ready_seconds=20,
    )
    return eng, clock


def finish(eng: SessionEngine, clock: FakeClock) -> None:
    while eng.stage in (Stage.READY, Stage.WORK):
        clock.advance(0.5)
        eng.tick()
    eng.rate(Difficulty.ABOUT_RIGHT)


def test_a_green_check_in_is_the_first_pain_check_and_get_ready_runs_by_itself() -> None:
    eng, clock = engine()
    eng.checkin_and_go(2, LegReach.NONE)
    assert eng.stage is Stage.READY and eng.gate_source is GateSource.CHECKIN
    assert eng.timer.remaining == 20  # the first drill's longer get-ready
    clock.advance(20)
    eng.tick()
    assert eng.stage is Stage.WORK
    finish(eng, clock)
    assert eng.records[0]["gate_pain"] == 2 and eng.records[0]["gate_band"] == "green"


def test_a_red_check_in_keeps_the_gate_and_its_choices() -> None:
    eng, _ = engine()
    eng.checkin_and_go(6, LegReach.NONE)
    assert eng.stage is Stage.GATE
    assert eng.gate_result == evaluate_gate(6, 6, True)
    assert eng.gate_result.choices == (GateChoice.EASIER, GateChoice.SKIP, GateChoice.END)


def test_after_the_first_drill_get_ready_is_the_setting() -> None:
    eng, clock = engine()
    eng.checkin_and_go(3, LegReach.NONE)
    finish(eng, clock)
    assert eng.stage is Stage.GATE
    result = eng.quick_gate(4)
    assert result.band is Band.AMBER and eng.stage is Stage.READY  # amber goes on too
    assert eng.timer.remaining == 10
    assert eng.view().ready_seconds == 10 and not eng.view().first_ready


@pytest.mark.parametrize(
    ("score", "leg_spread", "limit"),
    [(6, False, None), (8, False, None), (2, True, None), (4, False, 3)],
    ids=["red", "stop", "leg spread", "over the program's limit"],
)
def test_every_band_that_asks_for_a_choice_keeps_it(score: int, leg_spread: bool, limit: int | None) -> None:
    eng, clock = engine(pain_limit=limit)
    eng.checkin(2, LegReach.NONE)
    result = eng.quick_gate(score, leg_spread)
    assert eng.stage is Stage.GATE and not starts_on_its_own(result)
    assert result == evaluate_gate(score, 2, True, limit, leg_spread=leg_spread)


def test_a_typed_1_counts_once_its_window_passes_on_the_clock() -> None:
    eng, clock = engine(speed=4.0)
    eng.checkin(2, LegReach.NONE)
    eng.wait_for_ten(False, WINDOW)
    assert eng.pending_one_due == pytest.approx(clock.now() + WINDOW * 4)  # real seconds on a x4 clock
    clock.advance(WINDOW * 4 - 0.01)
    eng.tick()
    assert eng.stage is Stage.GATE and eng.gate_result is None
    clock.advance(0.02)
    eng.tick()
    assert eng.stage is Stage.READY and eng.gate_result is not None and eng.gate_result.score == 1


def test_a_0_in_time_makes_10_and_the_1_is_forgotten() -> None:
    eng, clock = engine()
    eng.checkin(2, LegReach.NONE)
    eng.wait_for_ten(False, WINDOW)
    result = eng.quick_gate(10)
    assert result.band is Band.STOP and eng.stage is Stage.GATE
    assert eng.pending_one_due is None
    clock.advance(WINDOW * 2)
    eng.tick()
    assert eng.gate_result is not None and eng.gate_result.score == 10


def test_a_repeated_score_says_so() -> None:
    eng, _ = engine()
    eng.checkin(3, LegReach.NONE)
    eng.quick_gate(3, source=GateSource.REPEATED)
    assert eng.view().gate_source is GateSource.REPEATED


def test_enter_at_get_ready_starts_the_drill_now() -> None:
    eng, _ = engine()
    eng.checkin_and_go(1, LegReach.NONE)
    eng.begin()
    assert eng.stage is Stage.WORK and eng.timer.remaining == pytest.approx(eng.drill.estimated_seconds)


def test_pausing_get_ready_holds_its_countdown() -> None:
    eng, clock = engine()
    eng.checkin_and_go(1, LegReach.NONE)
    clock.advance(5)
    eng.toggle_pause()
    clock.advance(100)
    eng.tick()
    assert eng.stage is Stage.READY and eng.timer.remaining == 15


def test_ending_at_get_ready_before_the_drill_keeps_the_gate_not_a_partial() -> None:
    eng, _ = engine()
    eng.checkin_and_go(2, LegReach.NONE)
    eng.end_session()
    assert eng.records == [] and eng.last_gate is not None and eng.last_gate["gate_pain"] == 2


def test_per_side_stretches_switch_sides_as_long_as_holds() -> None:
    stretch = make_drill("hamstring-stretch", "per_side", seconds=30)
    plank = replace(PLANK, dosage=replace(PLANK.dosage, sides=2))
    switches = [s.seconds for d in (stretch, plank) for s in plan_segments(d) if s.kind == "switch"]
    assert switches == [SWITCH_SECONDS, SWITCH_SECONDS]


def test_the_get_ready_setting() -> None:
    assert Settings().ready_seconds == READY_SETTING_DEFAULT == 10
    assert [clamp_ready_setting(s) for s in (0, 5, 30, 60, 600)] == [5, 5, 30, 60, 60]
    assert first_ready_seconds(10) == 20
