"""The drill's figure on a braille canvas: solid limbs, readable from the mat.

Each character cell holds 2 x 4 braille dots, which are square on a usual
terminal font, so the figure keeps its proportions at any size. Limbs are
drawn as thick capsules (their thickness grows with the scale: at 200x60
a limb is several dots wide), the near limbs bright, the far ones dim, the
floor and equipment in their own colours. The figure is fitted to the
space the widget gets, using the drill's box (every frame), so it neither
jumps nor changes size as it moves.

Drawing is the only work: :meth:`PoseFigure.show` takes a ready
:class:`~backcoach.coach.figure.Figure` (computed from the view the runner
pushes on its 20 Hz tick) and the canvas is redrawn only when the figure or
the widget's size changed.
"""

from __future__ import annotations

import math

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from backcoach.coach.breathing import BreathState
from backcoach.coach.figure import LAYERS, Figure, figure_at
from backcoach.content.model import Drill
from backcoach.content.poses import poses_for

#: Braille dot bits by (column, row) inside a cell.
_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
#: Limb thickness in pose units (a standing figure is about 16 tall).
THICKNESS: dict[str, float] = {"floor": 0.25, "prop": 0.4, "far": 0.55, "band": 0.3, "body": 0.75}
COLOURS: dict[str, str] = {
    "floor": "#5f87af",
    "prop": "#d7a85f",
    "far": "#8a8a8a",
    "band": "#ff5fa0",
    "body": "#f2f2f2",
}
#: Thinner than this many dots and a limb stops reading as solid.
MIN_RADIUS_DOTS = 1.0

Cells = list[list[tuple[int, int]]]


def _stamp(grid: bytearray, width: int, height: int, x: float, y: float, radius: float, value: int) -> None:
    r = int(math.ceil(radius))
    cx, cy = int(round(x)), int(round(y))
    limit = radius * radius + 0.25
    for dy in range(-r, r + 1):
        row = cy + dy
        if not 0 <= row < height:
            continue
        span = int(math.sqrt(max(limit - dy * dy, 0.0)))
        start, stop = max(cx - span, 0), min(cx + span, width - 1)
        base = row * width
        for index in range(base + start, base + stop + 1):
            if grid[index] < value:
                grid[index] = value


def raster(figure: Figure, columns: int, rows: int) -> Cells:
    """The figure as ``rows`` x ``columns`` cells of (braille bits, layer number)."""
    width, height = columns * 2, rows * 4
    grid = bytearray(width * height)
    x0, y0, x1, y1 = figure.box
    scale = min(width / max(x1 - x0, 1e-6), height / max(y1 - y0, 1e-6))
    off_x = (width - (x1 - x0) * scale) / 2
    off_y = (height - (y1 - y0) * scale) / 2

    def dot(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - x0) * scale + off_x, (y1 - point[1]) * scale + off_y

    for stroke in figure.strokes:
        value = LAYERS.index(stroke.layer) + 1
        radius = max(THICKNESS[stroke.layer] * scale / 2, MIN_RADIUS_DOTS * (0.5 if stroke.layer == "band" else 1))
        (ax, ay), (bx, by) = dot(stroke.start), dot(stroke.end)
        steps = max(1, int(math.hypot(bx - ax, by - ay) / max(radius * 0.7, 0.5)))
        for step in range(steps + 1):
            t = step / steps
            _stamp(grid, width, height, ax + (bx - ax) * t, ay + (by - ay) * t, radius, value)
    for disc in figure.discs:
        value = LAYERS.index(disc.layer) + 1
        (cx, cy), radius = dot(disc.centre), disc.radius * scale
        if disc.filled:
            _stamp(grid, width, height, cx, cy, radius, value)
            continue
        ring = max(THICKNESS[disc.layer] * scale / 2, MIN_RADIUS_DOTS)
        steps = max(8, int(2 * math.pi * radius / max(ring * 0.7, 0.5)))
        for step in range(steps):
            angle = 2 * math.pi * step / steps
            _stamp(grid, width, height, cx + radius * math.cos(angle), cy + radius * math.sin(angle), ring, value)
    cells: Cells = []
    for row in range(rows):
        line: list[tuple[int, int]] = []
        for column in range(columns):
            bits = layer = 0
            for dx in (0, 1):
                for dy in range(4):
                    value = grid[(row * 4 + dy) * width + column * 2 + dx]
                    if value:
                        bits |= _BITS[dx][dy]
                        layer = max(layer, value)
            line.append((bits, layer))
        cells.append(line)
    return cells


def as_text(figure: Figure, columns: int, rows: int) -> str:
    """The figure as plain braille text (for review and tests: no colour)."""
    lines = ("".join(chr(0x2800 + bits) if bits else " " for bits, _ in line) for line in raster(figure, columns, rows))
    return "\n".join(line.rstrip() for line in lines)


def drill_figure(drill: Drill, breath: BreathState | None = None, elapsed: float = 0.0, side: int = 0) -> Figure | None:
    """The drill's figure at this moment, or None for a drill the pose library lacks."""
    poses = poses_for(drill)
    if poses is None:
        return None
    return figure_at(poses, drill.breathing.phases, breath, elapsed, side)


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
        self._strips: list[Strip] = []
        self._drawn: tuple[Figure | None, Size] | None = None

    def show(self, figure: Figure | None) -> None:
        """Draw ``figure`` next; nothing happens when it is the one already shown."""
        if figure == self._figure:
            return
        self._figure = figure
        self.refresh()

    @property
    def figure(self) -> Figure | None:
        return self._figure

    def _build(self) -> None:
        size = self.content_size
        key = (self._figure, size)
        if self._drawn == key:
            return
        self._drawn = key
        if self._figure is None or size.width < 1 or size.height < 1:
            self._strips = []
            return
        base = self.rich_style
        styles = [base] + [base + Style(color=COLOURS[layer]) for layer in LAYERS]
        strips: list[Strip] = []
        for line in raster(self._figure, size.width, size.height):
            segments: list[Segment] = []
            run, run_layer = "", -1
            for bits, layer in line:
                char = chr(0x2800 + bits) if bits else " "
                if layer != run_layer and run:
                    segments.append(Segment(run, styles[run_layer]))
                    run = ""
                run += char
                run_layer = layer
            if run:
                segments.append(Segment(run, styles[run_layer]))
            strips.append(Strip(segments, size.width))
        self._strips = strips

    def render_line(self, y: int) -> Strip:
        self._build()
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.content_size.width, self.rich_style)
