"""The session list: thousands of rows, drawn only where they are visible.

``DataTable`` and ``OptionList`` measure every row when they are filled;
with ten years of daily sessions that took 200-430 ms on the UI thread. This
widget draws through the line API instead, one fixed-width line per session
for the rows on screen, and it holds the session documents themselves: a
document becomes a :class:`SessionRow` (words) only when its line is drawn,
so filling or filtering it costs the same for 10 sessions or 10,000.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from backcoach.coach.history import SessionRow, session_row

#: (heading, width, right-aligned); the program column takes what is left. The
#: numbers are as narrow as their values ("10→10", "120" minutes), so at 80
#: columns a name like "Back pain essentials" is shown whole.
COLUMNS = (
    ("Started", 16, False),
    ("Program", 0, False),
    ("Status", 11, False),
    ("Drills", 6, True),
    ("Min", 3, True),
    ("Pain", 5, True),
    ("", 4, False),
)
GAP = "  "
MIN_PROGRAM = 8
MAX_PROGRAM = 40  # wider terminals get blank space at the end, not a far-away status


def _fit(text: str, width: int, right: bool) -> str:
    if len(text) > width:
        text = text[: max(0, width - 1)] + "…" if width > 1 else text[:width]
    return text.rjust(width) if right else text.ljust(width)


def program_width(total: int) -> int:
    fixed = sum(w for _, w, _ in COLUMNS) + len(GAP) * (len(COLUMNS) - 1)
    return max(MIN_PROGRAM, min(MAX_PROGRAM, total - fixed))


def format_cells(cells: Sequence[str], total: int) -> str:
    parts = []
    for (_, width, right), cell in zip(COLUMNS, cells, strict=True):
        parts.append(_fit(cell, width or program_width(total), right))
    return GAP.join(parts).rstrip()


def header_line(total: int) -> str:
    return format_cells([heading for heading, _, _ in COLUMNS], total)


def pain_cell(row: SessionRow) -> str:
    """Check-in and last pain check, ``3→2`` (``-`` for one not given)."""
    return "→".join("-" if score is None else str(score) for score in (row.checkin, row.final))


def row_line(row: SessionRow, total: int) -> str:
    return format_cells(
        [
            row.when,
            row.program_name,
            row.status,
            f"{row.drills_done}/{row.drills_total}",
            str(row.minutes),
            pain_cell(row),
            "demo" if row.demo else "",
        ],
        total,
    )


class SessionTable(ScrollView, can_focus=True):
    """A header line, then one line per session; ``enter`` or a click opens one.

    The header is line 0 of the widget and stays put while the rows scroll
    under it, so it is always laid out at the same width as the rows.
    """

    COMPONENT_CLASSES = {"session-table--header", "session-table--cursor", "session-table--demo"}
    DEFAULT_CSS = """
    SessionTable { height: 1fr; scrollbar-size-vertical: 1; }
    SessionTable > .session-table--header { text-style: bold; color: $text-muted; }
    SessionTable > .session-table--cursor { background: $primary 30%; text-style: bold; }
    SessionTable:focus > .session-table--cursor { background: $primary; color: $background; }
    SessionTable > .session-table--demo { color: $warning; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Details"),
    ]

    cursor = reactive(0, always_update=True, repaint=False)

    class Opened(Message):
        def __init__(self, row: SessionRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sessions: Sequence[Mapping[str, Any]] = []
        self._rows: dict[int, SessionRow] = {}

    def set_sessions(self, sessions: Sequence[Mapping[str, Any]]) -> None:
        """Show ``sessions`` in this order (the caller sorts and filters)."""
        self.sessions = sessions
        self._rows = {}
        self.virtual_size = Size(0, len(sessions) + 1)  # + the header
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def row(self, index: int) -> SessionRow:
        """The words for session ``index``, made the first time they are needed."""
        row = self._rows.get(index)
        if row is None:
            row = self._rows[index] = session_row(self.sessions[index])
        return row

    @property
    def current(self) -> SessionRow | None:
        return self.row(self.cursor) if 0 <= self.cursor < len(self.sessions) else None

    # ---- keys and mouse ---------------------------------------------------------

    def _rows_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_offset.y)
        height = self._rows_height()
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()

    def _move_to(self, index: int) -> None:
        if self.sessions:
            self.cursor = max(0, min(len(self.sessions) - 1, index))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self._rows_height() - 1))

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self.sessions) - 1)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return  # the header
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.sessions):
            already = index == self.cursor
            self.cursor = index
            if already or event.chain > 1:
                self.action_open()

    # ---- drawing ------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = header_line(width).ljust(width)[:width]
            return Strip([Segment(header, base + self.get_component_rich_style("session-table--header"))], width)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.sessions):
            return Strip.blank(width, base)
        row = self.row(index)
        style: Style = base
        if row.demo:
            style = style + self.get_component_rich_style("session-table--demo")
        if index == self.cursor:
            style = style + self.get_component_rich_style("session-table--cursor")
        text = row_line(row, width).ljust(width)[:width]
        return Strip([Segment(text, style)], width)
