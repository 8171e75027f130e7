"""``SessionEngine.interrupt``: closed from outside, the drill so far is kept.

And every save names its session (its document's id), so the journal can
refuse one meant for another session.
"""

from __future__ import annotations

import pytest
from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock
from backcoach.coach.pain import GateChoice
from backcoach.coach.plan import READY_SECONDS
from backcoach.coach.session import Difficulty, EndReason, LegReach, SessionEngine, Stage
from backcoach.store.timefmt import now_iso

PLANK = make_drill("front-plank", "hold", sets=3, hold=20, rest=15)
ROLLS = make_drill("cat-camel", "reps", reps=3)


def engine(safety: bool = False) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    return SessionEngine(make_program(ROLLS, PLANK), clock, easier_of=lambda d: None, needs_safety_check=safety, wall_time=now_iso), clock


def into_the_plank_hold(eng: SessionEngine, clock: FakeClock, seconds: float) -> None:
    eng.checkin(2, LegReach.NONE)
    eng.gate(2)
    eng.choose(GateChoice.GO)
    while eng.stage is not Stage.RATING:
        clock.advance(0.5)
        eng.tick()
    eng.rate(Difficulty.ABOUT_RIGHT)
    eng.gate(2)
    eng.choose(GateChoice.GO)
    clock.advance(READY_SECONDS + seconds)
    eng.tick()
    assert eng.stage is Stage.WORK


def test_interrupt_mid_hold_keeps_the_drill_as_partial_and_files_interrupted() -> None:
    eng, clock = engine()
    into_the_plank_hold(eng, clock, seconds=12)
    eng.interrupt()
    assert eng.end_reason is EndReason.INTERRUPTED
    assert eng.stage is Stage.SUMMARY
    *_, drill, finish = eng.outbox
    last = drill.document["drills"][-1]
    assert drill.action == "drill" and last["drill_id"] == "front-plank"
    assert last["status"] == "partial"
    assert last["active_seconds"] == pytest.approx(12)
    assert finish.action == "finish" and finish.document["status"] == "interrupted"
    assert [d["drill_id"] for d in finish.document["drills"]] == ["cat-camel", "front-plank"]


def test_every_event_names_the_engines_session() -> None:
    eng, clock = engine()
    into_the_plank_hold(eng, clock, seconds=3)
    eng.interrupt()
    assert {e.session_id for e in eng.outbox} == {eng.session_id}
    assert eng.outbox[0].action == "start" and eng.outbox[0].document["id"] == eng.session_id
    assert SessionEngine(make_program(ROLLS), clock, easier_of=lambda d: None, wall_time=now_iso).session_id != eng.session_id


def test_interrupt_after_the_end_or_before_the_start_saves_nothing_more() -> None:
    eng, clock = engine()
    into_the_plank_hold(eng, clock, seconds=3)
    eng.end_session()
    events = list(eng.outbox)
    eng.interrupt()
    assert eng.outbox == events and eng.end_reason is EndReason.ENDED_EARLY

    unstarted, _ = engine(safety=True)  # nothing is saved before the safety check
    unstarted.interrupt()
    assert unstarted.outbox == [] and unstarted.end_reason is EndReason.INTERRUPTED
