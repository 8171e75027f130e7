"""Small visible defects of issue 10 item 8, each pinned by a Pilot test:
help pauses a drill, the narrow key bar keeps its most important keys, the
palette's commands are ours and work, one quit hint, and a screen's hint
toast goes with the screen."""

from __future__ import annotations

from typing import Any

from conftest import Harness, ready_left, run_time, settle, text_of

from backcoach.coach.session import Stage
from backcoach.tui.app import QUIT_HINT
from backcoach.tui.dialogs.help import HelpScreen
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.safety import SafetyScreen, SafetyStopScreen
from backcoach.tui.widgets.key_bar import KeyBar, fit_keys

SIZE = (80, 24)


def toasts(h: Harness) -> list[str]:
    return [n.message for n in h.app._notifications]


async def to_first_drill(h: Harness, pilot: Any) -> None:
    """Home -> the short program's first drill (cat-camel, 2 reps at tempo 2), running."""
    await settle(pilot)
    await pilot.press("enter", "n")
    await settle(pilot)
    await pilot.press("2", "enter", "n")  # the check-in's 2 is the pain check: Get ready runs
    await settle(pilot)
    await run_time(h, pilot, ready_left(h) + 0.5)
    assert isinstance(h.app.screen, DrillScreen)


async def test_help_pauses_a_running_drill_and_resumes_it_on_close(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        runner = h.app.runner
        assert runner is not None and not runner.engine.timer.paused
        await pilot.press("question_mark")
        assert isinstance(h.app.screen, HelpScreen)
        assert runner.engine.timer.paused
        left = runner.engine.timer.remaining
        await run_time(h, pilot, 60)  # far longer than the whole drill
        assert isinstance(h.app.screen, HelpScreen)
        assert runner.engine.stage is Stage.WORK and runner.engine.timer.remaining == left
        await pilot.press("escape")  # closes help, and only help
        await settle(pilot)
        assert isinstance(h.app.screen, DrillScreen)
        assert runner.engine.stage is Stage.WORK and not runner.engine.timer.paused


async def test_help_leaves_a_drill_paused_by_the_person_paused(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        runner = h.app.runner
        assert runner is not None
        await pilot.press("space", "question_mark")
        assert isinstance(h.app.screen, HelpScreen) and runner.engine.timer.paused
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, DrillScreen) and runner.engine.timer.paused


def test_fit_keys_keeps_quit_help_and_mute_first() -> None:
    items = [("h", 10), ("c", 9), ("b", 20), ("q", 7), ("question_mark", 7), ("m", 7)]
    assert fit_keys(items, 60) == [0, 1, 2, 3, 4, 5]  # everything fits: all, in order
    assert fit_keys(items, 39) == [0, 3, 4, 5]  # the kept keys, then what still fits, in order
    assert fit_keys(items, 14) == [3, 4]
    assert fit_keys(items, 0) == [0, 1, 2, 3, 4, 5]  # not laid out yet


async def test_the_key_bar_keeps_quit_help_and_mute_at_60_columns(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        bar = h.app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert len(line) <= 60
        for shown in (" q Quit ", " ? Help ", " m Mute "):
            assert shown in line, line


async def test_the_palette_has_one_keys_entry_and_no_theme_picker_or_screenshot(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = list(h.app.get_system_commands(h.app.screen))
        titles = [c.title for c in commands]
        assert titles.count("Keys") == 1
        assert "Theme" not in titles and "Screenshot" not in titles
        assert "High contrast" in titles and "Quit" in titles
        next(c for c in commands if c.title == "Keys").callback()
        await settle(pilot)
        assert isinstance(h.app.screen, HelpScreen)


async def test_the_quit_hint_is_the_same_everywhere(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        await pilot.press("ctrl+c")
        await settle(pilot)
        on_home = toasts(h)
        h.app.clear_notifications()
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(h.app.screen, HistoryScreen)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert on_home == toasts(h) == [QUIT_HINT]


async def test_a_screens_hint_goes_with_the_screen(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "enter")  # confirm with nothing marked: a hint
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyScreen)
        assert any(t.startswith("Mark at least one") for t in toasts(h))
        h.app.notify("A save failed.")  # the app's own toast is not the screen's
        await pilot.press("d", "enter")  # d: both legs
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyStopScreen)
        assert toasts(h) == ["A save failed."]
        assert "emergency department" in text_of(h.app.screen, "#advice")
