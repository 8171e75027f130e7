"""Export from the History screen: pick a path, write it, say where it went.

The file name decides the format (``.md`` a report for a physio, ``.csv``
one row per drill, ``.json`` the documents as stored). Writing happens in a
worker, atomically; a failure is one sentence in the dialog, which stays
open so the path can be fixed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from backcoach import paths
from backcoach.coach.words import plural
from backcoach.history_export import (
    default_report_path,
    export_to_file,
    format_for_path,
    set_aside_for_export,
)
from backcoach.tui.screens.write_failure import failure_sentence, show_write_failure

FORMAT_WORDS = {"md": "a report (Markdown)", "csv": "a spreadsheet (CSV)", "json": "data (JSON)"}


class ExportScreen(ModalScreen[str | None]):
    """Dismissed with the sentence to show ("Exported ... to PATH"), or ``None``."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ExportScreen.-short > VerticalScroll { padding: 0 1; }
    ExportScreen .title { text-style: bold; }
    ExportScreen Input { margin: 1 0 0 0; }
    ExportScreen #export-format { color: $text-muted; }
    ExportScreen #export-error { color: $error; text-style: bold; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, sessions: Sequence[Mapping[str, Any]], today: date, plans: Mapping[str, int]
    ) -> None:
        super().__init__()
        self.sessions = sessions
        self.today = today
        self.plans = plans

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Export your history", classes="title")
            yield Static(
                "Save to this file (.md a report for your physio, .csv or .json data):"
            )
            yield Input(str(default_report_path(self.today)), id="export-path")
            yield Static("", id="export-format", markup=False)
            yield Static("", id="export-error", markup=False)  # names a path: no markup
            yield Static("enter = save    escape = cancel")

    def on_mount(self) -> None:
        self.query_one("#export-error").display = False
        self._describe(self.query_one(Input).value)
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._describe(event.value)

    def _describe(self, value: str) -> None:
        fmt = format_for_path(value.strip() or "x.md")
        count = len(self.sessions)
        self.query_one("#export-format", Static).update(
            f"Writes {FORMAT_WORDS[fmt]} of all {plural(count, 'session')}."
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._fail("Type a file name to save to.")
            return
        self.query_one(Input).disabled = True
        path = Path(text).expanduser()
        app = self.app

        def write() -> None:
            try:
                fmt = format_for_path(path)
                raw_rows = set_aside_for_export(paths.journal_path()) if fmt == "json" else []
                count = export_to_file(path, self.sessions, self.today, self.plans, fmt=fmt, raw_rows=raw_rows)
            except Exception as error:  # noqa: BLE001 - shown as one sentence
                app.call_from_thread(self._fail, failure_sentence(path, error))
                return
            message = f"Exported {plural(count, 'session')} to {path}"
            app.call_from_thread(self._done, message)

        self.run_worker(write, thread=True, exclusive=True, group="export", description="export")

    def _done(self, message: str) -> None:
        if self.is_attached:
            self.dismiss(message)
        else:  # cancelled while writing: the file is written all the same
            self.app.notify(message, timeout=8, markup=False)

    def _fail(self, sentence: str) -> None:
        show_write_failure(self, "#export-error", sentence)

    def action_cancel(self) -> None:
        self.dismiss(None)
