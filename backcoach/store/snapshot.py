"""The history as the reading commands see it: read, never written.

``history export`` and ``doctor`` used to open the journal like the app
does, which takes the lock, creates the folder, migrates, repairs and moves
files aside: a reading command that writes. This reads the same files
through the same row reader and model, in memory only, and reports what
the app *would* do (set rows aside, move a broken journal aside) instead of
doing it. It takes no lock either: every write of the journal is an atomic
rename, so a read sees a complete old or new file even while the app runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backcoach.coach.words import plural
from backcoach.safe_files import UnsafePathError

from .documents import note_clock_jump, start_key
from .errors import JournalUnreadable, UnsafeFileError, describe_os_error
from .lock import LOCK_NAME
from .recovery import (
    LoadedJournal,
    parse_journal_bytes,
    parse_session_bytes,
    rows_to_set_aside,
)
from .rows import SetAsideRow
from .schema import FINAL_STATUSES, SESSIONS_TABLE, fill_session_defaults, migrate
from .set_aside import read_regular, read_set_aside, set_aside_path
from .timefmt import iso_from_timestamp

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock to look at
    fcntl = None  # type: ignore[assignment]  # no fcntl (Windows): None marks there is no lock to look at

#: As in ``store.journal`` (which this module does not import: it loads TinyDB).
CURRENT_SESSION_NAME = "current_session.json"


@dataclass
class HistorySnapshot:
    journal_path: Path
    #: Every usable session, oldest first.
    sessions: list[dict[str, Any]] = field(default_factory=list)
    #: Rows already kept in the side file.
    set_aside: list[SetAsideRow] = field(default_factory=list)
    #: Rows still in the journal that the app will set aside when it next starts.
    pending: list[SetAsideRow] = field(default_factory=list)
    #: Why the journal as a whole cannot be used, or ``None``.
    problem: str | None = None
    #: With a ``problem``: how many sessions the app will still read from it.
    salvageable: int = 0
    #: What ``current_session.json`` holds: "" (nothing), "in progress" (a
    #: running backcoach holds the lock), "interrupted" (left by one that
    #: stopped: included above, as the app will file it), or why it cannot be used.
    unfinished: str = ""
    #: Why the side file cannot be read, or ``None``.
    side_problem: str | None = None

    @property
    def side_path(self) -> Path:
        return set_aside_path(self.journal_path)

    @property
    def raw_rows(self) -> list[SetAsideRow]:
        """Every row not used, as stored: the side file's, then the journal's."""
        return self.set_aside + self.pending

    def notes(self) -> list[str]:
        """One sentence per thing a person should know about the rows not used."""
        notes = []
        if self.set_aside:
            notes.append(
                f"{plural(len(self.set_aside), 'session')} set aside earlier {_are(self.set_aside)} kept, "
                f"unchanged, in {self.side_path}."
            )
        if self.pending:
            notes.append(
                f"{plural(len(self.pending), 'session')} in {self.journal_path} cannot be used "
                f"({self.pending[0].reason}); backcoach will move {_them(self.pending)}, unchanged, "
                f"to {self.side_path} when it next starts."
            )
        if self.side_problem:
            notes.append(f"{self.side_path} {self.side_problem}.")
        if self.unfinished == "in progress":
            notes.append("backcoach is running: the session in progress is not included until it ends.")
        elif self.unfinished == "interrupted":
            notes.append(
                "the last session was interrupted; it is included as interrupted, and backcoach "
                "adds it to your history when it next starts."
            )
        elif self.unfinished:
            notes.append(
                f"the unfinished session in {CURRENT_SESSION_NAME} cannot be used ({self.unfinished}); "
                "backcoach will set it aside, unchanged, when it next starts."
            )
        return notes


def _are(rows: list[SetAsideRow]) -> str:
    return "is" if len(rows) == 1 else "are"


def _them(rows: list[SetAsideRow]) -> str:
    return "it" if len(rows) == 1 else "them"


def read_snapshot(journal_path: Path) -> HistorySnapshot:
    """The journal at ``journal_path`` and its side file, read without writing anything."""
    snapshot = HistorySnapshot(journal_path)
    try:
        snapshot.set_aside = read_set_aside(snapshot.side_path)
    except OSError as error:
        snapshot.side_problem = f"could not be read ({describe_os_error(error)})"
    except JournalUnreadable:
        snapshot.side_problem = "is not a file of set-aside sessions; it is left as it is"
    try:
        raw = read_regular(journal_path)
    except UnsafePathError as error:
        # The same one sentence the app gives: nothing is opened or moved.
        raise UnsafeFileError(journal_path, error.kind) from None
    except OSError as error:
        snapshot.problem = f"it could not be opened ({describe_os_error(error)})"
        return snapshot
    if raw:
        split, reason = parse_journal_bytes(raw)
        if reason is not None or split is None:
            snapshot.problem = reason
            snapshot.salvageable = len(split.spans) if split is not None else 0
            return snapshot
        migrate(split.data)  # in memory only: the model describes the current version
        snapshot.pending = rows_to_set_aside(LoadedJournal(split.data, existed=True, split=split))
        snapshot.sessions = list(split.data.get(SESSIONS_TABLE, {}).values())
    _add_unfinished(snapshot)
    snapshot.sessions.sort(key=start_key)
    return snapshot


def _add_unfinished(snapshot: HistorySnapshot) -> None:
    """Include a session left in ``current_session.json`` as the app would file it."""
    folder = snapshot.journal_path.parent
    path = folder / CURRENT_SESSION_NAME
    try:
        raw = read_regular(path)
        mtime = path.lstat().st_mtime if raw else 0.0
    except OSError as error:
        snapshot.unfinished = f"it could not be opened: {describe_os_error(error)}"
        return
    if not raw:
        return
    if _in_use(folder):
        snapshot.unfinished = "in progress"
        return
    doc, reason = parse_session_bytes(raw)
    if doc is None:
        snapshot.unfinished = reason or "unknown problem"
        return
    if doc["id"] in {session.get("id") for session in snapshot.sessions}:
        return  # filed just before a crash; only the cleanup was lost
    fill_session_defaults(doc)
    if doc.get("status") not in FINAL_STATUSES or not doc.get("ended_at"):
        doc["status"] = "interrupted"
        doc["ended_at"] = iso_from_timestamp(mtime)
    note_clock_jump(doc)
    snapshot.sessions.append(doc)
    snapshot.unfinished = "interrupted"


def _in_use(folder: Path) -> bool:
    """Whether a running backcoach holds the folder's lock (looked at, not taken)."""
    if fcntl is None:  # pragma: no cover
        return False
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(folder / LOCK_NAME, flags)
    except OSError:
        return False  # no lock file: nobody has ever held it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock, if it was taken
    return False

