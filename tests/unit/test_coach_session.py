"""Whole sessions through the engine, with a fake clock, in milliseconds."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock, ScaledClock
from backcoach.coach.pain import Band, GateChoice
from backcoach.coach.plan import READY_SECONDS, SWITCH_SECONDS, plan_segments, side_name
from backcoach.coach.safety import Answer, all_clear
from backcoach.coach.session import (
    Cue,
    Difficulty,
    EndReason,
    InvalidAction,
    LegReach,
    SessionEngine,
    Stage,
)
from backcoach.content.model import Drill
from backcoach.store.timefmt import now_iso

EASY = make_drill("pelvic-tilt", "reps", reps=2)
ROLLS = make_drill("cat-camel", "reps", reps=3, sets=2, rest=10, easier="pelvic-tilt")
PLANK = make_drill("front-plank", "hold", sets=3, hold=20, rest=15, easier="knee-plank")
KNEE_PLANK = make_drill("knee-plank", "hold", sets=2, hold=10, rest=10)
STRETCH = make_drill("hamstring-stretch", "per_side", seconds=30)
WALK = make_drill("walking", "timed", seconds=60)
LIBRARY = {d.id: d for d in (EASY, ROLLS, PLANK, KNEE_PLANK, STRETCH, WALK)}


def easier_of(drill: Drill) -> Drill | None:
    return LIBRARY.get(drill.easier) if drill.easier else None


def engine(
    *drills: Drill, safety: bool = False, pain_limit: int | None = None, locked: bool = False
) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    program = replace(make_program(*(drills or (ROLLS, PLANK)), pain_limit=pain_limit), locked=locked)
    return SessionEngine(program, clock, easier_of=easier_of, needs_safety_check=safety, wall_time=now_iso), clock


def run_out(eng: SessionEngine, clock: FakeClock, step: float = 0.25) -> None:
    """Let time pass, ticking like a UI would, until the drill's work ends."""
    while eng.stage in (Stage.READY, Stage.WORK):
        clock.advance(step)
        eng.tick()


def begin_first_drill(eng: SessionEngine, checkin: int, gate: int) -> None:
    """Check in, go at the first pain check, and start the get-ready countdown."""
    eng.checkin(checkin, LegReach.NONE)
    eng.gate(gate)
    eng.choose(GateChoice.GO)


def actions(eng: SessionEngine) -> list[str]:
    return [event.action for event in eng.outbox]


def test_start_and_end_times_come_from_the_injected_wall_clock() -> None:
    times = iter(["2026-03-30T09:00:00+01:00", "2026-03-30T09:20:00+01:00"])
    eng = SessionEngine(
        make_program(ROLLS), FakeClock(), easier_of=easier_of, needs_safety_check=False, wall_time=lambda: next(times)
    )
    eng.checkin(2, LegReach.NONE)
    eng.end_session()
    started, finished = eng.outbox[0], eng.outbox[-1]
    assert (started.action, started.document["started_at"]) == ("start", "2026-03-30T09:00:00+01:00")
    assert (finished.action, finished.document["ended_at"]) == ("finish", "2026-03-30T09:20:00+01:00")


def test_green_run_completes_every_drill() -> None:
    eng, clock = engine(ROLLS, PLANK)
    eng.checkin(2, LegReach.NONE)
    for _ in range(2):
        assert eng.gate(2).band is Band.GREEN
        eng.choose(GateChoice.GO)
        run_out(eng, clock)
        assert eng.stage is Stage.RATING
        eng.rate(Difficulty.ABOUT_RIGHT)
    assert eng.stage is Stage.SUMMARY
    assert eng.end_reason is EndReason.COMPLETED
    assert [r["status"] for r in eng.records] == ["done", "done"]
    rolls, plank = eng.records
    assert rolls["reps_done"] == 6 and rolls["sets_done"] == 2
    assert rolls["active_seconds"] == pytest.approx(2 * 3 * 8)
    assert plank["sets_done"] == 3 and plank["active_seconds"] == pytest.approx(60)
    assert actions(eng) == ["start", "update", "drill", "drill", "finish"]
    assert eng.outbox[-1].document["status"] == "completed"
    assert eng.outbox[-1].document["final_pain"] == 2
    assert Cue.SESSION_COMPLETE in eng.cues


