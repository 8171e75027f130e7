"""History's Drills page: each drill of the chosen program, over its sessions.

What a physiotherapist asks at a follow-up, drill by drill: how often it
came up, how often it was done in full, partly or skipped (and how often
as its easier version), its pain checks (median and range) and how it felt.
The counting is :mod:`backcoach.coach.drill_counts` (on a worker thread);
this lays it out as a Rich table, whose numbers always show: at 80 columns
a long drill name wraps instead. ``t`` steps the period, ``p`` (the
screen's) the program.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.drill_counts import PERIODS, DrillLine, drill_lines, drills_heading, in_period
from backcoach.content.model import Drill

#: Column headings, with what the key line under the table explains.
COLUMNS = ("Drill", "Times", "Done", "Partly", "Skipped", "Easier", "Pain", "Felt")
KEY_LINE = (
    "Times: sessions that came to it (demos not counted). Done: in full. Partly: ended early. Easier: "
    "done or partly done as its easier version (Done, Partly, Skipped and Easier add up to Times). "
    "Pain: median (range) at its pain check. Felt: too easy/about right/too hard."
)


def drills_table(lines: Sequence[DrillLine]) -> Table | Text:
    """The table of :func:`drill_lines`, or a sentence when there are none.

    The numbers never shrink (each column is at least its heading); a long
    drill name wraps instead, so at 80 columns every figure still shows.
    """
    if not lines:
        return Text("No drills recorded in these sessions.")
    left_out = any(line.left_out for line in lines)
    headings = COLUMNS + (("Left out",) if left_out else ())
    table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False, header_style="bold")
    table.add_column(headings[0], overflow="fold")
    for heading in headings[1:]:
        table.add_column(heading, justify="right", no_wrap=True, min_width=len(heading))
    for line in lines:
        cells: list[Text | str] = [
            Text(line.name),
            str(line.reached),
            str(line.done),
            str(line.partly),
            str(line.skipped),
            str(line.easier),
            line.pain_words,
            line.felt_words,
        ]
        if left_out:
            cells.append(str(line.left_out))
        table.add_row(*cells)
    return table


class DrillsPage(VerticalScroll):
    """The page: which sessions it counts, the table, and what its columns mean."""

    BINDINGS = [Binding("t", "next_period", "Period")]
    DEFAULT_CSS = """
    DrillsPage { padding: 0 1; height: 1fr; }
    DrillsPage #drills-heading { margin: 1 0; color: $text-muted; }
    DrillsPage #drills-key { margin-top: 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        # markup off: program and drill names are the user's own text.
        yield Static("", id="drills-heading", markup=False)
        yield Static("", id="drills-table", markup=False)
        yield Static(KEY_LINE, id="drills-key", markup=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: Bumped by every :meth:`count`; a count that finishes after a newer one was asked for is dropped.
        self._asked = 0
        #: Which of :data:`PERIODS` is shown (``t`` moves on).
        self.period = 0
        self._last: tuple[Sequence[Mapping[str, Any]], str, Mapping[str, Drill], date] | None = None

    def action_next_period(self) -> None:
        """``t``: all time, the last 4 weeks, the last 12 weeks, then all time again."""
        self.period = (self.period + 1) % len(PERIODS)
        if self._last is not None:
            self.count(*self._last)

    def count(
        self, sessions: Sequence[Mapping[str, Any]], program_name: str, library: Mapping[str, Drill], today: date
    ) -> None:
        """Count ``sessions`` (oldest first) of ``program_name`` ("All programs") in the period and show them.

        On a worker thread: ten years of daily sessions are some 20,000 drill
        records, tens of milliseconds that the UI thread never waits for.
        """
        self._last = (sessions, program_name, library, today)
        self._asked += 1
        asked = self._asked
        period, days = PERIODS[self.period]

        def work() -> None:
            chosen = in_period(sessions, days, today)
            lines = drill_lines(chosen, library)
            heading = drills_heading(chosen, program_name, period)
            try:
                self.app.call_from_thread(self._show, asked, heading, lines)
            except RuntimeError:
                pass  # the app has closed meanwhile

        self.run_worker(work, thread=True, group="drill-counts", description="drill counts")

    def _show(self, asked: int, heading: str, lines: list[DrillLine]) -> None:
        if asked != self._asked or not self.is_attached:
            return  # a newer count is on its way, or the screen has closed
        self.query_one("#drills-heading", Static).update(heading)
        self.query_one("#drills-table", Static).update(drills_table(lines))
