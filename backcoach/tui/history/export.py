"""Export from the History screen: pick a path, write it, say where it went.

The generic :class:`~backcoach.tui.dialogs.write_file.WriteFileDialog` asks
and writes; this module says what the file will hold and how to write it.

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

from backcoach import paths
from backcoach.coach.words import plural
from backcoach.content.model import Drill
from backcoach.reports.history_export import (
    default_report_path,
    export_to_file,
    format_for_path,
    set_aside_for_export,
)
from backcoach.tui.dialogs.write_file import WriteFileDialog

FORMAT_WORDS = {"md": "a report (Markdown)", "csv": "a spreadsheet (CSV)", "json": "data (JSON)"}


class ExportScreen(WriteFileDialog[str]):
    """Dismissed with the sentence to show ("Exported ... to PATH"), or ``None``."""

    def __init__(
        self,
        sessions: Sequence[Mapping[str, Any]],
        today: date,
        plans: Mapping[str, int],
        library: Mapping[str, Drill],
    ) -> None:
        super().__init__(
            "Export your history",
            "Save to this file (.md a report for your physio, .csv or .json data):",
            str(default_report_path(today)),
            self._export,
            error_id="export-error",
            note_id="export-format",
        )
        self.sessions = sessions
        self.today = today
        self.plans = plans
        self.library = library

    def note(self, text: str) -> str:
        fmt = format_for_path(text.strip() or "x.md")
        return f"Writes {FORMAT_WORDS[fmt]} of all {plural(len(self.sessions), 'session')}."

    def _export(self, path: Path) -> str:
        """On the worker thread: the export, atomically, in the format its name says."""
        fmt = format_for_path(path)
        raw_rows = set_aside_for_export(paths.journal_path()) if fmt == "json" else []
        count = export_to_file(
            path, self.sessions, self.today, self.plans, fmt=fmt, raw_rows=raw_rows, library=self.library
        )
        return f"Exported {plural(count, 'session')} to {path}"

    def written_after_close(self, written: str) -> None:
        self.app.notify(written, timeout=8, markup=False)