def test_wall_time_of_a_drill_is_its_planned_segments() -> None:
    eng, clock = engine(ROLLS)
    eng.checkin(1, LegReach.NONE)
    eng.gate(1)
    eng.choose(GateChoice.GO)
    start = clock.now()
    run_out(eng, clock, step=0.1)
    expected = READY_SECONDS + 2 * 24 + 10
    assert clock.now() - start == pytest.approx(expected, abs=0.11)


def test_amber_offers_and_takes_the_easier_version() -> None:
    eng, clock = engine(ROLLS)
    eng.checkin(3, LegReach.NONE)
    result = eng.gate(4)
    assert result.band is Band.AMBER and result.easier_offered
    eng.choose(GateChoice.EASIER)
    assert eng.stage is Stage.READY and eng.drill.id == "pelvic-tilt"
    run_out(eng, clock)
    eng.rate(Difficulty.TOO_EASY)
    record = eng.records[0]
    assert record["drill_id"] == "cat-camel" and record["replaced_by"] == "pelvic-tilt"
    assert record["status"] == "easier" and record["gate_band"] == "amber"
    assert record["difficulty"] == "too_easy"
    # The easier movement at the dose the program set for cat-camel: 2 sets of 3.
    assert record["reps_done"] == 6 and record["planned"]["reps"] == 3 and record["planned"]["sets"] == 2


def test_red_blocks_the_full_dose_and_skip_is_recorded() -> None:
    eng, _ = engine(ROLLS, PLANK)
    eng.checkin(5, LegReach.NONE)
    result = eng.gate(6)
    assert result.band is Band.RED
    with pytest.raises(InvalidAction):
        eng.choose(GateChoice.GO)
    eng.choose(GateChoice.SKIP)
    assert eng.stage is Stage.GATE and eng.planned_drill.id == "front-plank"
    assert eng.records[0]["status"] == "skipped" and eng.records[0]["gate_pain"] == 6


def test_two_red_gates_end_the_session_kindly() -> None:
    eng, _ = engine(ROLLS, PLANK, WALK)
    eng.checkin(6, LegReach.NONE)
    eng.gate(6)
    eng.choose(GateChoice.SKIP)
    result = eng.gate(7)
    # CLINICAL.md 2: two red-or-stop gates end the session; ending is the only choice.
    assert result.ends_session and result.choices == (GateChoice.END,)
    eng.choose(GateChoice.END)
    assert eng.stage is Stage.SUMMARY
    assert eng.end_reason is EndReason.STOPPED_PAIN
    # The drill that was never started is not recorded as skipped; its reading is kept.
    assert [r["gate_band"] for r in eng.records] == ["red"]
    assert eng.last_gate == {"drill_id": "front-plank", "gate_pain": 7, "gate_band": "red", "leg_spread": False}
    assert eng.outbox[-1].document["status"] == "stopped_pain"


def test_a_rise_counts_as_red_for_the_two_reds_rule() -> None:
    eng, _ = engine(ROLLS, PLANK, WALK)
    eng.checkin(2, LegReach.NONE)
    assert eng.gate(5).band is Band.RED  # amber + rise
    eng.choose(GateChoice.SKIP)
    assert eng.gate(8).band is Band.STOP
    eng.choose(GateChoice.END)
    assert eng.end_reason is EndReason.STOPPED_PAIN


def test_stop_band_ends_by_default_and_skip_carries_on() -> None:
    """CLINICAL.md 2 safe defaults: in the stop band, ending is the first (enter) choice."""
    eng, _ = engine(ROLLS, WALK)
    eng.checkin(8, LegReach.NONE)
    result = eng.gate(8)
    assert result.band is Band.STOP and result.suggest_end
    assert result.choices == (GateChoice.END, GateChoice.SKIP)
    eng.choose(GateChoice.END)
    assert eng.end_reason is EndReason.STOPPED_PAIN
    assert eng.records == []


