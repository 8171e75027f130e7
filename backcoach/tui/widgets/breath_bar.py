"""A one-line bar for the breath and the countdowns, cheap enough to move at 20 Hz.

Textual's ``ProgressBar`` is a container (bar, percentage, ETA) whose bar
is a Rich renderable: every update re-renders it through Rich and repaints
the container, which alone cost a drill screen more CPU than a whole
minimal app redrawing a ``Digits`` (``tests/bench/figure_cpu.py``). This
bar draws the same look (``━`` with half cells ``╸``/``╺``) straight into
one :class:`~textual.strip.Strip`, and repaints only when the number of
half cells shown changes, so a slow breath costs nothing between steps.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

BAR = "━"
HALF_RIGHT = "╸"
HALF_LEFT = "╺"


def bar_cells(halves: int, width: int) -> tuple[str, str]:
    """The filled and the empty part of a bar ``width`` cells wide showing ``halves`` half cells.

    A filled part ending half way through a cell ends in ``╸``; an empty
    part that starts on a cell boundary starts with ``╺``, as Textual's bar does.
    """
    halves = max(0, min(halves, 2 * width))
    full, half = divmod(halves, 2)
    filled = BAR * full + (HALF_RIGHT if half else "")
    rest = width - full - half
    empty = (HALF_LEFT + BAR * (rest - 1)) if rest and not half and full else BAR * rest
    return filled, empty


class BreathBar(Widget):
    """Shows a fraction from 0 to 1 as a bar across its width (colours from CSS)."""

    COMPONENT_CLASSES = {"breath-bar--bar"}
    DEFAULT_CSS = """
    BreathBar {
        width: 1fr;
        height: 1;
        &> .breath-bar--bar {
            color: $primary;
            background: $surface;
        }
    }
    """

    def __init__(self, fraction: float = 0.0, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._fraction = fraction
        #: The width last painted at (looking the size up on every update costs more than the bar).
        self._painted = 0

    @property
    def fraction(self) -> float:
        return self._fraction

    def _halves(self, width: int) -> int:
        return int(max(0.0, min(1.0, self._fraction)) * 2 * width)

    def update(self, fraction: float) -> None:
        """Show ``fraction``; repaint only when the bar would look different."""
        before = self._halves(self._painted)
        self._fraction = fraction
        if self._halves(self._painted) != before:
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._painted = self.content_size.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._painted
        if y != 0:
            return Strip.blank(width, self.rich_style)
        # Textual keeps the line until the next refresh: this runs once per visible change.
        style = self.get_component_rich_style("breath-bar--bar")
        filled, empty = bar_cells(self._halves(width), width)
        lit = self.rich_style + Style.from_color(style.color)
        unlit = self.rich_style + Style.from_color(style.bgcolor)
        return Strip([Segment(filled, lit), Segment(empty, unlit)], width)
