"""Quitting never drops a failed save silently; Home retries; ctrl+q asks.

The disk is made "full" by failing the store's atomic rename while a flag
is set, so the saves fail exactly as ENOSPC would and succeed once it is
cleared (the real full file system is in tests/unit/test_store_full_disk.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from typing import Any

import pytest
from conftest import Harness, ready, settle, text_of
from test_session_flows import SIZE, gate, start_short
from textual.worker import WorkerCancelled

from backcoach.store import atomic as atomic_module
from backcoach.tui.dialogs.unsaved import UnsavedScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.confirm_end import ConfirmEndScreen
from backcoach.tui.session.summary import SummaryScreen


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    full = threading.Event()
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if full.is_set():
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_module.os, "replace", replace)
    return full


async def end_with_failed_saves(h: Harness, pilot: Any, full: threading.Event) -> None:
    """A session whose last saves fail: q, y mid-drill, then Home."""
    await start_short(h, pilot)
    await gate(pilot, "2", "enter")
    await pilot.press("enter")  # begin
    await settle(pilot)
    await ready(pilot)
    full.set()
    await pilot.press("q")
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
    await ready(pilot)
    assert isinstance(h.app.screen, SummaryScreen)
    assert "could not be saved completely" in text_of(h.app.screen, "#saving")
    await pilot.press("enter")
    await settle(pilot)
    await ready(pilot)
    assert isinstance(h.app.screen, HomeScreen)
    assert h.app.writer.has_unsaved


async def test_quit_with_unsaved_work_says_what_and_where_and_retry_saves_it(
    make_harness: Any, disk_full: threading.Event
) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await end_with_failed_saves(h, pilot, disk_full)
        await pilot.press("q")
        await ready(pilot)
        assert isinstance(h.app.screen, UnsavedScreen)
        details = text_of(h.app.screen, "#details")
        assert "Not saved yet: 1 drill and how 1 session ended (1 session in all)." in details
        assert f"It belongs in {h.journal.data_dir}" in " ".join(details.split())
        assert "No space left on device" in details
        assert h.app.return_code is None  # still running

        await pilot.press("r")  # still full: the dialog stays
        await ready(pilot)
        assert isinstance(h.app.screen, UnsavedScreen) and h.app.return_code is None

        disk_full.clear()
        await pilot.press("r")
        # The retry lands and the app quits, cancelling whatever workers are
        # left: a cancelled worker is the quit working, not a failure.
        with contextlib.suppress(WorkerCancelled):
            await ready(pilot)
        assert h.app.return_code == 0
    (session,) = h.journal.sessions()
    assert session["status"] == "ended_early"
    assert [d["status"] for d in session["drills"]] == ["partial"]


async def test_quit_anyway_quits_and_pretends_nothing(make_harness: Any, disk_full: threading.Event) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await end_with_failed_saves(h, pilot, disk_full)
        await pilot.press("ctrl+q")
        await ready(pilot)
        assert isinstance(h.app.screen, UnsavedScreen)
        await pilot.press("q")
        await pilot.pause()
        assert h.app.return_code == 2  # the shell hears of it too
        assert h.app.closing.unsaved_sentence.startswith("Not saved yet: 1 drill and how 1 session ended")
    assert h.app.writer.has_unsaved
    assert h.journal.sessions() == []
    assert h.journal.current_session()["status"] == "running"  # kept; filed as interrupted next start


async def test_home_retries_failed_saves(make_harness: Any, disk_full: threading.Event) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await end_with_failed_saves(h, pilot, disk_full)
        disk_full.clear()
        await pilot.press("h")  # History, and back to Home: Home retries
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await ready(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        assert not h.app.writer.has_unsaved
        (session,) = h.sessions()
        assert session["status"] == "ended_early"


async def test_ctrl_q_mid_session_asks_like_q(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        await gate(pilot, "2", "enter")
        await pilot.press("enter")  # begin
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(h.app.screen, ConfirmEndScreen)
        assert text_of(h.app.screen, ".question") == "End the session and quit?"
        await pilot.press("n")  # carry on
        await settle(pilot)
        assert h.app.return_code is None and h.app.runner is not None and h.app.runner.in_progress

        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await ready(pilot)
        assert h.app.return_code == 0
    (session,) = h.journal.sessions()
    assert session["status"] == "ended_early"
    assert [d["status"] for d in session["drills"]] == ["partial"]


async def test_q_on_home_with_everything_saved_quits_at_once(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await ready(pilot)
        assert h.app.return_code == 0
