"""State flows one way: a session screen draws the view the runner pushed
into it, never the engine, and sends keys back as the runner's intents."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from conftest import Harness, ready_left, run_time, settle, text_of

from backcoach.coach.clock import FakeClock
from backcoach.coach.session import Stage
from backcoach.tui.clinic.demo import DemoRunner, demo_engine
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.gate import GateScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.widgets.big_digits import BigDigits
from backcoach.tui.widgets.big_word import BigWord

SIZE = (80, 24)


async def to_gate(pilot: Any) -> None:
    """Home -> the short program's second pain check (the first takes the check-in's score)."""
    await to_get_ready(pilot)
    await pilot.press("s")
    await settle(pilot)


async def to_get_ready(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("enter", "n")
    await settle(pilot)
    await pilot.press("2", "enter", "n")
    await settle(pilot)


async def to_first_drill(h: Harness, pilot: Any) -> None:
    await to_get_ready(pilot)
    await run_time(h, pilot, ready_left(h) + 0.5)
    assert isinstance(h.app.screen, DrillScreen)


async def test_a_drill_screen_draws_the_pushed_view_not_the_engine(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        runner, screen = h.app.runner, h.app.screen
        assert runner is not None and isinstance(screen, DrillScreen) and screen.runner is runner
        word = screen.query_one("#word", BigWord)
        assert word.word == "EXHALE"
        screen.view = replace(screen.view, paused=True)
        await pilot.pause()
        assert word.word == "PAUSED" and not runner.engine.timer.paused
        runner.tick()  # the runner pushes the engine's own view again
        await pilot.pause()
        assert word.word == "EXHALE"


async def test_a_screen_built_from_a_view_shows_that_view(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_gate(pilot)
        runner = h.app.runner
        assert runner is not None and runner.engine.stage is Stage.GATE
        view = replace(runner.engine.view(), stage=Stage.READY, remaining=42.0, paused=True)
        await h.app.push_screen(IntroScreen(runner, view))
        await settle(pilot)
        assert text_of(h.app.screen, "#ready-label") == "PAUSED - space to resume"
        assert h.app.screen.query_one("#ready", BigDigits).value == "0:42"
        assert runner.engine.stage is Stage.GATE  # drawing a view changed nothing


async def test_a_pain_check_intent_returns_the_result_and_pushes_it(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_gate(pilot)
        runner, screen = h.app.runner, h.app.screen
        assert runner is not None and isinstance(screen, GateScreen)
        assert screen.view.gate_result is None
        result = runner.gate(7)
        assert screen.view.gate_result == result and result.score == 7


def test_a_demo_needs_a_clock_whose_speed_can_change(make_harness: Any) -> None:
    h = make_harness()
    drill = h.app.services.library["cat-camel"]
    with pytest.raises(TypeError, match="ScaledClock"):
        DemoRunner(h.app, demo_engine(drill, FakeClock(), h.app))
