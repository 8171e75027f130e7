"""Two keys between drills, through the real screens (issue 13 item 4): the
rating, then one key for the next pain score, and "Get ready" runs by itself."""

from __future__ import annotations

import pytest
from conftest import Harness, run_time, settle, text_of

from backcoach.coach.session import Stage
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.gate import GateScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.session.rating import RatingScreen
from backcoach.tui.widgets.pain_scale import PainScale

SIZE = (80, 24)


def engine(h: Harness):  # type: ignore[no-untyped-def]
    runner = h.app.runner
    assert runner is not None
    return runner.engine


async def to_first_drill(h: Harness, pilot, checkin: str = "2") -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(h.app.screen, HomeScreen)
    await pilot.press("enter", "n")
    await settle(pilot)
    await pilot.press(*checkin, "enter", "n")
    await settle(pilot)


async def to_second_gate(h: Harness, pilot) -> None:  # type: ignore[no-untyped-def]
    """Through the first drill (cat-camel, 2 reps of 4 s) to the next pain check."""
    await run_time(h, pilot, engine(h).timer.remaining + 8.5)
    assert isinstance(h.app.screen, RatingScreen)
    await pilot.press("2")  # key one: the rating
    await settle(pilot)
    assert isinstance(h.app.screen, GateScreen)


