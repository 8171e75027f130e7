"""The journal: an honest, crash-safe record of every session.

Two files share the work so that saving stays cheap as history grows:

- ``journal.json`` (TinyDB) holds finished sessions. Writing it costs the
  whole file, so it is written once per session, when the session ends.
- ``current_session.json`` holds the session in progress and is rewritten
  after every drill; that costs the size of one session, however long the
  history is. If backcoach dies, the next ``Journal.open`` folds it into the
  journal as "interrupted": at most the drill in progress is lost.

Both are replaced atomically (see :mod:`backcoach.store.atomic`), and a lock
file keeps a second backcoach out of the same folder. Methods that write
may be slow (fsync), so the TUI calls them from a worker thread; a mutex
makes that safe.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import TinyDB

from backcoach.coach.streaks import session_day
from backcoach.safe_files import read_regular_file

from .atomic import atomic_write_bytes, remove_stale_temps, unlink_durably
from .documents import (
    check_final_status,
    deep_copy,
    has_safety_answers,
    interrupted_notice,
    note_clock_jump,
    prepare_session,
    start_key,
)
from .errors import (
    JournalUnreadable,
    JournalWriteError,
    SessionStateError,
    describe_os_error,
)
from .lock import CURRENT_SESSION_NAME, FOLDER_ADVICE, JournalLock, lock_data_folder
from .recovery import (
    keep_pre_migration_copy,
    load_journal,
    parse_session_bytes,
    rows_to_set_aside,
    set_aside_rows,
    set_aside_unfinished,
)
from .schema import (
    FINAL_STATUSES,
    META_TABLE,
    RUNNING,
    SESSIONS_TABLE,
    RawData,
    fill_session_defaults,
    migrate,
)
from .storage import AtomicJSONStorage
from .timefmt import iso_from_timestamp, now_iso

DRILL_ADVICE = (
    "Your session continues; what is not saved yet is kept and tried again at "
    "the next drill, on the home screen and when you quit."
)
FINISH_ADVICE = "Your session is still open; finishing it will be tried again."


class Journal:
    """The data folder's sessions, opened for exclusive use by this process.

    Build one with :meth:`Journal.open`; use it as a context manager or call
    :meth:`close` so the lock is released.
    """

    def __init__(
        self, path: Path, lock: JournalLock, db: TinyDB, storage: AtomicJSONStorage
    ) -> None:
        self.path = path
        self.data_dir = path.parent
        self.current_session_path = path.parent / CURRENT_SESSION_NAME
        #: One sentence each, for the TUI to show once (recoveries, interruptions).
        self.notices: list[str] = []
        self._lock = lock
        self._db = db
        self._storage = storage
        self._sessions_table = db.table(SESSIONS_TABLE)
        self._current: dict[str, Any] | None = None
        self._mutex = threading.RLock()
        self._closed = False

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> Journal:
        """Lock the folder, recover, migrate, and fold in an unfinished session.

        Raises :class:`JournalLocked` if another backcoach has the folder,
        :class:`JournalWriteError` if the folder cannot be written, and
        :class:`JournalUnreadable` if a broken file cannot even be moved aside.
        """
        journal_path, lock = lock_data_folder(path)
        try:
            return cls.open_locked(journal_path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_locked(cls, journal_path: Path, lock: JournalLock) -> Journal:
        """Read, recover and migrate the journal of a folder already locked."""
        folder = journal_path.parent
        remove_stale_temps(folder, [journal_path, folder / CURRENT_SESSION_NAME])
        loaded = load_journal(journal_path)
        data = loaded.data
        had_content = bool(data)
        had_meta = META_TABLE in data
        old_version, new_version = migrate(data)
        # Sessions that do not fit the model leave the data (kept byte for
        # byte in the side file first): they would crash readers, and some
        # would make every later write of the journal fail.
        misfits = rows_to_set_aside(loaded)
        misfit_notice = set_aside_rows(journal_path, misfits, FOLDER_ADVICE) if misfits else None
        storage = AtomicJSONStorage(journal_path, preload=data)
        if old_version != new_version or not had_meta or misfits or (had_content and not loaded.existed):
            if had_content and old_version != new_version:
                keep_pre_migration_copy(journal_path, old_version)
            try:
                storage.write(data)
            except OSError as error:
                raise JournalWriteError(journal_path, error, FOLDER_ADVICE) from None
        journal = cls(journal_path, lock, TinyDB(storage=lambda: storage), storage)
        journal.notices += [notice for notice in (loaded.notice, misfit_notice) if notice]
        journal._recover_current_session()
        return journal

    def close(self) -> None:
        """Release the lock. A session still running stays on disk and will be
        folded in as interrupted next time, which is the honest record."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self._db.close()
            self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- history -------------------------------------------------------------

    def sessions(self, include_demo: bool = True) -> list[dict[str, Any]]:
        """Finished sessions, oldest first, as copies safe to modify."""
        with self._mutex:
            docs = [
                doc
                for doc in self._raw_sessions().values()
                if include_demo or not doc.get("demo")
            ]
            docs.sort(key=start_key)
            return deep_copy(docs)

    def session(self, session_id: str) -> dict[str, Any] | None:
        """One finished session by its ``id``, or ``None``."""
        with self._mutex:
            for doc in self._raw_sessions().values():
                if doc.get("id") == session_id:
                    return deep_copy(doc)
            return None

    def count(self, include_demo: bool = True) -> int:
        with self._mutex:
            docs = self._raw_sessions().values()
            if include_demo:
                return len(docs)
            return sum(1 for doc in docs if not doc.get("demo"))

    def last_safety_check(self, day: date) -> dict[str, Any] | None:
        """The latest session started on ``day`` that recorded safety answers.

        The safety check is asked at the first session of each day; this is
        how the TUI knows whether today's has been answered (the session in
        progress counts too).
        """
        with self._mutex:
            candidates = list(self._raw_sessions().values())
            if self._current is not None:
                candidates.append(self._current)
            best: dict[str, Any] | None = None
            for doc in candidates:
                if session_day(doc) != day or not has_safety_answers(doc):
                    continue
                if best is None or start_key(doc) >= start_key(best):
                    best = doc
            return deep_copy(best) if best is not None else None

    # -- the session in progress --------------------------------------------

    def current_session(self) -> dict[str, Any] | None:
        """A copy of the session in progress (running, or finished but not yet filed)."""
        with self._mutex:
            return deep_copy(self._current) if self._current is not None else None

    def save_session(self, doc: Mapping[str, Any]) -> None:
        """Save the whole session ``doc`` as it stands.

        This is the one way a session reaches disk. A ``running`` document
        starts the session in progress or replaces it (one small file); a
        finished one (a final ``status``) is saved there too and then filed in
        the journal (one whole-journal write). Replacing the whole document,
        never applying a change to it, is what makes a retry exact: saving
        the same document twice gives the same record.

        Refused, with nothing changed: a document for another session while
        one is running (two sessions never share a record), and one for a
        session already filed (nothing may reopen it). Every save is all or
        nothing: if it fails, :class:`JournalWriteError` is raised and memory
        stays as the disk is, so the caller can retry the very same call. A
        finished session whose filing failed stays in
        ``current_session.json``: saving it again, starting the next session
        or restarting retries the filing.
        """
        with self._mutex:
            self._check_open()
            session = prepare_session(doc)
            finished = session["status"] != RUNNING
            if finished:
                check_final_status(session["status"])
                session["ended_at"] = session["ended_at"] or now_iso()
                note_clock_jump(session)
            else:
                session["ended_at"] = None
            current = self._current
            if current is not None and current.get("id") != session["id"]:
                if current.get("status") == RUNNING:
                    raise SessionStateError(
                        f"Session {current.get('id')!r} is still in progress; finish it first "
                        f"(session {session['id']!r} is not the one in progress)."
                    )
                self._file_finished_current()  # retry a finish whose filing failed
                current = None
            if current is None and session["id"] in self._session_ids():
                raise SessionStateError(
                    f"Session {session['id']!r} is not in progress: it is already in the journal."
                )
            if current is not None and current.get("status") != RUNNING and not finished:
                raise SessionStateError(f"Session {session['id']!r} is not in progress: it has ended.")
            self._current = session
            try:
                self._save_current(DRILL_ADVICE if not finished else FINISH_ADVICE)
            except JournalWriteError:
                self._current = current
                raise
            if finished:
                self._file_finished_current()

    def record_standalone(self, doc: Mapping[str, Any]) -> str:
        """File a complete session directly (e.g. a safety stop with no drills)."""
        with self._mutex:
            self._check_open()
            if not isinstance(doc, Mapping) or "status" not in doc:
                raise ValueError('A standalone session needs a final "status".')
            session = prepare_session(doc)
            check_final_status(session["status"])
            if not session.get("ended_at"):
                session["ended_at"] = now_iso()
            note_clock_jump(session)
            if session["id"] in self._session_ids():
                raise ValueError(f"A session with id {session['id']!r} is already in the journal.")
            self._insert(
                session,
                "It was not added to your history; free some space or fix the "
                "folder's permissions and try again.",
            )
            return str(session["id"])

    # -- internals -------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise SessionStateError("The journal is closed.")

    def _raw_sessions(self) -> dict[str, dict[str, Any]]:
        data: RawData = self._storage.read() or {}
        return data.get(SESSIONS_TABLE, {})

    def _session_ids(self) -> set[object]:
        return {doc.get("id") for doc in self._raw_sessions().values()}

    def _save_current(self, advice: str) -> None:
        payload = json.dumps(self._current, separators=(",", ":")).encode("ascii")
        try:
            atomic_write_bytes(self.current_session_path, payload)
        except OSError as error:
            raise JournalWriteError(self.current_session_path, error, advice) from None

    def _insert(self, doc: dict[str, Any], advice: str) -> None:
        try:
            self._sessions_table.insert(doc)
        except OSError as error:
            raise JournalWriteError(self.path, error, advice) from None

    def _file_finished_current(self) -> None:
        """Move the finished current session into the journal, then drop its file.

        The order matters: a crash between the two steps leaves the session
        in both places, and the next open recognises the id and just removes
        the leftover file, so nothing is lost or duplicated.
        """
        assert self._current is not None
        if self._current.get("id") not in self._session_ids():
            # (A failed write may still have landed: then only the cleanup is left.)
            self._insert(
                self._current,
                f"Your session is kept in {self.current_session_path} and will be added "
                "to your history the next time backcoach starts.",
            )
        self._current = None
        _discard(self.current_session_path)

    def _recover_current_session(self) -> None:
        """Fold a leftover ``current_session.json`` into the journal."""
        path = self.current_session_path
        try:
            raw = read_regular_file(path)  # no link followed, no FIFO waited on
            mtime = os.stat(path).st_mtime
        except FileNotFoundError:
            return
        except OSError as error:
            raise JournalUnreadable(
                f"The unfinished session at {path} could not be opened "
                f"({describe_os_error(error)}); "
                "check the folder's permissions or use --data-dir to choose another one."
            ) from None
        if not raw:
            _discard(path)  # nothing was ever saved in it
            return
        doc, reason = parse_session_bytes(raw)
        if doc is None:
            self.notices.append(set_aside_unfinished(self.path, path, raw, reason or "unknown problem"))
            return
        if doc["id"] in self._session_ids():
            _discard(path)  # filed just before a crash; only the cleanup was lost
            return
        fill_session_defaults(doc)
        if doc.get("status") not in FINAL_STATUSES or not doc.get("ended_at"):
            doc["status"] = "interrupted"
            doc["ended_at"] = iso_from_timestamp(mtime)
            self.notices.append(interrupted_notice(doc))
        note_clock_jump(doc)
        self._current = doc
        self._file_finished_current()


def _discard(path: Path) -> None:
    """Remove a session file that is already filed or empty; failing is harmless.

    A leftover whose id is already in the journal is recognised and skipped
    on the next open, and the next session's first save replaces it anyway.
    """
    try:
        unlink_durably(path)
    except OSError:
        pass


__all__ = ["CURRENT_SESSION_NAME", "Journal"]
