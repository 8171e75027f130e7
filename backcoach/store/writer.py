"""Journal writes on a background thread, in order, and never forgotten.

Every save rewrites a file and fsyncs it; that must never happen on the UI
thread. The session engine queues saves, each the whole session document as
it stood; this writer stores them one by one on its own thread
(``Journal.save_session``) and reports failures through a callback, so a
full disk shows a message instead of freezing a hold timer.

A save that fails with an I/O error (disk full, folder gone read-only) is
kept, in order, and tried again before the next event, whenever
:meth:`JournalWriter.retry` asks (the app does on Home and at quit), and
never skipped: saves are stored strictly in the order they were made, so
a later session's saves wait behind an earlier session's unsaved ones
instead of landing without them. Every save names its session, and the
journal refuses one for any session but the one in progress, so two
sessions can never end up in one record.

A save the journal refuses outright (a programming error such as a document
for a session already filed) can never succeed by retrying; it is reported
and kept in :attr:`JournalWriter.rejected`, still counted as unsaved.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol


class SessionSaveLike(Protocol):
    """What the session engine queues (``backcoach.coach.session.SessionSave``):
    the store imports nothing from the coach, so it only names the shape."""

    @property
    def action(self) -> str: ...

    @property
    def document(self) -> dict[str, Any]: ...

    @property
    def session_id(self) -> str: ...


class SessionJournal(Protocol):
    """The one journal call the writer makes (``Journal.save_session``)."""

    def save_session(self, doc: dict[str, Any]) -> Any: ...


_Item = tuple[str, Any]


class JournalWriter:
    def __init__(
        self,
        journal: SessionJournal,
        on_error: Callable[[str], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
    ) -> None:
        """``on_error(sentence)`` is called for every failed attempt;
        ``on_recovered()`` once everything that had failed has been saved.
        Both are called on the writer's thread."""
        self._journal = journal
        self._on_error = on_error
        self._on_recovered = on_recovered
        self._queue: queue.Queue[_Item] = queue.Queue()
        self._state = threading.Lock()
        self._pending: list[SessionSaveLike] = []
        self._rejected: list[SessionSaveLike] = []
        self._unsaved_reported = False
        #: Every failure sentence, oldest first.
        self.errors: list[str] = []
        #: The exception of the last failed attempt (its ``path`` and ``reason``
        #: say where a save was going and why it failed).
        self.last_failure: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="backcoach-journal", daemon=True)
        self._thread.start()

    # ---- what callers use ----------------------------------------------------

    def submit(self, save: SessionSaveLike) -> None:
        """Queue one save; it is stored after everything submitted before it."""
        self._queue.put(("event", save))

    def retry(self) -> None:
        """Try the saves that failed again (without waiting; see :meth:`flush`)."""
        self._queue.put(("retry", None))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far has been tried; False on timeout.

        True does not mean saved: see :attr:`has_unsaved`.
        """
        done = threading.Event()
        self._queue.put(("flush", done))
        return done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> None:
        """Try what is queued, then stop the thread."""
        self._queue.put(("stop", None))
        self._thread.join(timeout)

    @property
    def pending(self) -> list[SessionSaveLike]:
        """Saves not stored yet because a save failed, in order (a copy)."""
        with self._state:
            return list(self._pending)

    @property
    def rejected(self) -> list[SessionSaveLike]:
        """Saves the journal refused; retrying cannot store them (a copy)."""
        with self._state:
            return list(self._rejected)

    @property
    def has_unsaved(self) -> bool:
        with self._state:
            return bool(self._pending or self._rejected)

    @property
    def last_error(self) -> str | None:
        return self.errors[-1] if self.errors else None

    # ---- the writer thread ---------------------------------------------------

    def _run(self) -> None:
        while True:
            kind, payload = self._queue.get()
            if kind == "stop":
                self._save_pending()
                return
            if kind == "flush":
                payload.set()
                continue
            if kind == "event":
                with self._state:
                    self._pending.append(payload)
            self._save_pending()

    def _save_pending(self) -> None:
        """Store pending saves in order; stop at the first one that fails."""
        while True:
            with self._state:
                if not self._pending:
                    break
                event = self._pending[0]
            try:
                self._journal.save_session(event.document)
            except OSError as exc:  # the disk: kept, and tried again later
                self._failed(exc, refused=None)
                return
            except Exception as exc:  # refused: retrying cannot help
                self._failed(exc, refused=event)
                continue
            with self._state:
                self._pending.pop(0)
        if self._unsaved_reported and not self.has_unsaved:
            self._unsaved_reported = False
            if self._on_recovered is not None:
                self._on_recovered()

    def _failed(self, exc: Exception, refused: SessionSaveLike | None) -> None:
        with self._state:
            if refused is not None:
                self._pending.remove(refused)
                self._rejected.append(refused)
            self._unsaved_reported = True
        message = str(exc) or type(exc).__name__
        self.last_failure = exc
        self.errors.append(message)
        if self._on_error is not None:
            self._on_error(message)
