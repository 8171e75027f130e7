"""The app's copy of the journal's sessions, and the History screen's numbers.

Read once after the first frame (in an app worker, :func:`load_history`),
then kept in step with the sessions this app files. Screens never ask
whether it changed by comparing lists: every change bumps
:attr:`HistoryCache.version` and calls ``on_change`` (the app publishes a
Textual ``Signal`` that Home and History subscribe to). Nothing here imports
Textual: the cache is plain data, tested on its own.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backcoach.coach.history import HistoryView
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.services import Services

#: From this many sessions, the loaded history is moved out of the GC's way.
FREEZE_HISTORY_FROM = 1000

Session = dict[str, Any]


class HistoryCache:
    """The sessions (``None`` until read), a version, and a prepared History view."""

    def __init__(self, on_change: Callable[[HistoryCache], None] = lambda _cache: None) -> None:
        self._on_change = on_change
        self.sessions: list[Session] | None = None
        #: Bumped on every change: read, session appended, view prepared.
        self.version = 0
        #: True while the app's history worker computes the History view; a
        #: History screen opened meanwhile waits for it instead of doing it twice.
        self.preparing = False
        #: Set once the read is asked for (``backcoach clinic`` asks on the way home).
        self.requested = False
        self._prepared: tuple[int, date, HistoryView] | None = None

    @property
    def loaded(self) -> bool:
        return self.sessions is not None

    def load(self, sessions: list[Session]) -> int:
        """The journal's sessions, as read; returns the version they make."""
        self.sessions = sessions
        self._changed()
        return self.version

    def append(self, session: Session) -> None:
        """A session this app filed; ignored before the read (it will be in it)."""
        if self.sessions is None:
            return
        self.sessions.append(session)
        self._changed()

    def offer_view(self, version: int, today: date, view: HistoryView | None) -> bool:
        """The app's worker is done with the view of the sessions at ``version``
        (``None``: nothing to show yet): kept only if nothing changed since; it
        then holds until the next change or day."""
        kept = version == self.version
        self.preparing = False
        self.version += 1
        if kept and view is not None:
            self._prepared = (self.version, today, view)
        # Published either way: a History screen waiting for this view
        # computes its own when the offer came too late.
        self._on_change(self)
        return kept

    def prepared_view(self, today: date) -> HistoryView | None:
        """The view made for this version of the cache and ``today``, else ``None``."""
        if self._prepared is None:
            return None
        version, made_on, view = self._prepared
        return view if version == self.version and made_on == today else None

    def _changed(self) -> None:
        self.version += 1
        self._on_change(self)


def load_history(app: BackcoachApp, then: Callable[[], None] = lambda: None) -> None:
    """Read the journal once, after the next frame, then call ``then``: reading
    years of history on a thread still holds the GIL long enough to push a
    first paint back."""
    cache = app.history
    if cache.requested:
        return
    cache.requested = cache.preparing = True
    reader = partial(read_history, app, app.services, cache, then)
    app.call_after_refresh(
        app.run_worker, reader, thread=True, exclusive=True, group="history", description="history read"
    )


def read_history(app: BackcoachApp, services: Services, cache: HistoryCache, then: Callable[[], None]) -> None:
    """A worker's body: the journal's sessions into ``cache``, then ``then()``
    (both on the UI thread), then, still off it, the History screen's numbers,
    so that ``h`` shows them at once instead of computing them on the way in."""
    try:
        sessions = read_sessions(services.journal)
        for notice in services.journal.notices:
            app.call_from_thread(app.notify, notice, severity="warning", timeout=10)
    except Exception as exc:  # shown, never fatal: a session can still run
        app.call_from_thread(app.notify, f"Could not read your history: {exc}", severity="error")
        sessions = []
    version = app.call_from_thread(cache.load, sessions)
    app.call_from_thread(then)
    today = services.today()
    view = prepare_view(sessions, today, services.planned_days())
    app.call_from_thread(cache.offer_view, version, today, view)


def read_sessions(journal: Any) -> list[Session]:
    """The journal's sessions; may raise."""
    sessions = list(journal.sessions())
    if len(sessions) >= FREEZE_HISTORY_FROM:
        # Years of history are hundreds of thousands of long-lived JSON
        # objects (here and in the journal's own copy) with no reference
        # cycles. Left to the cyclic GC, every full collection walks them
        # all: 100-150 ms pauses with 3,650 sessions, often right when a
        # screen opens. Frozen, they are skipped (refcounting still frees
        # them). Small histories are left alone.
        gc.freeze()
    return sessions


def prepare_view(sessions: list[Session], today: date, plans: Mapping[str, int]) -> HistoryView | None:
    """The History screen's numbers, or ``None`` when there is nothing to prepare
    (an empty history skips the import) or they fail (the screen reports that)."""
    if not sessions:
        return None
    from backcoach.coach.history import build_view

    try:
        return build_view(sessions, today, plans)
    except Exception:  # noqa: BLE001 - the screen computes (and reports) it itself
        return None
