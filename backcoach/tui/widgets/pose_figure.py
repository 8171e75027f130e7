"""The drill's figure on a braille canvas, coloured by layer, redrawn only where it changed.

The pure rasteriser (:mod:`backcoach.coach.figure_raster`) turns a
:class:`~backcoach.coach.figure.Figure` into rows of braille cells, each
cell tagged with its front-most layer; this widget colours them (near
limbs bright, far ones dim, the floor and equipment in their own colours)
and fits the figure to whatever space the layout gives it, using the
drill's box (every frame), so it neither jumps nor changes size as it moves.

Drawing is the only work, and it is kept small (``tests/bench/figure_cpu.py``):
:meth:`PoseFigure.show` takes a ready figure (the same object for the same
step of the motion, see :func:`~backcoach.coach.figure.frame_at`), the
raster of each frame is memoised per size, and only the rows whose cells
changed are repainted: in a slow breath most rows stay as they were.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from backcoach.coach.breathing import BreathState
from backcoach.coach.figure import LAYERS, Figure, frame_at
from backcoach.coach.figure_raster import CellRow, raster
from backcoach.content.model import Drill
from backcoach.content.poses import poses_for

COLOURS: dict[str, str] = {
    "floor": "#5f87af",
    "prop": "#d7a85f",
    "far": "#8a8a8a",
    "band": "#ff5fa0",
    "body": "#f2f2f2",
}


def drill_figure(drill: Drill, breath: BreathState | None = None, elapsed: float = 0.0, side: int = 0) -> Figure | None:
    """The drill's figure at this moment (stepped, memoised), or None for a drill the pose library lacks."""
    poses = poses_for(drill)
    if poses is None:
        return None
    return frame_at(poses, drill.breathing.phases, breath, elapsed, side)


class PoseFigure(Widget):
    """The moving stick figure, filling whatever size the layout gives it."""

    DEFAULT_CSS = """
    PoseFigure {
        width: 1fr;
        height: 1fr;
        min-width: 16;
        min-height: 6;
    }
    """

    def __init__(self, figure: Figure | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._figure = figure
        #: The size last painted at, and the rows shown at it.
        self._painted = Size(0, 0)
        self._rows: tuple[CellRow, ...] = ()
        self._palette: tuple[Style, list[Style]] | None = None

    @property
    def figure(self) -> Figure | None:
        return self._figure

    def show(self, figure: Figure | None) -> None:
        """Draw ``figure`` next, repainting only the rows of cells it changes."""
        if figure is self._figure:
            return
        self._figure = figure
        size = self._painted
        before = self._rows
        self._rows = self._raster(size)
        if len(before) != len(self._rows):
            self.refresh()
            return
        pairs = enumerate(zip(before, self._rows, strict=True))
        changed = [Region(0, y, size.width, 1) for y, (old, new) in pairs if old != new]
        if changed:
            self.refresh(*changed)

    def _raster(self, size: Size) -> tuple[CellRow, ...]:
        if self._figure is None or size.width < 1 or size.height < 1:
            return ()
        return raster(self._figure, size.width, size.height)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once per paint rather than per line: the widget's size is costly to look up.
        size = self.content_size
        if size != self._painted:
            self._painted = size
            self._rows = self._raster(size)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._painted.width
        base = self.rich_style
        if not 0 <= y < len(self._rows):
            return Strip.blank(width, base)
        if self._palette is None or self._palette[0] != base:
            self._palette = (base, [base] + [base + Style(color=COLOURS[layer]) for layer in LAYERS])
        styles = self._palette[1]
        text, layers = self._rows[y]
        segments: list[Segment] = []
        start = 0
        for index in range(1, len(layers) + 1):
            if index == len(layers) or layers[index] != layers[start]:
                segments.append(Segment(text[start:index], styles[layers[start]]))
                start = index
        return Strip(segments, width)
