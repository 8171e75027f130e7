"""Journal writes on a background thread, in order.

Every TinyDB write rewrites a file and fsyncs it; that must never happen on
the UI thread. The session engine queues journal events; this writer
applies them one by one on its own thread and reports failures through a
callback, so a read-only disk shows a message instead of freezing a hold
timer.
"""

from __future__ import annotations

import queue
import threading
from typing import Any, Callable, Protocol


class JournalEventLike(Protocol):
    action: str
    data: dict[str, Any]


_Item = tuple[str, Any]


class JournalWriter:
    def __init__(self, journal: Any, on_error: Callable[[str], None] | None = None) -> None:
        self._journal = journal
        self._on_error = on_error
        self._queue: queue.Queue[_Item] = queue.Queue()
        self.errors: list[str] = []
        self._thread = threading.Thread(target=self._run, name="backcoach-journal", daemon=True)
        self._thread.start()

    def submit(self, event: JournalEventLike) -> None:
        self._queue.put(("event", event))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far is written; False on timeout."""
        done = threading.Event()
        self._queue.put(("flush", done))
        return done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> None:
        """Write what is queued, then stop the thread."""
        self._queue.put(("stop", None))
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            kind, payload = self._queue.get()
            if kind == "stop":
                return
            if kind == "flush":
                payload.set()
                continue
            try:
                self._apply(payload)
            except Exception as exc:  # reported, never raised into the UI
                message = str(exc) or type(exc).__name__
                self.errors.append(message)
                if self._on_error is not None:
                    self._on_error(message)

    def _apply(self, event: JournalEventLike) -> None:
        data = event.data
        if event.action == "start":
            self._journal.start_session(dict(data))
        elif event.action == "update":
            self._journal.update_session(**data)
        elif event.action == "drill":
            self._journal.record_drill(dict(data))
        elif event.action == "finish":
            self._journal.finish_session(data["status"], data["ended_at"], data["final_pain"])
        else:
            raise ValueError(f"unknown journal action {event.action!r}")
