"""History export as both the CLI and the History screen do it.

``backcoach history export`` and the screen's export dialog pick a format,
cut the history at ``--since``, build the text and write it atomically the
same way; this module is that shared path. It never imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from backcoach.coach.period import in_period, period_summary
from backcoach.content.model import Drill, ProgramMeta
from backcoach.store.errors import StoreError
from backcoach.store.export import export_csv, export_json, write_export
from backcoach.store.report import markdown_report
from backcoach.store.set_aside import read_set_aside, set_aside_path

FORMATS = ("json", "csv", "md")
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "md", ".markdown": "md"}


def format_for_path(path: str | Path) -> str:
    """The format a file name asks for; anything unknown gets the readable report."""
    return SUFFIX_FORMATS.get(Path(path).suffix.lower(), "md")


def default_report_path(today: date, home: Path | None = None) -> Path:
    """``~/backcoach-history-<date>.md`` (kept as ``~`` unless ``home`` is given)."""
    return (home or Path("~")) / f"backcoach-history-{today.isoformat()}.md"


def export_text(
    fmt: str,
    sessions: Sequence[Mapping[str, Any]],
    today: date,
    plans: Mapping[str, int] | None = None,
    since: date | None = None,
    raw_rows: Sequence[bytes] = (),
    *,
    library: Mapping[str, Drill],
    metas: Mapping[str, ProgramMeta] | None = None,
) -> tuple[str, int]:
    """The export's text and how many sessions it covers.

    ``sessions`` is the whole journal, oldest first; ``plans`` maps program
    ids to planned days per week and ``metas`` to who the program is for
    (only the report uses them). ``raw_rows``
    (set-aside sessions, as stored) go into the JSON export only, and only
    when it is not cut at ``since``: their dates cannot be trusted.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}.")
    chosen = in_period(sessions, since)
    if fmt == "json":
        rows = raw_rows if since is None else ()
        return export_json(chosen, rows), len(chosen) + len(rows)
    if fmt == "csv":
        return export_csv(chosen), len(chosen)
    summary = period_summary(sessions, today, plans or {}, since, library=library, metas=metas)
    return markdown_report(summary), summary.sessions


def set_aside_for_export(journal_path: Path) -> list[bytes]:
    """The rows kept in the journal's side file, as stored, for a JSON export.

    An unreadable side file gives none: the export of the history itself
    must not fail over it (``doctor`` reports it).
    """
    try:
        return [row.raw for row in read_set_aside(set_aside_path(journal_path))]
    except (OSError, StoreError):
        return []


def export_to_file(
    path: Path,
    sessions: Sequence[Mapping[str, Any]],
    today: date,
    plans: Mapping[str, int] | None = None,
    since: date | None = None,
    fmt: str | None = None,
    raw_rows: Sequence[bytes] = (),
    *,
    library: Mapping[str, Drill],
) -> int:
    """Build and atomically write an export; returns the number of sessions.

    The format follows the file name unless ``fmt`` is given. Raises
    ``OSError`` naming ``path`` when it cannot be written.
    """
    text, count = export_text(fmt or format_for_path(path), sessions, today, plans, since, raw_rows, library=library)
    write_export(path, text)
    return count