async def test_the_check_in_score_is_the_first_pain_check(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        # No second question: Get ready, counting down the first drill's longer time.
        assert isinstance(h.app.screen, IntroScreen)
        assert engine(h).stage is Stage.READY and engine(h).timer.remaining == 20
        assert text_of(h.app.screen, "#gate") == "Pain check: 2/10, green (your check-in score)."
        assert text_of(h.app.screen, "#ready-label") == "Get down onto the mat"
        await run_time(h, pilot, 20.5)
        assert isinstance(h.app.screen, DrillScreen)  # no key: the countdown ran by itself
        record = h.current()
        assert record is not None and record["checkin_pain"] == 2


async def test_two_keys_from_one_drill_to_the_next(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await to_second_gate(h, pilot)
        await pilot.press("3")  # key two: the pain score
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen) and engine(h).stage is Stage.READY
        assert engine(h).timer.remaining == 10  # the setting, after the first drill
        assert text_of(h.app.screen, "#ready-label") == "Get into position"
        await run_time(h, pilot, 10.5)
        assert isinstance(h.app.screen, DrillScreen)
        (first,) = h.current()["drills"]  # type: ignore[index]
        assert first["gate_pain"] == 2 and first["status"] == "done"


async def test_a_1_waits_for_a_0_on_the_clock(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await to_second_gate(h, pilot)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(h.app.screen, GateScreen)  # not yet: a 0 may follow
        await run_time(h, pilot, 1.0)
        assert isinstance(h.app.screen, GateScreen)
        await run_time(h, pilot, 1.0)
        assert isinstance(h.app.screen, IntroScreen)
        assert engine(h).gate_result is not None and engine(h).gate_result.score == 1


async def test_1_then_0_is_10_and_keeps_its_choices(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await to_second_gate(h, pilot)
        await pilot.press("1", "0")
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, GateScreen)
        assert text_of(screen, "#band").startswith("10/10")
        assert "enter  end the session and rest today" in text_of(screen, "#choices")
        await run_time(h, pilot, 3)
        assert isinstance(h.app.screen, GateScreen)  # a stop band never goes on by itself


async def test_1_0_in_one_burst_is_10_never_1(make_harness) -> None:  # type: ignore[no-untyped-def]
    """Both keys handled before the screen hears of the first (tmux ``send-keys 1 0``, a paste, a
    slow link): the ``1`` must still wait for its ``0``, so the score stored is 10, as typed."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await to_second_gate(h, pilot)
        scale = h.app.screen.query_one(PainScale)
        scale.action_pick(1)
        scale.action_pick(0)  # no pause between: the screen's first message still says 1
        await settle(pilot)
        assert isinstance(h.app.screen, GateScreen)
        assert engine(h).gate_result is not None and engine(h).gate_result.score == 10
        assert text_of(h.app.screen, "#band").startswith("10/10")


async def test_enter_repeats_the_last_score_and_says_so(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot, checkin="3")
        await to_second_gate(h, pilot)
        assert "enter = the same as last time (3)" in text_of(h.app.screen, ".lead")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)
        assert text_of(h.app.screen, "#gate") == "Pain check: 3/10, green (the same as last time)."


async def test_a_spread_down_the_leg_keeps_its_choices(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await to_second_gate(h, pilot)
        await pilot.press("l", "2")
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, GateScreen)
        assert "enter  end the session" in text_of(screen, "#choices")


@pytest.mark.parametrize("paused_first", [False, True])
async def test_pausing_get_ready_moves_nothing(make_harness, paused_first: bool) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        screen = h.app.screen
        regions = {}
        for paused in (paused_first, not paused_first):
            if paused != engine(h).timer.paused:
                await pilot.press("space")
                await settle(pilot)
            regions[paused] = [screen.query_one(s).region for s in ("#figure", "#ready", "#ready-bar", "#ready-label")]
        assert regions[True] == regions[False]
        assert "PAUSED" in text_of(screen, "#ready-label") or not engine(h).timer.paused


async def test_pausing_a_drill_moves_nothing(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await run_time(h, pilot, engine(h).timer.remaining + 1)
        screen = h.app.screen
        assert isinstance(screen, DrillScreen)
        selectors = ("#word", "#movement", "#bar", "#countdown", "#progress", "#figure")
        before = [screen.query_one(s).region for s in selectors]
        await pilot.press("space")
        await settle(pilot)
        assert screen.query_one("#word").word == "PAUSED"
        assert [screen.query_one(s).region for s in selectors] == before


async def test_get_ready_says_how_to_reach_the_cues_at_80x24(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        await settle(pilot)
        screen = h.app.screen
        details = screen.query_one("#details")
        if details.max_scroll_y > 0:
            assert "scroll" in text_of(screen, "#more")
            assert details.has_focus  # so up/down reach them
        else:
            assert text_of(screen, "#more") == ""
        assert details.max_scroll_y > 0  # the cat-camel's cues do not fit at 80x24


async def test_the_get_ready_time_is_a_setting(make_harness) -> None:  # type: ignore[no-untyped-def]
    from backcoach.tui.session.start import set_ready_seconds

    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        set_ready_seconds(h.app, 15)
        await h.app.workers.wait_for_complete()
        assert h.saved_settings[-1]["ready_seconds"] == 15
        await to_first_drill(h, pilot)
        assert engine(h).timer.remaining == 30  # the first drill: twice the setting


async def test_the_get_ready_figure_box_is_the_same_after_a_drill_and_after_e(make_harness) -> None:  # type: ignore[no-untyped-def]
    """The drill screen's own ``#figure`` rules (a margin, a fixed width) once
    leaked into "Get ready" after the first drill: its box was drawn shifted,
    with the right border cut off."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await to_first_drill(h, pilot)
        first = h.app.screen
        left = first.query_one("#left").content_region
        box = first.query_one("#figure").region
        assert left.contains_region(box)

        def placed(screen) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
            figure = screen.query_one("#figure").region  # its height follows the drill's figure
            assert left.contains_region(figure)
            return figure.x, figure.y, figure.width

        await to_second_gate(h, pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)
        assert placed(h.app.screen) == (box.x, box.y, box.width)
        await run_time(h, pilot, engine(h).timer.remaining + 1)
        assert isinstance(h.app.screen, DrillScreen)
        await pilot.press("e")  # the easier version's own Get ready
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)
        assert placed(h.app.screen) == (box.x, box.y, box.width)
