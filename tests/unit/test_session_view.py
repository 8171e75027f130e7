"""The engine's immutable view: what it says at every stage of a session
(driven with a fake clock), that it cannot be changed, and that it is a copy."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock, MonotonicClock, ScaledClock
from backcoach.coach.pain import Band, GateChoice
from backcoach.coach.plan import READY_SECONDS, SWITCH_SECONDS
from backcoach.coach.safety import Answer, SafetyOutcome, all_clear
from backcoach.coach.session import Difficulty, EndReason, LegReach, SessionEngine, Stage
from backcoach.content.model import Drill

ROLLS = make_drill("cat-camel", "reps", reps=2, sets=1)
PLANK = make_drill("front-plank", "hold", sets=2, hold=20, rest=10, easier="knee-plank")
KNEE_PLANK = make_drill("knee-plank", "hold", sets=1, hold=10)
BRIDGE = make_drill("glute-bridge", "hold", hold=8, sides=2)
STRETCH = make_drill("hamstring-stretch", "per_side", seconds=30)
LIBRARY = {d.id: d for d in (ROLLS, PLANK, KNEE_PLANK, BRIDGE, STRETCH)}


def easier_of(drill: Drill) -> Drill | None:
    return LIBRARY.get(drill.easier) if drill.easier else None


def session(*drills: Drill, safety: bool = False) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    engine = SessionEngine(
        make_program(*drills),
        clock,
        easier_of=easier_of,
        needs_safety_check=safety,
        wall_time=lambda: "2026-03-30T09:00:00+01:00",
    )
    return engine, clock


def to_ready(engine: SessionEngine, checkin: int = 2, gate: int = 2) -> None:
    engine.checkin(checkin, LegReach.NONE)
    engine.gate(gate)
    engine.choose(GateChoice.GO)


def run(engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Let ``seconds`` pass, ticking as the runner's 20 Hz timer would."""
    done = 0.0
    while done < seconds:
        clock.advance(step)
        done += step
        engine.tick()


def at_safety(engine: SessionEngine, clock: FakeClock) -> None:
    pass


def at_safety_stop(engine: SessionEngine, clock: FakeClock) -> None:
    answers = all_clear()
    answers[next(iter(answers))] = Answer.YES
    engine.answer_safety(answers)


def at_checkin(engine: SessionEngine, clock: FakeClock) -> None:
    engine.answer_safety(all_clear())


def at_gate(engine: SessionEngine, clock: FakeClock) -> None:
    engine.checkin(4, LegReach.THIGH)
    engine.gate(5)


def at_intro_of_easier(engine: SessionEngine, clock: FakeClock) -> None:
    engine.checkin(5, LegReach.NONE)
    engine.gate(6)
    engine.choose(GateChoice.EASIER)


def at_ready(engine: SessionEngine, clock: FakeClock) -> None:
    to_ready(engine)
    run(engine, clock, 2)


def in_hold(engine: SessionEngine, clock: FakeClock) -> None:
    to_ready(engine)
    run(engine, clock, READY_SECONDS + 5)


def in_rest(engine: SessionEngine, clock: FakeClock) -> None:
    to_ready(engine)
    run(engine, clock, READY_SECONDS + 20 + 4)


def paused_in_hold(engine: SessionEngine, clock: FakeClock) -> None:
    in_hold(engine, clock)
    engine.toggle_pause()
    run(engine, clock, 30)


def at_rating(engine: SessionEngine, clock: FakeClock) -> None:
    in_hold(engine, clock)
    engine.done()


def at_summary(engine: SessionEngine, clock: FakeClock) -> None:
    at_rating(engine, clock)
    engine.rate(Difficulty.TOO_EASY)
    engine.end_session()


#: (stage reached, program, what the view must say there).
CASES: list[tuple[Callable[[SessionEngine, FakeClock], None], tuple[Drill, ...], bool, dict[str, Any]]] = [
    (at_safety, (PLANK,), True, {"stage": Stage.SAFETY, "safety_outcome": None, "records": ()}),
    (
        at_safety_stop,
        (PLANK,),
        True,
        {"stage": Stage.SAFETY_STOP, "end_reason": EndReason.STOPPED_SAFETY},
    ),
    (
        at_checkin,
        (PLANK, ROLLS),
        True,
        {"stage": Stage.CHECKIN, "safety_outcome": SafetyOutcome.CLEAR, "checkin_pain": None, "drill_count": 2},
    ),
    (
        at_gate,
        (PLANK, ROLLS),
        False,
        {"stage": Stage.GATE, "checkin_pain": 4, "leg_today": LegReach.THIGH, "index": 0, "next_drill": ROLLS},
    ),
    (
        at_intro_of_easier,
        (PLANK,),
        False,
        {"stage": Stage.READY, "planned_drill": PLANK, "easier_drill": None, "last_gate_pain": 6, "red_gates": 1},
    ),
    (
        at_ready,
        (PLANK,),
        False,
        {"stage": Stage.READY, "remaining": READY_SECONDS - 2, "paused": False, "counting_down": True},
    ),
    (
        in_hold,
        (PLANK,),
        False,
        {"stage": Stage.WORK, "remaining": 15.0, "segment_elapsed": 5.0, "breath": None, "sets_total": 2},
    ),
    (in_rest, (PLANK,), False, {"stage": Stage.WORK, "remaining": 6.0, "paused": False}),
    (
        paused_in_hold,
        (PLANK,),
        False,
        {"stage": Stage.WORK, "remaining": 15.0, "paused": True, "counting_down": False},
    ),
    (at_rating, (PLANK, ROLLS), False, {"stage": Stage.RATING, "complete": False, "next_drill": ROLLS}),
    (
        at_summary,
        (PLANK, ROLLS),
        False,
        {"stage": Stage.SUMMARY, "end_reason": EndReason.ENDED_EARLY, "last_gate_pain": 2},
    ),
]


