"""Journal writes on a background thread, in order, and never forgotten.

Every save rewrites a file and fsyncs it; that must never happen on the UI
thread. The session engine queues journal events; this writer applies them
one by one on its own thread and reports failures through a callback, so a
full disk shows a message instead of freezing a hold timer.

A save that fails with an I/O error (disk full, folder gone read-only) is
kept, in order, and tried again before the next event, whenever
:meth:`JournalWriter.retry` asks (the app does on Home and at quit), and
never skipped: events are applied strictly in the order they were made, so
a later session's events wait behind an earlier session's unsaved ones
instead of landing without them. Every event names its session, and the
journal refuses an event for any session but the one in progress, so two
sessions can never end up in one record.

An event the journal refuses outright (a programming error such as a change
for a session that is not in progress) can never succeed by retrying; it is
reported and kept in :attr:`JournalWriter.rejected`, still counted as unsaved.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol


class JournalEventLike(Protocol):
    action: str
    data: dict[str, Any]
    session_id: str


_Item = tuple[str, Any]


class JournalWriter:
    def __init__(
        self,
        journal: Any,
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
        self._pending: list[JournalEventLike] = []
        self._rejected: list[JournalEventLike] = []
        self._unsaved_reported = False
        #: Every failure sentence, oldest first.
        self.errors: list[str] = []
        #: The exception of the last failed attempt (its ``path`` and ``reason``
        #: say where a save was going and why it failed).
        self.last_failure: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="backcoach-journal", daemon=True)
        self._thread.start()

    # ---- what callers use ----------------------------------------------------

    def submit(self, event: JournalEventLike) -> None:
        self._queue.put(("event", event))

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
    def pending(self) -> list[JournalEventLike]:
        """Events not saved yet because a save failed, in order (a copy)."""
        with self._state:
            return list(self._pending)

    @property
    def rejected(self) -> list[JournalEventLike]:
        """Events the journal refused; retrying cannot save them (a copy)."""
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
        """Apply pending events in order; stop at the first one that fails."""
        while True:
            with self._state:
                if not self._pending:
                    break
                event = self._pending[0]
            try:
                self._apply(event)
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

    def _failed(self, exc: Exception, refused: JournalEventLike | None) -> None:
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

    def _apply(self, event: JournalEventLike) -> None:
        data = event.data
        session_id = event.session_id
        if event.action == "start":
            if data.get("id") != session_id:
                raise ValueError(f"a start event for session {session_id!r} carries id {data.get('id')!r}")
            self._journal.start_session(dict(data))
        elif event.action == "update":
            self._journal.update_session(session_id, **data)
        elif event.action == "drill":
            self._journal.record_drill(session_id, dict(data))
        elif event.action == "finish":
            self._journal.finish_session(session_id, data["status"], data["ended_at"], data["final_pain"])
        else:
            raise ValueError(f"unknown journal action {event.action!r}")
