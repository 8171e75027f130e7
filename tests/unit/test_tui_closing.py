"""The signal side of ``Closing`` on a real asyncio loop, with a stand-in app.

The whole path (a real process, a real terminal) is tested in
tests/e2e/test_tmux_signals.py; this pins the details that one cannot see:
one signal is acted on once, and after a signal the shutdown itself cannot
be killed by another one.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from dataclasses import dataclass, field
from typing import Any

from backcoach.tui.closing import CLOSING_SIGNALS, Closing


@dataclass
class FakeRunner:
    is_demo: bool = False
    in_progress: bool = True
    interrupted: int = 0

    def interrupt(self) -> None:
        self.interrupted += 1


@dataclass
class Event:
    action: str
    data: dict[str, Any]
    session_id: str


@dataclass
class FakeWriter:
    flushed: threading.Event = field(default_factory=threading.Event)
    pending: list[Event] = field(default_factory=list)
    rejected: list[Event] = field(default_factory=list)
    last_failure: Exception | None = None

    @property
    def has_unsaved(self) -> bool:
        return bool(self.pending or self.rejected)

    def retry(self) -> None:
        pass

    def flush(self, timeout: float | None = None) -> bool:
        self.flushed.set()
        return True


@dataclass
class FakeApp:
    runner: FakeRunner = field(default_factory=FakeRunner)
    writer: FakeWriter = field(default_factory=FakeWriter)
    is_headless: bool = True
    exits: list[tuple[Any, int]] = field(default_factory=list)
    exited: threading.Event = field(default_factory=threading.Event)

    def exit(self, result: Any = None, return_code: int = 0) -> None:
        self.exits.append((result, return_code))

    def call_from_thread(self, callback: Any, *args: Any) -> None:
        callback(*args)
        self.exited.set()


def test_a_signal_interrupts_once_exits_and_then_ignores_further_signals() -> None:
    app = FakeApp()
    closing = Closing(app)
    before = {signum: signal.getsignal(signum) for signum in CLOSING_SIGNALS}

    async def scenario() -> None:
        closing.install_signal_handlers()
        os.kill(os.getpid(), signal.SIGTERM)
        # The loop runs the handler between callbacks; the exit comes from the closing thread.
        assert await asyncio.to_thread(app.exited.wait, 10)
        closing.on_signal(signal.SIGHUP)  # a second signal changes nothing
        closing.remove_signal_handlers()

    try:
        asyncio.run(scenario())
        assert app.runner.interrupted == 1
        assert app.exits == [(None, 0)]
        for signum in CLOSING_SIGNALS:
            assert signal.getsignal(signum) == signal.SIG_IGN
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def test_without_a_signal_the_handlers_are_given_back() -> None:
    closing = Closing(FakeApp())
    before = {signum: signal.getsignal(signum) for signum in CLOSING_SIGNALS}

    async def scenario() -> None:
        closing.install_signal_handlers()
        closing.remove_signal_handlers()

    try:
        asyncio.run(scenario())
        for signum in CLOSING_SIGNALS:
            assert signal.getsignal(signum) == signal.SIG_DFL
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def test_unsaved_work_at_a_signal_exits_2() -> None:
    failure = OSError(28, "No space left on device")
    writer = FakeWriter(pending=[Event("drill", {}, "s1"), Event("finish", {}, "s1")], last_failure=failure)
    app = FakeApp(writer=writer)
    closing = Closing(app)
    closing.on_signal(signal.SIGTERM)
    assert app.exited.wait(10)
    assert app.exits == [(None, 2)]
    assert closing.unsaved_sentence == (
        "Not saved yet: 1 drill and how 1 session ended (1 session in all). "
        "It belongs in your data folder, which could not be written: No space left on device."
    )
