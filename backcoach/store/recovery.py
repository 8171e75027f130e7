"""Turning whatever is on disk into a usable journal, without losing it.

A journal that cannot be read (torn by an old crash, edited by hand, written
by a newer version) is never deleted or overwritten: it is renamed to
``journal.json.corrupt-<timestamp>`` so the person (or their physio) can
still recover it, a fresh journal is started, and a one-sentence notice
explains what happened.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcoach.safe_files import read_regular_file

from .atomic import aside_name, atomic_write_bytes, move_aside
from .errors import JournalUnreadable, describe_os_error
from .schema import RawData, layout_problem, newer_than_known


@dataclass
class LoadedJournal:
    """The parsed journal (``{}`` when starting fresh) and any notice to show."""

    data: RawData
    existed: bool
    notice: str | None = None


def load_journal(path: Path) -> LoadedJournal:
    """Read and check ``path``; move it aside if it is unusable.

    A missing file or a zero-byte one (what ``touch`` or TinyDB's own
    storage leaves) is simply an empty journal: nothing was lost, so there
    is nothing to tell anyone.
    """
    try:
        raw = read_regular_file(path)  # no link followed, no FIFO waited on
    except FileNotFoundError:
        return LoadedJournal({}, existed=False)
    except OSError as error:
        raise JournalUnreadable(
            f"The journal at {path} could not be opened ({describe_os_error(error)}); "
            "check the folder's permissions or use --data-dir to choose another one."
        ) from None
    if not raw:
        return LoadedJournal({}, existed=True)

    data, reason = parse_journal_bytes(raw)
    if reason is None:
        assert data is not None
        return LoadedJournal(data, existed=True)
    return LoadedJournal({}, existed=False, notice=set_aside(path, reason))


def parse_journal_bytes(raw: bytes) -> tuple[RawData | None, str | None]:
    """``(data, None)`` for a usable journal, ``(None, reason)`` otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, f"it is not UTF-8 text (bad byte at offset {error.start})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"invalid JSON at line {error.lineno} column {error.colno}"
    except RecursionError:
        return None, "its JSON is nested too deeply to read"
    reason = layout_problem(data) or newer_than_known(data)
    if reason is not None:
        return None, reason
    return data, None


def set_aside(
    path: Path, reason: str, what: str = "journal", outcome: str = "a new one started"
) -> str:
    """Move an unusable file out of the way and return the notice sentence."""
    try:
        destination = move_aside(path)
    except OSError as error:
        raise JournalUnreadable(
            f"The {what} at {path} could not be read ({reason}), and it could not be "
            f"moved aside ({describe_os_error(error)}); move it away yourself or use "
            "--data-dir to choose another folder."
        ) from None
    return (
        f"The {what} at {path} could not be read ({reason}); it was moved to "
        f"{destination} and {outcome}."
    )


def parse_session_bytes(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """``(doc, None)`` for a usable ``current_session.json``, ``(None, reason)`` otherwise."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "it is not UTF-8 text"
    except json.JSONDecodeError as error:
        return None, f"invalid JSON at line {error.lineno} column {error.colno}"
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        return None, "it is not a session record"
    if not isinstance(doc.get("drills", []), list):
        return None, "its drills are not a list"
    return doc, None


def keep_pre_migration_copy(journal_path: Path, version: int) -> None:
    """Keep the old file under a new name before upgrading it.

    A hard link costs nothing (the atomic replace gives journal.json a new
    inode, the link keeps the old one). Best effort: the upgrade itself is
    atomic, so this only guards against a wrong migration, not a crash.
    """
    backup = aside_name(journal_path, f"schema-v{version}")
    try:
        os.link(journal_path, backup)
    except OSError:
        try:
            atomic_write_bytes(backup, journal_path.read_bytes())
        except OSError:
            pass