def test_program_pain_limit_tightens_the_gate() -> None:
    eng, _ = engine(ROLLS, pain_limit=3)
    eng.checkin(4, LegReach.NONE)
    assert eng.gate(4).band is Band.RED


E, GO, SK, END = GateChoice.EASIER, GateChoice.GO, GateChoice.SKIP, GateChoice.END

# The first gate of a session, locked or not: (locked, drill, check-in,
# gate score, band, choices, easier offered). Only green with an easier
# version differs between the two.
GATE_TABLE = [
    (False, ROLLS, 2, 2, Band.GREEN, (GO, E, SK, END), False),
    (True, ROLLS, 2, 2, Band.GREEN, (GO, E, SK, END), True),
    (True, STRETCH, 2, 2, Band.GREEN, (GO, SK, END), False),  # nothing easier to offer
    (False, ROLLS, 4, 4, Band.AMBER, (GO, E, SK, END), True),
    (True, ROLLS, 4, 4, Band.AMBER, (GO, E, SK, END), True),
    (False, ROLLS, 6, 6, Band.RED, (E, SK, END), True),
    (True, ROLLS, 6, 6, Band.RED, (E, SK, END), True),
    (True, STRETCH, 6, 6, Band.RED, (SK, END), False),
    (True, ROLLS, 1, 3, Band.AMBER, (GO, E, SK, END), True),  # +2 rise
    (True, ROLLS, 3, 5, Band.RED, (E, SK, END), True),  # +2 rise
    (False, ROLLS, 8, 8, Band.STOP, (END, SK), False),
    (True, ROLLS, 8, 8, Band.STOP, (END, SK), False),
]


@pytest.mark.parametrize("locked, drill, checkin, score, band, choices, offered", GATE_TABLE)
def test_the_gate_follows_the_program_lock(
    locked: bool, drill: Drill, checkin: int, score: int, band: Band, choices: tuple, offered: bool
) -> None:
    eng, _ = engine(drill, WALK, locked=locked)
    eng.checkin(checkin, LegReach.NONE)
    result = eng.gate(score)
    assert (result.band, result.choices, result.easier_offered) == (band, choices, offered)


def test_a_locked_program_takes_the_easier_version_at_a_green_gate() -> None:
    eng, clock = engine(PLANK, locked=True)
    eng.checkin(1, LegReach.NONE)
    assert eng.gate(1).easier_offered
    eng.choose(GateChoice.EASIER)
    assert eng.stage is Stage.READY and eng.drill.id == "knee-plank"
    run_out(eng, clock)
    eng.rate(Difficulty.TOO_EASY)
    (record,) = eng.records
    assert record["drill_id"] == "front-plank" and record["replaced_by"] == "knee-plank"
    assert record["status"] == "easier" and record["gate_band"] == "green"
    # The gentler movement, at the dose the program set for the front plank.
    assert record["planned"]["sets"] == 3 and record["planned"]["hold_seconds"] == 20


def test_a_locked_program_still_blocks_red_and_ends_after_two_reds() -> None:
    eng, _ = engine(ROLLS, PLANK, WALK, locked=True)
    eng.checkin(6, LegReach.NONE)
    eng.gate(6)
    with pytest.raises(InvalidAction):
        eng.choose(GateChoice.GO)
    eng.choose(GateChoice.SKIP)
    assert eng.gate(8).choices == (GateChoice.END,)
    eng.choose(GateChoice.END)
    assert eng.end_reason is EndReason.STOPPED_PAIN
    assert [r["gate_band"] for r in eng.records] == ["red"]
    assert eng.last_gate is not None and eng.last_gate["gate_band"] == "stop"


def test_safety_stop_records_the_answers_and_starts_nothing() -> None:
    eng, _ = engine(ROLLS, safety=True)
    assert eng.stage is Stage.SAFETY and eng.outbox == []
    answers = all_clear() | {"night_pain": Answer.YES}
    eng.answer_safety(answers)
    assert eng.stage is Stage.SAFETY_STOP
    assert eng.end_reason is EndReason.STOPPED_SAFETY
    start, finish = eng.outbox
    safety = start.document["safety"]
    assert safety["answers"] == {qid: qid == "night_pain" for qid in answers}
    assert safety["levels"] == {"night_pain": "doctor_soon"}
    assert safety["outcome"] == "doctor_soon"
    assert finish.document["status"] == "stopped_safety"
    with pytest.raises(InvalidAction):
        eng.checkin(1, LegReach.NONE)


