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

from backcoach.coach.words import plural
from backcoach.safe_files import read_regular_file

from .atomic import aside_name, atomic_write_bytes, move_aside, unlink_durably
from .errors import JournalUnreadable, JournalWriteError, describe_os_error
from .model import session_problem
from .rows import SetAsideRow, SplitJournal, misfits, one_object, split_journal
from .schema import RawData, layout_problem, newer_than_known
from .set_aside import set_aside_notice, set_aside_path, write_set_aside


@dataclass
class LoadedJournal:
    """The parsed journal (``{}`` when starting fresh) and any notice to show.

    ``split`` keeps where each session's bytes were, so that a session the
    model refuses after migration can still be set aside byte for byte.
    """

    data: RawData
    existed: bool
    notice: str | None = None
    split: SplitJournal | None = None


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

    split, reason = parse_journal_bytes(raw)
    if reason is None:
        assert split is not None
        return LoadedJournal(split.data, existed=True, split=split)
    if split is None:
        return LoadedJournal({}, existed=False, notice=set_aside(path, reason))
    # Cut short or broken partway: the whole file is kept aside, and the
    # sessions read before the break start the new journal.
    count = len(split.spans)
    outcome = f"a new one started with the {plural(count, 'session')} read from it"
    return LoadedJournal(split.data, existed=False, notice=set_aside(path, reason, outcome=outcome), split=split)


def parse_journal_bytes(raw: bytes) -> tuple[SplitJournal | None, str | None]:
    """``(split, None)`` for a usable journal. Otherwise ``(salvage, reason)``:
    why the file as a whole is not one, and the sessions that could still be
    read from it (``None`` if none, or if the file is from a newer backcoach).
    Sessions that cannot be read are in ``split.rejected``."""
    split, reason = split_journal(raw)
    if split is None:
        return None, reason
    problem = layout_problem(split.data) or newer_than_known(split.data)
    if problem is not None:
        return None, problem
    return split, reason


def rows_to_set_aside(loaded: LoadedJournal) -> list[SetAsideRow]:
    """Every session of the journal that cannot be used, taken out of its data.

    Call it after migrating: the model describes the current version.
    """
    if loaded.split is None:
        return []
    return loaded.split.rejected + misfits(loaded.split)


def set_aside_rows(journal_path: Path, rows: list[SetAsideRow], advice: str) -> str:
    """Keep ``rows`` in the side file and return the notice for the person.

    The side file is written before the journal ever loses them, so a crash
    in between only means they are set aside (again, not twice) next time.
    """
    side = set_aside_path(journal_path)
    try:
        write_set_aside(side, rows)
    except OSError as error:
        raise JournalWriteError(side, error, advice) from None
    return set_aside_notice(rows, side)


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
        doc = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except UnicodeDecodeError:
        return None, "it is not UTF-8 text"
    except json.JSONDecodeError as error:
        return None, f"invalid JSON at line {error.lineno} column {error.colno}"
    except RecursionError:
        return None, "it is nested too deeply to read"
    except ValueError:  # NaN, Infinity, an integer of thousands of digits
        return None, "it holds a number that cannot be read"
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        return None, "it is not a session record"
    reason = session_problem(doc)
    if reason is not None:
        return None, reason
    return doc, None


def set_aside_unfinished(journal_path: Path, path: Path, raw: bytes, reason: str) -> str:
    """Put an unfinished session that cannot be filed out of the way; the notice.

    A session document that does not fit the model joins the side file, so
    it is kept and exported like any set-aside row; a file that is not one
    document at all (cut short, not JSON) is moved aside whole.
    """
    if not one_object(raw):
        return set_aside(path, reason, what="unfinished session", outcome="that session is not in your history")
    side = set_aside_path(journal_path)
    try:
        write_set_aside(side, [SetAsideRow(path.name, raw, reason)])
        unlink_durably(path)
    except OSError as error:
        raise JournalWriteError(side, error, "Free some space or fix the folder's permissions.") from None
    return (
        f"The unfinished session at {path} could not be used ({reason}); it was moved, unchanged, "
        f"to {side} and is not in your history."
    )


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not a number")


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
