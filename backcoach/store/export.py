"""History export: JSON for machines and backups, CSV for spreadsheets.

JSON is the stored documents as-is, so an export is also a faithful backup.
CSV flattens to one row per drill because that is what a physio filters
and charts; session columns repeat on every row, and a session without
drills (a safety stop) still gets one row so it is not silently missing.
The Markdown report is in :mod:`backcoach.store.report`.

Export files are written like the journal: temp file, fsync, rename, so an
existing export is never left half overwritten. They hold health data, so
they are readable by their owner only (mode 0600).
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes
from .errors import describe_os_error

SESSION_COLUMNS = (
    "session_id",
    "started_at",
    "ended_at",
    "program_id",
    "program_name",
    "status",
    "demo",
    "speed",
    "checkin_pain",
    "final_pain",
)
DRILL_COLUMNS = (
    "drill_id",
    "replaced_by",
    "drill_status",
    "gate_pain",
    "gate_band",
    "difficulty",
    "active_seconds",
    "reps_done",
    "sets_done",
    # Schema 4: what the adaptive coach changed that day, as a JSON cell (empty when nothing).
    "adapted",
)
#: The program's content hash and lock (``program.hash``/``program.locked``), last so
#: spreadsheets built on the earlier columns keep their places; blank for older sessions.
PROGRAM_COLUMNS = ("program_hash", "program_locked")
CSV_COLUMNS = SESSION_COLUMNS + DRILL_COLUMNS + PROGRAM_COLUMNS

# CSV column -> key in the drill document, where the names differ.
_DRILL_KEYS = {"drill_status": "status"}


def export_json(sessions: Iterable[Mapping[str, Any]], raw_rows: Sequence[bytes] = ()) -> str:
    """The session documents as a JSON list (indent 2, UTF-8 text kept readable).

    ``raw_rows`` are sessions set aside as unusable (see ``store.rows``):
    they follow the others exactly as they were stored, byte for byte, so
    nothing is dropped and nothing is "repaired" on the way out. Bytes that
    were not UTF-8 survive as ``surrogateescape`` characters, which
    :func:`write_export` (and the CLI) turn back into the same bytes.
    """
    documents = [dict(s) for s in sessions]
    if not raw_rows:
        return json.dumps(documents, indent=2, ensure_ascii=False) + "\n"
    items = [textwrap.indent(json.dumps(doc, indent=2, ensure_ascii=False), "  ") for doc in documents]
    items += ["  " + raw.decode("utf-8", "surrogateescape") for raw in raw_rows]
    return "[\n" + ",\n".join(items) + "\n]\n"


def export_bytes(text: str) -> bytes:
    """The bytes of an export: UTF-8, with set-aside rows' own bytes restored."""
    return text.encode("utf-8", "surrogateescape")


def export_csv(sessions: Iterable[Mapping[str, Any]]) -> str:
    """A header row, then one row per drill (or one per drill-less session)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for session in sessions:
        session_cells = _session_cells(session)
        program_cells = _program_cells(session)
        drills = session.get("drills") or []
        if not drills:
            writer.writerow(session_cells + [""] * len(DRILL_COLUMNS) + program_cells)
            continue
        for drill in drills:
            writer.writerow(session_cells + _drill_cells(drill) + program_cells)
    return buffer.getvalue()


def _session_cells(session: Mapping[str, Any]) -> list[str]:
    program = session.get("program")
    if not isinstance(program, Mapping):
        program = {}
    values = (
        session.get("id"),
        session.get("started_at"),
        session.get("ended_at"),
        program.get("id"),
        program.get("name"),
        session.get("status"),
        session.get("demo"),
        session.get("speed"),
        session.get("checkin_pain"),
        session.get("final_pain"),
    )
    return [_cell(value) for value in values]


def _program_cells(session: Mapping[str, Any]) -> list[str]:
    program = session.get("program")
    if not isinstance(program, Mapping):
        return [""] * len(PROGRAM_COLUMNS)
    return [_cell(program.get("hash")), _cell(program.get("locked"))]


def _drill_cells(drill: object) -> list[str]:
    if not isinstance(drill, Mapping):
        return [""] * len(DRILL_COLUMNS)
    return [_cell(drill.get(_DRILL_KEYS.get(column, column))) for column in DRILL_COLUMNS]


def _cell(value: object) -> str:
    """Spreadsheet-friendly text: blanks for missing, lower-case booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_export(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically.

    Raises ``OSError`` naming ``path`` itself (not the temp file) with a
    plain reason, so callers can say "cannot use PATH: No such file or
    directory" in one line.
    """
    path = Path(path)
    try:
        atomic_write_bytes(path, export_bytes(text))
    except OSError as error:
        raise OSError(error.errno, describe_os_error(error), str(path)) from None
