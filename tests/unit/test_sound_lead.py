"""Cues started early by the player's latency land on their moment: the
prediction and its bookkeeping on a fake clock with real drill timers."""

from __future__ import annotations

import pytest

from backcoach.coach.clock import FakeClock
from backcoach.coach.plan import READY_SECONDS
from backcoach.coach.timer import Cue, DrillTimer
from backcoach.sound_lead import RESOLUTION, CueLead, cues_at, next_cues
from tests.factories import make_drill

LEAD = 0.05


def started(kind: str = "hold", **dose: int) -> tuple[DrillTimer, FakeClock, list[Cue]]:
    clock = FakeClock()
    cues: list[Cue] = []
    drill = make_drill("front-plank", "hold", hold=5, sets=1) if kind == "hold" else make_drill(**dose)
    timer = DrillTimer(drill, clock, cues)
    timer.start_ready()
    return timer, clock, cues


def test_the_next_cue_and_its_moment_are_found_without_changing_the_timer():
    timer, clock, cues = started()
    start = clock.now()
    ready_end = start + READY_SECONDS
    # The get-ready's ticks at 3, 2 and 1 s left, then the hold's start.
    assert next_cues(timer, start, 1.0) is None  # nothing within a second
    moment, names = next_cues(timer, ready_end - 3.2, 0.5) or (0.0, ())
    assert moment == pytest.approx(ready_end - 3, abs=RESOLUTION) and names == ("tick",)
    timer.tick()  # the real timer is where it was: no cue, no change
    assert cues == [] and timer.ready and timer.deadline == ready_end
    clock.advance(READY_SECONDS - 0.02)
    timer.tick()
    cues.clear()
    moment, names = next_cues(timer, clock.now(), 0.1) or (0.0, ())
    assert moment == pytest.approx(ready_end, abs=RESOLUTION) and names == ("hold_start",)
    assert cues_at(timer, ready_end + 0.001) == ("hold_start",)


def test_a_breath_phase_change_inside_a_reps_drill_is_predicted():
    timer, clock, cues = started("reps", reps=2)
    clock.advance(READY_SECONDS + 0.01)
    timer.tick()
    assert cues[-1] is Cue.EXHALE
    phase = timer.drill.breathing.phases[0].seconds
    change = timer.deadline - timer.segments[0].seconds + phase
    moment, names = next_cues(timer, change - 0.1, 0.2) or (0.0, ())
    assert moment == pytest.approx(change, abs=RESOLUTION) and names == ("inhale",)


def test_paused_or_stopped_nothing_is_predicted():
    timer, clock, _cues = started()
    timer.toggle_pause()
    assert next_cues(timer, clock.now() + READY_SECONDS - 3.01, 0.1) is None
    timer.toggle_pause()
    timer.stop()
    assert next_cues(timer, clock.now(), 100.0) is None


def test_plan_fire_take_plays_each_cue_once_and_early_by_the_lead():
    timer, clock, cues = started()
    lead = CueLead()
    ready_end = clock.now() + READY_SECONDS
    clock.advance(READY_SECONDS - 0.1)
    timer.tick()
    cues.clear()  # the countdown's ticks, handed over already
    delay = lead.plan(timer, clock.now(), LEAD, LEAD + 0.15)
    assert delay == pytest.approx(0.1 - LEAD, abs=RESOLUTION)
    clock.advance(delay or 0.0)
    assert lead.fire(timer, clock.now()) == ("hold_start",)  # started LEAD before the moment
    clock.advance(LEAD + 0.01)
    timer.tick()
    assert clock.now() > ready_end and [c.value for c in cues] == ["hold_start"]
    assert lead.take(["hold_start"], clock.now()) == []  # already playing: not twice
    assert lead.take(["hold_start"], clock.now()) == ["hold_start"]  # a later one plays


def test_an_engine_tick_that_comes_late_still_finds_its_early_cue():
    timer, clock, cues = started()
    lead = CueLead()
    clock.advance(READY_SECONDS - 3.1)  # 100 ms before the countdown's first tick
    timer.tick()
    clock.advance(lead.plan(timer, clock.now(), LEAD, LEAD + 0.15) or 0.0)
    assert lead.fire(timer, clock.now()) == ("tick",)
    clock.advance(0.6)  # a busy machine: the engine sees the moment 550 ms late
    timer.tick()
    assert lead.take([c.value for c in cues], clock.now()) == []
    clock.advance(0.5)  # the next second's tick was not started early: it plays
    timer.tick()
    assert lead.take([c.value for c in cues[1:]], clock.now()) == ["tick"]


def test_a_tick_between_the_early_start_and_the_moment_starts_nothing_again():
    timer, clock, _cues = started()
    lead = CueLead()
    clock.advance(READY_SECONDS - 0.1)
    timer.tick()
    clock.advance(lead.plan(timer, clock.now(), LEAD, LEAD + 0.15) or 0.0)
    assert lead.fire(timer, clock.now()) == ("hold_start",)
    clock.advance(LEAD / 2)  # the runner's tick, after the early start, before the moment
    timer.tick()
    assert lead.plan(timer, clock.now(), LEAD, LEAD + 0.15) is None
    assert lead.fire(timer, clock.now()) == ()


def test_a_pause_between_plan_and_fire_starts_nothing():
    timer, clock, _cues = started()
    lead = CueLead()
    clock.advance(READY_SECONDS - 0.1)
    timer.tick()
    delay = lead.plan(timer, clock.now(), LEAD, LEAD + 0.15)
    assert delay is not None
    timer.toggle_pause()
    clock.advance(delay)
    assert lead.fire(timer, clock.now()) == ()
    assert lead.take(["hold_start"], clock.now()) == ["hold_start"]


def test_an_early_cue_the_engine_never_queued_is_forgotten():
    timer, clock, _cues = started()
    lead = CueLead()
    clock.advance(READY_SECONDS - 0.1)
    timer.tick()
    clock.advance(lead.plan(timer, clock.now(), LEAD, LEAD + 0.15) or 0.0)
    assert lead.fire(timer, clock.now()) == ("hold_start",)
    clock.advance(5.0)  # skipped, say: the engine queued no hold_start then
    assert lead.take(["hold_start"], clock.now()) == ["hold_start"]


def test_no_cue_within_the_horizon_plans_nothing():
    timer, clock, _cues = started()
    lead = CueLead()
    assert lead.plan(timer, clock.now(), LEAD, LEAD + 0.15) is None
    assert lead.planned is None and lead.fire(timer, clock.now()) == ()
