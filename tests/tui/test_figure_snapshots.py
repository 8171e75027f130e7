"""The pose figure on the drill screen: a reps drill, a hold and a per-side
drill at 80x24, 120x40 and 60x20 (the figure grows with the terminal and is
kept, smaller, when it is small), and Pilot checks that it moves with the
breath and stands still when paused.

Update with ``pytest tests/tui/test_figure_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Harness, run_time, settle
from test_snapshots import engine, press, to_gate, to_intro, to_plank_intro, to_work

from backcoach.coach.plan import SWITCH_SECONDS
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.widgets.pose_figure import PoseFigure

SIZES = [(80, 24), (120, 40), (60, 20)]


async def reps(h: Harness, pilot: Any) -> None:
    await to_intro(h, pilot)
    await to_work(h, pilot, 1)  # cat-camel, breathing out, rounding up


async def hold(h: Harness, pilot: Any) -> None:
    await to_plank_intro(h, pilot)
    await to_work(h, pilot, 2)


async def per_side(h: Harness, pilot: Any) -> None:
    await to_gate(h, pilot)  # cat-camel skipped
    await press(pilot, "2", "s")  # skip the plank at its Get ready
    await press(pilot, "2")  # hamstring stretch, 10 s a side
    await to_work(h, pilot, 10 + SWITCH_SECONDS + 3)


STEPS = {"reps": reps, "hold": hold, "per_side": per_side}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("name", list(STEPS))
def test_figure(snap_compare: Any, make_harness: Any, name: str, size: tuple[int, int]) -> None:
    h = make_harness()
    shown: list[Any] = []

    async def run_before(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await STEPS[name](h, pilot)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DrillScreen)
        figure = screen.query_one("#figure", PoseFigure)
        shown.append((figure.display, figure.figure is not None, figure.content_size))

    assert snap_compare(h.app, terminal_size=size, run_before=run_before)
    displayed, drawn, room = shown[0]
    assert displayed and drawn
    assert room.width >= 12 and room.height >= 5


async def test_the_figure_moves_with_the_breath_and_stops_when_paused(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await reps(h, pilot)
        widget = pilot.app.screen.query_one("#figure", PoseFigure)
        before = widget.figure
        await run_time(h, pilot, 0.5, step=0.05)
        moved = widget.figure
        assert moved is not None and moved != before
        await press(pilot, "space")
        paused = widget.figure
        await run_time(h, pilot, 1.0, step=0.05)
        assert widget.figure == paused
        assert engine(h).timer.paused


async def test_the_figure_grows_with_the_terminal(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await hold(h, pilot)
        sizes = [pilot.app.screen.query_one("#figure", PoseFigure).content_size]
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        sizes.append(pilot.app.screen.query_one("#figure", PoseFigure).content_size)
    assert sizes[1].width > sizes[0].width * 1.8 and sizes[1].height > sizes[0].height * 2