def test_clear_safety_check_leads_to_checkin() -> None:
    eng, _ = engine(ROLLS, safety=True)
    eng.answer_safety(all_clear())
    assert eng.stage is Stage.CHECKIN
    assert eng.outbox[0].document["safety"]["answers"] == {qid: False for qid in all_clear()}
    assert eng.outbox[0].document["safety"]["outcome"] == "clear"


def test_pause_freezes_the_countdown_and_resume_continues_exactly() -> None:
    eng, clock = engine(PLANK)
    begin_first_drill(eng, checkin=1, gate=1)
    clock.advance(READY_SECONDS)
    eng.tick()
    clock.advance(5)
    eng.tick()
    assert eng.timer.remaining == pytest.approx(15)
    eng.toggle_pause()
    clock.advance(300)
    eng.tick()
    assert eng.timer.remaining == pytest.approx(15)
    eng.toggle_pause()
    clock.advance(14.5)
    eng.tick()
    assert eng.timer.remaining == pytest.approx(0.5)
    assert eng.timer.segment is not None and eng.timer.segment.set_number == 1
    clock.advance(0.5)
    eng.tick()
    assert eng.timer.segment is not None and eng.timer.segment.kind == "rest"


def test_a_late_tick_does_not_drift_the_timers() -> None:
    eng, clock = engine(PLANK)
    begin_first_drill(eng, checkin=1, gate=1)
    clock.advance(READY_SECONDS + 20 + 15 + 3)  # one stalled frame across two deadlines
    eng.tick()
    assert eng.timer.segment is not None and eng.timer.segment.set_number == 2
    assert eng.timer.remaining == pytest.approx(17)


def test_done_early_counts_partial_work() -> None:
    eng, clock = engine(ROLLS)
    begin_first_drill(eng, checkin=1, gate=1)
    clock.advance(READY_SECONDS)
    eng.tick()
    clock.advance(17)  # two whole reps and a bit
    eng.tick()
    eng.done()
    assert eng.stage is Stage.RATING
    eng.rate(Difficulty.TOO_HARD)
    record = eng.records[0]
    assert record["status"] == "partial" and record["reps_done"] == 2
    assert record["active_seconds"] == pytest.approx(17)


def test_easier_mid_drill_keeps_the_time_already_done() -> None:
    eng, clock = engine(PLANK)
    begin_first_drill(eng, checkin=1, gate=1)
    clock.advance(READY_SECONDS + 8)
    eng.tick()
    eng.easier()
    assert eng.stage is Stage.READY and eng.drill.id == "knee-plank"
    # The plank's sets, at the kneeling plank's own (shorter or equal) hold.
    dose = eng.drill.dosage
    assert dose.sets == 3 and dose.hold_seconds <= 20
    run_out(eng, clock)
    eng.rate(Difficulty.ABOUT_RIGHT)
    record = eng.records[0]
    assert record["status"] == "easier" and record["replaced_by"] == "knee-plank"
    assert record["active_seconds"] == pytest.approx(8 + 3 * dose.hold_seconds)


def test_skip_during_work_and_end_session_mid_drill() -> None:
    eng, clock = engine(ROLLS, PLANK, WALK)
    begin_first_drill(eng, checkin=2, gate=2)
    clock.advance(READY_SECONDS + 3)
    eng.tick()
    eng.skip()
    assert eng.records[0]["status"] == "skipped"
    assert eng.records[0]["active_seconds"] == pytest.approx(3)
    eng.gate(2)
    eng.choose(GateChoice.GO)
    clock.advance(READY_SECONDS + 4)
    eng.tick()
    eng.end_session()
    assert eng.end_reason is EndReason.ENDED_EARLY
    assert eng.records[1]["status"] == "partial"
    assert actions(eng)[-1] == "finish" and eng.outbox[-1].document["status"] == "ended_early"


