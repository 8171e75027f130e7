"""Whole sessions through the real screens with Pilot and a fake clock,
checking what the journal holds after each path."""

from __future__ import annotations

import pytest
from conftest import Harness, run_time, settle, short_program, text_of

from backcoach.coach.plan import SWITCH_SECONDS
from backcoach.coach.session import Stage
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.confirm_end import ConfirmEndScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.gate import GateScreen
from backcoach.tui.session.summary import SummaryScreen

SIZE = (80, 24)


async def start_short(h: Harness, pilot, safety: str = "n", checkin: str = "2", leg: str = "n") -> None:
    await settle(pilot)
    assert isinstance(h.app.screen, HomeScreen)
    await pilot.press("enter")  # the short program is first
    await settle(pilot)
    await pilot.press(safety)
    await settle(pilot)
    await pilot.press(*checkin, "enter", leg)
    await settle(pilot)


async def gate(pilot, score: str, *then: str) -> None:
    """One key: a digit confirms (green or amber goes on to Get ready by itself)."""
    await pilot.press(score)
    await settle(pilot)
    if then:
        await pilot.press(*then)
        await settle(pilot)


def ready_left(h: Harness) -> float:
    """What is left of the get-ready countdown that started by itself."""
    runner = h.app.runner
    assert runner is not None and runner.engine.stage is Stage.READY
    return runner.engine.timer.remaining


async def end_here(pilot) -> None:
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)


async def finish_drill(h: Harness, pilot, seconds: float, rating: str = "2") -> None:
    await run_time(h, pilot, ready_left(h) + seconds + 0.5)
    await settle(pilot)
    assert text_of(h.app.screen, ".heading") == "How did that feel"
    await pilot.press(rating)
    await settle(pilot)


async def test_green_run_saves_every_drill(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)  # the check-in's 2 is the first pain check
        await finish_drill(h, pilot, 2 * 4)
        await gate(pilot, "2")
        await finish_drill(h, pilot, 5 + 5 + 5, rating="1")
        await gate(pilot, "1")
        await run_time(h, pilot, 2)  # a 1 left alone counts as 1
        await finish_drill(h, pilot, 10 + SWITCH_SECONDS + 10, rating="3")
        assert isinstance(h.app.screen, SummaryScreen)
        (session,) = h.sessions()
        assert session["status"] == "completed"
        assert session["checkin_pain"] == 2 and session["final_pain"] == 1
        assert session["demo"] is False
        assert session["safety"]["answers"] and not any(session["safety"]["answers"].values())
        drills = session["drills"]
        assert [d["drill_id"] for d in drills] == ["cat-camel", "front-plank", "hamstring-stretch"]
        assert [d["status"] for d in drills] == ["done", "done", "done"]
        assert [d["difficulty"] for d in drills] == ["about_right", "too_easy", "too_hard"]
        assert drills[0]["reps_done"] == 2 and drills[1]["sets_done"] == 2
        assert "exhale" in h.player.played and "hold_end" in h.player.played
        assert "switch_sides" in h.player.played and "session_complete" in h.player.played
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)


async def test_amber_takes_the_easier_version(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot, checkin="4")
        # Amber goes on by itself; Get ready keeps the easier version a key away.
        assert "4/10, amber" in text_of(h.app.screen, "#gate")
        assert "e = the easier version: " in text_of(h.app.screen, "#gate")
        await pilot.press("e")
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None
        easier = runner.engine.drill
        assert easier.id != "cat-camel"
        await finish_drill(h, pilot, easier.estimated_seconds)
        assert runner.engine.stage is Stage.GATE
        await end_here(pilot)  # end at the next gate: nothing rated there
        (session,) = h.sessions()
        first = session["drills"][0]
        assert first["drill_id"] == "cat-camel" and first["replaced_by"] == easier.id
        assert first["status"] == "easier" and first["gate_band"] == "amber"
        assert session["status"] == "ended_early"


async def test_red_gate_blocks_go_and_skips(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot, checkin="6")
        # The check-in's 6 is the first pain check: red keeps its choices.
        screen = h.app.screen
        assert "Your check-in score, 6/10" in text_of(screen, "#source")
        assert isinstance(screen, GateScreen)
        band = text_of(screen, "#band")
        assert "Red" in band and "no full dose" in band
        assert "go: full dose" not in text_of(screen, "#choices")
        await pilot.press("s")
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None and runner.engine.planned_drill.id == "front-plank"
        current = h.current()
        assert current is not None and current["drills"][0]["status"] == "skipped"


