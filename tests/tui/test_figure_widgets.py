"""The drill screen's moving parts repaint only what changed (the CPU target of issue 13):
the breath bar when a half cell more or less is lit, the figure only the rows
of cells a new frame changes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from backcoach.coach.breathing import breath_at
from backcoach.coach.figure import frame_at
from backcoach.coach.figure_raster import raster
from backcoach.content.library import default_library
from backcoach.content.poses import default_poses
from backcoach.tui.widgets.breath_bar import BreathBar, bar_cells
from backcoach.tui.widgets.pose_figure import PoseFigure


@pytest.mark.parametrize(
    ("halves", "filled", "empty"),
    [(0, "", "━━━━"), (1, "╸", "━━━"), (2, "━", "╺━━"), (3, "━╸", "━━"), (8, "━━━━", ""), (99, "━━━━", "")],
)
def test_the_bar_fills_by_half_cells(halves: int, filled: str, empty: str) -> None:
    assert bar_cells(halves, 4) == (filled, empty)


class Parts(App[None]):
    def compose(self) -> ComposeResult:
        yield BreathBar(id="bar")
        yield PoseFigure(id="figure")


def count_refreshes(widget: Any, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Region, ...]]:
    calls: list[tuple[Region, ...]] = []
    original = widget.refresh

    def spy(*regions: Region, **kwargs: Any) -> Any:
        calls.append(regions)
        return original(*regions, **kwargs)

    monkeypatch.setattr(widget, "refresh", spy)
    return calls


async def test_the_bar_repaints_only_when_it_looks_different(monkeypatch: pytest.MonkeyPatch) -> None:
    async with Parts().run_test(size=(50, 20)) as pilot:
        bar = pilot.app.query_one(BreathBar)
        await pilot.pause()
        calls = count_refreshes(bar, monkeypatch)
        bar.update(0.5)  # 50 of 100 half cells
        bar.update(0.505)  # still 50
        assert len(calls) == 1
        bar.update(0.52)  # 52
        assert len(calls) == 2
        await pilot.pause()
        line = "".join(segment.text for segment in bar.render_line(0))
        assert line == "━" * 26 + "╺" + "━" * 23


async def test_the_figure_repaints_only_the_rows_a_new_frame_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    drill, poses = default_library()["cat-camel"], default_poses()["cat-camel"]
    phases = drill.breathing.phases
    first = frame_at(poses, phases, breath_at(phases, 1.0, 2), 1.0)
    second = frame_at(poses, phases, breath_at(phases, 1.1, 2), 1.1)
    async with Parts().run_test(size=(50, 30)) as pilot:
        widget = pilot.app.query_one(PoseFigure)
        widget.show(first)
        await pilot.pause()
        size = widget.content_size
        calls = count_refreshes(widget, monkeypatch)
        widget.show(first)
        assert calls == []  # the same frame: nothing to repaint
        widget.show(second)
        before, after = raster(first, size.width, size.height), raster(second, size.width, size.height)
        changed = [y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        assert 0 < len(changed) < size.height
        assert calls == [tuple(Region(0, y, size.width, 1) for y in changed)]
        await pilot.pause()
        shown = ["".join(segment.text for segment in widget.render_line(y)) for y in range(size.height)]
        assert shown == [text for text, _ in after]