def test_reps_cues_follow_the_breath() -> None:
    drill = make_drill("cat-camel", reps=2)
    eng, clock = engine(drill)
    begin_first_drill(eng, checkin=0, gate=0)
    run_out(eng, clock, step=0.5)
    breaths = [c for c in eng.cues if c in (Cue.EXHALE, Cue.INHALE)]
    assert breaths == [Cue.EXHALE, Cue.INHALE, Cue.EXHALE, Cue.INHALE]


def test_hold_cues_start_ticks_and_end() -> None:
    drill = make_drill("bear-hold", "hold", sets=1, hold=10)
    eng, clock = engine(drill)
    begin_first_drill(eng, checkin=0, gate=0)
    run_out(eng, clock, step=0.25)
    assert eng.cues == [Cue.TICK] * 3 + [Cue.HOLD_START] + [Cue.TICK] * 3 + [Cue.HOLD_END]


def test_per_side_switches_at_the_midpoint() -> None:
    eng, clock = engine(STRETCH)
    begin_first_drill(eng, checkin=0, gate=0)
    clock.advance(READY_SECONDS + 29.9)
    eng.tick()
    assert eng.timer.segment is not None and eng.timer.segment.side == 1
    eng.cues.clear()
    clock.advance(0.2)
    eng.tick()
    assert eng.timer.segment is not None and eng.timer.segment.side == 2
    assert Cue.SWITCH_SIDES in eng.cues
    run_out(eng, clock)
    assert eng.stage is Stage.RATING


def test_per_side_stretches_get_the_same_switch_time_as_holds() -> None:
    kinds = [(s.kind, s.seconds, s.side) for s in plan_segments(STRETCH)]
    assert kinds == [("work", 30, 1), ("switch", SWITCH_SECONDS, 2), ("work", 30, 2)]


def test_sides_are_named_left_then_right() -> None:
    assert [side_name(side) for side in (0, 1, 2)] == ["", "left", "right"]


def test_two_sided_sets_get_a_switch_segment() -> None:
    drill = make_drill("side-plank", "hold", sets=2, hold=15, rest=20, sides=2)
    kinds = [(s.kind, s.seconds, s.side) for s in plan_segments(drill)]
    assert kinds == [
        ("work", 15, 1),
        ("switch", SWITCH_SECONDS, 2),
        ("work", 15, 2),
        ("rest", 20, 0),
        ("work", 15, 1),
        ("switch", SWITCH_SECONDS, 2),
        ("work", 15, 2),
    ]


def test_keys_in_the_wrong_stage_are_refused() -> None:
    eng, _ = engine(ROLLS)
    with pytest.raises(InvalidAction):
        eng.begin()
    with pytest.raises(InvalidAction):
        eng.gate(3)
    eng.checkin(3, LegReach.NONE)
    with pytest.raises(InvalidAction):
        eng.choose(GateChoice.GO)


def test_scaled_clock_runs_faster_and_changes_speed_without_a_jump() -> None:
    real = [100.0]
    clock = ScaledClock(10, source=lambda: real[0])
    start = clock.now()
    real[0] += 1
    assert clock.now() - start == pytest.approx(10)
    clock.set_speed(2)
    before = clock.now()
    real[0] += 1
    assert clock.now() - before == pytest.approx(2)


def test_the_coach_package_never_imports_textual() -> None:
    code = (
        "import sys, backcoach.coach.session, backcoach.coach.clock, backcoach.coach.pain;"
        "import backcoach.coach.safety, backcoach.coach.breathing, backcoach.coach.plan;"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_easier_version_of_another_kind_keeps_its_own_dose() -> None:
    walk = make_drill("walking", "timed", seconds=60)
    crawl = make_drill("bear-crawl", "reps", reps=4, easier="walking")
    LIBRARY["walking"] = walk
    try:
        eng, _ = engine(crawl)
        eng.checkin(1, LegReach.NONE)
        eng.gate(4)
        eng.choose(GateChoice.EASIER)
        assert eng.drill.dosage.seconds == 60
    finally:
        LIBRARY["walking"] = WALK