async def test_two_red_gates_end_the_session(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot, checkin="6")
        await gate(pilot, "7", "s")  # a change of score after the band, then skip
        await gate(pilot, "7")
        choices = text_of(h.app.screen, "#choices")
        assert "enter  end the session and rest today" in choices and "skip" not in choices
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        await settle(pilot)
        ending = text_of(h.app.screen, "#ending")
        assert "Two pain checks were in the red" in ending and "rest today" in ending
        (session,) = h.sessions()
        assert session["status"] == "stopped_pain"
        # The second red drill was never started: not recorded as skipped.
        assert [d["gate_band"] for d in session["drills"]] == ["red"]
        assert session["last_gate"]["gate_band"] == "red" and session["last_gate"]["gate_pain"] == 7


async def test_safety_yes_stops_and_blocks_the_day(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y", "b", "enter")
        await settle(pilot)
        advice = text_of(h.app.screen, "#advice")
        assert "emergency department" in advice
        (session,) = h.sessions()
        assert session["status"] == "stopped_safety"
        assert session["safety"]["answers"]["bladder_bowel"] is True
        assert session["safety"]["levels"] == {"bladder_bowel": "emergency"}
        assert session["drills"] == []
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert h.app.runner is None
        assert text_of(h.app.screen, ".heading") == "Safety check"
        blocked = text_of(h.app.screen, ".advice")
        assert "no exercise today" in blocked and "emergency department" in blocked


async def test_safety_check_only_once_a_day(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        await end_here(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(h.app.screen, ".heading") == "How is your back"


async def test_pause_freezes_the_hold_countdown(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        await pilot.press("s")  # skip the reps drill at its Get ready
        await settle(pilot)
        await gate(pilot, "2")
        await run_time(h, pilot, ready_left(h) + 2)
        runner = h.app.runner
        assert runner is not None and isinstance(h.app.screen, DrillScreen)
        assert runner.engine.timer.remaining == pytest.approx(3)
        await pilot.press("space")
        await run_time(h, pilot, 60)
        assert runner.engine.timer.remaining == pytest.approx(3)
        assert "PAUSED" == h.app.screen.query_one("#word").word
        await pilot.press("space")
        await run_time(h, pilot, 2)
        assert runner.engine.timer.remaining == pytest.approx(1)


async def test_end_session_asks_first(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        await run_time(h, pilot, ready_left(h) + 3)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(h.app.screen, ConfirmEndScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(h.app.screen, DrillScreen)
        runner = h.app.runner
        assert runner is not None and not runner.engine.timer.paused
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        (session,) = h.sessions()
        assert session["status"] == "ended_early"
        assert session["drills"][0]["status"] == "partial"
        assert session["drills"][0]["active_seconds"] == pytest.approx(3, abs=0.6)


async def test_done_early_counts_what_was_done(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        await run_time(h, pilot, ready_left(h) + 4.5)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        current = h.current()
        assert current is not None
        record = current["drills"][0]
        assert record["status"] == "partial" and record["reps_done"] == 1
        assert record["difficulty"] == "too_hard"


async def test_run_program_starts_straight_into_the_session(make_harness) -> None:
    h = make_harness(start_program=short_program())
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert text_of(h.app.screen, ".heading") == "Safety check"


async def test_demo_speed_sessions_are_stored_as_demos(make_harness) -> None:
    h = make_harness(speed=10)
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        await end_here(pilot)
        (session,) = h.sessions()
        assert session["demo"] is True


async def test_mute_toggles_and_persists(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        assert h.app.player.muted is True
        assert h.saved_settings[-1]["muted"] is True


async def wait_for_screen(pilot, kind: type) -> None:  # type: ignore[no-untyped-def]
    """Let the app's own timer run until ``kind`` is shown (bounded, never a speed threshold)."""
    for _ in range(400):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause(0.05)


@pytest.mark.real_ticks
async def test_the_runners_own_timer_moves_the_session_on(make_harness) -> None:  # type: ignore[no-untyped-def]
    """Every other Pilot test ticks by hand (``manual_ticks``); this one leaves
    the runner's own timers alone (the 20 Hz tick and the deadline wake-up) and
    checks that they, with no key and no hand-made tick, end the countdown and
    the drill."""
    from backcoach.tui.session import runner as session_runner
    from backcoach.tui.session.rating import RatingScreen

    assert session_runner.TICK_SECONDS == 0.05  # the real timer, not the tests' stand-in
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)  # the get-ready countdown starts by itself
        h.clock.advance(ready_left(h) + 0.5)
        await wait_for_screen(pilot, DrillScreen)
        assert isinstance(h.app.screen, DrillScreen)
        h.clock.advance(2 * 4 + 0.5)
        await wait_for_screen(pilot, RatingScreen)
        assert isinstance(h.app.screen, RatingScreen)
