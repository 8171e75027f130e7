"""The side file: sessions the journal could not use, kept exactly as they were.

``journal.json.set-aside`` sits beside the journal. Each entry is one line
of JSON saying which row it was and why, then the row's bytes exactly as
they were in the journal (however broken: not UTF-8, NaN, 900 levels deep),
then a newline. The byte count in the line, not the bytes themselves, says
where an entry ends, so any row reads back exactly. A person can read it;
``history export --format json`` writes its rows out as they were.

The file only ever grows, by an atomic rewrite, and a file in its place
that is not one is moved aside (never overwritten).
"""

from __future__ import annotations

import json
from pathlib import Path

from backcoach.coach.words import plural
from backcoach.safe_files import read_regular_file

from .atomic import atomic_write_bytes, move_aside
from .errors import JournalUnreadable
from .rows import SetAsideRow

SET_ASIDE_NAME = "journal.json.set-aside"
MAGIC = b"backcoach set-aside sessions, version 1\n"
ABOUT = (
    b"Each entry: a line saying which journal row it was and why it was set aside, "
    b"then the row's bytes exactly as they were, then a newline.\n"
)


def set_aside_path(journal_path: Path) -> Path:
    return journal_path.parent / SET_ASIDE_NAME


def read_set_aside(path: Path) -> list[SetAsideRow]:
    """Every row kept in the side file at ``path`` (none if it is missing).

    Raises ``OSError`` if it cannot be read, :class:`JournalUnreadable` if it
    is not a side file (it is then left exactly as it is).
    """
    raw = read_regular(path)
    if not raw:
        return []
    rows = _parse(raw)
    if rows is None:
        raise JournalUnreadable(
            f"{path} is not a file of set-aside sessions; it was left as it is. "
            "Move it away to let backcoach set sessions aside again."
        )
    return rows


def _parse(raw: bytes) -> list[SetAsideRow] | None:
    if not raw.startswith(MAGIC + ABOUT):
        return None
    rows = []
    pos = len(MAGIC) + len(ABOUT)
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        try:
            header = json.loads(raw[pos:end]) if end > pos else None
        except ValueError:
            return None
        if not isinstance(header, dict):
            return None
        doc_id, size, reason = header.get("doc_id"), header.get("bytes"), header.get("reason")
        if not (isinstance(doc_id, str) and isinstance(reason, str) and type(size) is int and size >= 0):
            return None
        start = end + 1
        if raw[start + size : start + size + 1] != b"\n":
            return None
        rows.append(SetAsideRow(doc_id, raw[start : start + size], reason))
        pos = start + size + 1
    return rows


def write_set_aside(path: Path, rows: list[SetAsideRow]) -> None:
    """Add ``rows`` to the side file (atomically); rows already there are not repeated.

    Raises ``OSError`` if it cannot be read or written. An existing file
    there that is not a side file is moved aside, like a broken journal.
    """
    try:
        kept = read_set_aside(path)
    except JournalUnreadable:
        move_aside(path)  # never overwritten: kept as *.corrupt-<time>, a new one started
        kept = []
    seen = {(row.doc_id, row.raw) for row in kept}
    new = [row for row in rows if (row.doc_id, row.raw) not in seen]
    if not new:
        return
    parts = [MAGIC, ABOUT]
    for row in kept + new:
        header = {"doc_id": row.doc_id, "bytes": len(row.raw), "reason": row.reason}
        parts += [json.dumps(header).encode("ascii"), b"\n", row.raw, b"\n"]
    atomic_write_bytes(path, b"".join(parts))


def set_aside_notice(rows: list[SetAsideRow], path: Path) -> str:
    """One sentence for the person: how many, the first reason, where they are."""
    count = len(rows)
    what = plural(count, "session")
    them = "it was" if count == 1 else "they were"
    return (
        f"{what} in your journal could not be used ({rows[0].reason}); {them} moved, "
        f"unchanged, to {path} and left out of your history."
    )


def read_regular(path: Path) -> bytes | None:
    """The bytes of ``path``; ``None`` if it does not exist.

    Never follows a symlink and never blocks: a FIFO or device in place of
    a data file is refused (:class:`~backcoach.safe_files.UnsafePathError`,
    an ``OSError``) instead of hanging a reading command.
    """
    try:
        return read_regular_file(path)
    except FileNotFoundError:
        return None
