"""Leaving the app without losing a save: the quit check and SIGTERM/SIGHUP.

It also says when a save failed or landed after all (the writer's callbacks).

Quitting (``q`` on Home, ``ctrl+q``, the command palette) first retries any
save that failed, off the UI thread. If something is still unsaved, a dialog
says what and where it would go, and offers a retry or quitting anyway; a
session in progress is asked about first, as ``q`` on a drill does.

Closing the terminal (SIGHUP) or ``kill`` (SIGTERM) cannot ask anyone: the
session is filed as interrupted with the drill in progress as partial, the
writer gets a bounded time to save it, and the app exits with status 0, or
2 if something could not be saved (the journal's lock is released on the
way out by whoever opened it). Quitting anyway past unsaved work exits with
2 as well, and both say what was not saved, in one sentence on the shell.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

#: The exit status when the app closed with saves that failed.
EXIT_UNSAVED = 2
#: How long a closing app waits for its last saves (a healthy save takes ms).
FLUSH_SECONDS = 5.0
#: How long Textual's own shutdown may take after a signal before the process
#: leaves without it: restoring a terminal that hung up can wait forever.
EXIT_GRACE_SECONDS = 3.0
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Closing:
    """The app's ways out; one per app."""

    def __init__(self, app: BackcoachApp) -> None:
        self.app = app
        self._signalled = False
        self._installed: list[signal.Signals] = []
        #: Set when the app exited with unsaved work: one sentence for the shell.
        self.unsaved_sentence: str | None = None

    # ---- saves that failed, or landed later ---------------------------------------

    def journal_problem(self, sentence: str) -> None:
        """The writer could not save (called on its thread)."""
        # Posted, not call_from_thread: that would wait for the UI thread, which
        # at exit is itself waiting for this writer to finish (a deadlock).
        self.app.call_later(self.app.notify, sentence, severity="error", timeout=15, markup=False)

    def journal_recovered(self) -> None:
        """A save that had failed is in the journal now (called on the writer's thread)."""
        self.app.call_later(
            self.app.notify, "Saved: what could not be saved before is now in your journal.", timeout=8
        )

    # ---- quitting ---------------------------------------------------------------

    def request_quit(self) -> None:
        """``q``/``ctrl+q``: a session in progress is asked about first."""
        runner = self.app.runner
        if runner is not None and not runner.is_demo and runner.in_progress:
            runner.ask_end("End the session and quit?", then=self.check_and_quit)
            return
        self.check_and_quit()

    def check_and_quit(self) -> None:
        """Retry failed saves (off the UI thread), then quit or show what is unsaved."""
        self.app.run_worker(self._retry_then_decide, thread=True, group="quit", exclusive=True)

    def _retry_then_decide(self) -> None:
        writer = self.app.writer
        writer.retry()
        writer.flush(FLUSH_SECONDS)
        self.app.call_from_thread(self._decide)

    def _decide(self) -> None:
        from backcoach.tui.dialogs.unsaved import UnsavedScreen

        if not self.app.writer.has_unsaved:
            self.app.exit()
            return
        if not isinstance(self.app.screen, UnsavedScreen):
            self.app.push_screen(UnsavedScreen(), self._answered)
        else:
            self.app.screen.refresh_details()

    def _answered(self, choice: str | None) -> None:
        from backcoach.tui.dialogs.unsaved import unsaved_details

        if choice == "retry":
            self.check_and_quit()
        elif choice == "quit":  # quit anyway: the shell is told too, and the status says so
            self.unsaved_sentence = unsaved_details(self.app)
            self.app.exit(None, EXIT_UNSAVED)

    # ---- signals --------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        """On the app's own loop, so a handler runs between messages, not inside one."""
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set handlers (e.g. an embedded app)
        loop = asyncio.get_running_loop()
        for signum in CLOSING_SIGNALS:
            try:
                loop.add_signal_handler(signum, self.on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # a loop or platform without signal handlers: the defaults stay
            self._installed.append(signum)

    def remove_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for signum in self._installed:
            loop.remove_signal_handler(signum)
            if self._signalled:
                # Already closing for a signal, and the saves are done: a second
                # one must not kill the rest of the shutdown (exit status 0 or 2).
                signal.signal(signum, signal.SIG_IGN)
        self._installed.clear()

    def on_signal(self, signum: int) -> None:
        """Save what can be saved and exit; a second signal changes nothing."""
        if self._signalled:
            return
        self._signalled = True
        runner = self.app.runner
        if runner is not None and not runner.is_demo and runner.in_progress:
            runner.interrupt()
        threading.Thread(target=self._flush_then_exit, name="backcoach-closing", daemon=True).start()

    def _flush_then_exit(self) -> None:
        writer = self.app.writer
        writer.retry()
        writer.flush(FLUSH_SECONDS)
        code = 0
        if writer.has_unsaved:
            from backcoach.tui.dialogs.unsaved import unsaved_details

            code = EXIT_UNSAVED
            self.unsaved_sentence = unsaved_details(self.app)
        if not self.app.is_headless:  # a real terminal (never a test harness's app)
            threading.Thread(target=_leave_after_grace, args=(code,), name="backcoach-exit", daemon=True).start()
        try:
            self.app.call_from_thread(self.app.exit, None, code)
        except RuntimeError:
            pass  # the app has already stopped


def _leave_after_grace(code: int) -> None:
    """End the process if a normal exit has not, once the saves are done.

    A daemon thread: when the app exits normally first, it simply never wakes.
    The journal's lock is an ``flock``, which the kernel releases with the process.
    """
    time.sleep(EXIT_GRACE_SECONDS)
    os._exit(code)
