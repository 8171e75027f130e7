"""When a doctor or physiotherapist checked a sign: asked once per "already checked" answer."""

from __future__ import annotations

import re
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from backcoach.tui.dialogs.base import Dialog

_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_checked_date(text: str, today: date) -> tuple[str | None, str | None]:
    """``(iso date, None)`` for a usable answer, else ``(None, one sentence why not)``.

    Empty means today. A date in the future cannot be when something was checked.
    """
    text = text.strip()
    if not text:
        return today.isoformat(), None
    try:
        # Strictly year-month-day: fromisoformat alone also takes "2026W011".
        if not _YMD.fullmatch(text):
            raise ValueError(text)
        when = date.fromisoformat(text)
    except ValueError:
        return None, "Type the date as year-month-day, for example 2026-11-20, or leave it empty for today."
    if when > today:
        return None, "That date is in the future; type the day it was checked."
    return when.isoformat(), None


class CheckedDateScreen(Dialog[str | None]):
    DEFAULT_CLASSES = "-warning"
    BINDINGS = [Binding("escape", "cancel", "Back to the list")]

    def __init__(self, sign: str, today: date) -> None:
        super().__init__()
        self.sign = sign
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("When was this checked?", classes="dialog-title question")
            yield Static(
                f"{self.sign}.\nOn what date did a doctor or physiotherapist check it? "
                "Year-month-day; enter alone means today.",
                markup=False,
            )
            yield Input(placeholder=self.today.isoformat(), id="when")
            yield Static(id="error", classes="dialog-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        when, problem = parse_checked_date(event.value, self.today)
        if when is None:
            self.query_one("#error", Static).update(problem or "")
            return
        self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
