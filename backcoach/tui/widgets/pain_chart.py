"""Check-in and last-check pain over time, as two sparklines and a reading.

The charts get exactly one value per column (resampled by
:meth:`PainTrend.chart`), so the marker under the check-in chart, the first
session with a 2-point change, sits under the right column. Sparklines scale
to their own lowest and highest value, so each line also prints that range.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from backcoach.coach.pain_trend import PainTrend

CHART_WIDTH = 40
LABEL_WIDTH = 11


def marker_line(column: int | None, text: str, width: int = CHART_WIDTH + 6) -> str:
    """``^`` under ``column`` with its caption beside it (left of it if no room)."""
    if column is None:
        return ""
    at = LABEL_WIDTH + column
    if at + 2 + len(text) <= LABEL_WIDTH + width or at < len(text) + 1:
        return " " * at + "^ " + text
    return " " * (at - len(text) - 1) + text + " ^"


class PainChart(Vertical):
    DEFAULT_CSS = f"""
    PainChart {{ height: auto; }}
    PainChart > Horizontal {{ height: 1; }}
    PainChart .pain-label {{ width: {LABEL_WIDTH}; color: $text-muted; }}
    PainChart Sparkline {{ width: {CHART_WIDTH}; }}
    PainChart .pain-range {{ width: 5; padding-left: 1; color: $text-muted; }}
    PainChart .pain-marker {{ color: $accent; }}
    PainChart .pain-reading {{ text-style: bold; }}
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="checkin-row"):
            yield Static("check-in", classes="pain-label")
            yield Sparkline([], id="checkin-chart")
            yield Static("", id="checkin-range", classes="pain-range")
        yield Static("", id="checkin-marker", classes="pain-marker", markup=False)
        with Horizontal(id="final-row"):
            yield Static("last check", classes="pain-label")
            yield Sparkline([], id="final-chart")
            yield Static("", id="final-range", classes="pain-range")
        yield Static("", id="pain-reading", classes="pain-reading", markup=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._trends: tuple[PainTrend | None, PainTrend | None] | None = None
        self._ready = False

    def on_mount(self) -> None:
        self._ready = True
        if self._trends is not None:
            self._apply(*self._trends)

    def show(self, checkin: PainTrend | None, final: PainTrend | None) -> None:
        """Show two trends; safe to call before the chart's parts are mounted."""
        self._trends = (checkin, final)
        if self._ready:
            self._apply(checkin, final)

    def _apply(self, checkin: PainTrend | None, final: PainTrend | None) -> None:
        for name, trend in (("checkin", checkin), ("final", final)):
            row = self.query_one(f"#{name}-row")
            row.display = trend is not None
            if trend is None:
                if name == "checkin":
                    self.query_one("#checkin-marker").display = False
                continue
            series, column = trend.chart(CHART_WIDTH)
            self.query_one(f"#{name}-chart", Sparkline).data = series
            values = trend.values
            low, high = min(values), max(values)
            self.query_one(f"#{name}-range", Static).update(f"{low}-{high}" if low != high else f"{low}")
            if name == "checkin":
                marker = self.query_one("#checkin-marker", Static)
                marker.update(marker_line(column, trend.marker_text()))
                marker.display = column is not None
        lines = [t.reading() for t in (checkin, final) if t is not None]
        reading = self.query_one("#pain-reading", Static)
        reading.update(lines[0] if lines else "No pain scores in the last 12 months yet.")