@pytest.mark.parametrize(("drive", "drills", "safety", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_the_view_says_where_the_session_stands(
    drive: Callable[[SessionEngine, FakeClock], None], drills: tuple[Drill, ...], safety: bool, expected: dict[str, Any]
) -> None:
    engine, clock = session(*drills, safety=safety)
    drive(engine, clock)
    view = engine.view()
    said = {name: getattr(view, name) for name in expected}
    assert said == expected  # fake-clock times are sums of halves: exact
    assert view.program is engine.program and view.demo is False and view.speed == 1.0


def test_the_gate_view_carries_the_standing_result_and_the_easier_version() -> None:
    engine, clock = session(PLANK)
    at_gate(engine, clock)
    view = engine.view()
    assert view.gate_result is not None and view.gate_result.band is Band.AMBER
    assert view.easier_drill is not None and view.easier_drill.id == "knee-plank"


def test_the_easier_version_is_the_drill_shown_and_the_plan_is_kept() -> None:
    engine, clock = session(PLANK)
    at_intro_of_easier(engine, clock)
    view = engine.view()
    assert (view.drill.id, view.planned_drill.id) == ("knee-plank", "front-plank")


def test_the_rest_between_sets_is_a_rest_segment_of_the_first_set() -> None:
    engine, clock = session(PLANK)
    in_rest(engine, clock)
    segment = engine.view().segment
    assert segment is not None and (segment.kind, segment.set_number) == ("rest", 1)


def test_a_reps_drill_shows_the_breath_of_its_first_rep() -> None:
    engine, clock = session(ROLLS)
    to_ready(engine)
    run(engine, clock, READY_SECONDS + 1)
    view = engine.view()
    assert view.stage is Stage.WORK and view.breath is not None
    assert (view.breath.rep, view.breath.phase.breath) == (1, "exhale")


def test_a_two_sided_hold_shows_the_switch_then_the_second_side() -> None:
    engine, clock = session(BRIDGE)
    to_ready(engine)
    run(engine, clock, READY_SECONDS + 8 + 1)
    switch = engine.view().segment
    assert switch is not None and (switch.kind, switch.side) == ("switch", 2)
    run(engine, clock, SWITCH_SECONDS)
    second = engine.view().segment
    assert second is not None and (second.kind, second.side) == ("work", 2)


def test_a_per_side_stretch_counts_each_side() -> None:
    engine, clock = session(STRETCH)
    to_ready(engine)
    run(engine, clock, READY_SECONDS + 1)
    first = engine.view().segment
    run(engine, clock, 30)
    second = engine.view().segment
    assert first is not None and second is not None and (first.side, second.side) == (1, 2)


def test_the_summary_view_counts_what_was_done() -> None:
    engine, clock = session(PLANK, ROLLS)
    at_summary(engine, clock)
    view = engine.view()
    assert view.counts == {"done": 0, "partial": 1, "easier": 0, "partial_easier": 0, "skipped": 0, "left_out": 0}
    assert view.active_seconds == pytest.approx(5.0)
    assert [r["difficulty"] for r in view.records] == ["too_easy"]


def test_a_demo_view_says_so_with_its_clock_speed() -> None:
    real = [100.0]
    clock = ScaledClock(4, source=lambda: real[0])
    engine = SessionEngine(
        make_program(PLANK), clock, easier_of=easier_of, needs_safety_check=False, demo=True, wall_time=lambda: ""
    )
    assert (engine.view().demo, engine.view().speed) == (True, 4.0)
    clock.set_speed(8)
    assert engine.view().speed == 8.0


def test_the_view_is_frozen() -> None:
    view = session(PLANK)[0].view()
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.stage = Stage.SUMMARY  # type: ignore[misc]  # assigning to a frozen field is what this test checks raises


def test_the_view_is_a_copy_that_later_actions_do_not_change() -> None:
    engine, clock = session(PLANK, ROLLS)
    in_hold(engine, clock)
    before = engine.view()
    engine.done()
    engine.rate(Difficulty.ABOUT_RIGHT)
    assert (before.stage, before.index, before.records) == (Stage.WORK, 0, ())
    after = engine.view()
    assert (after.stage, after.index, len(after.records)) == (Stage.GATE, 1, 1)
    with pytest.raises(TypeError):
        after.records[0]["status"] = "done"  # type: ignore[index]  # a record in a view is read-only: that is the point


def test_two_views_of_an_unchanged_engine_are_equal() -> None:
    """Equal views let a screen skip redrawing when nothing changed."""
    engine, clock = session(PLANK)
    to_ready(engine)
    before = engine.view()
    assert engine.view() == before
    clock.advance(0.5)
    engine.tick()
    assert engine.view() != before


@pytest.mark.parametrize("clock", [MonotonicClock(), FakeClock(), ScaledClock(2.0)])
def test_every_clock_says_how_fast_it_runs(clock: Any) -> None:
    assert clock.speed == (2.0 if isinstance(clock, ScaledClock) else 1.0)

