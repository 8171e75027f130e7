"""Settings are saved off the UI thread, as a copy of what they were when the
change was made, and a save that fails is one toast, never a crash."""

from __future__ import annotations

import errno
import threading
from pathlib import Path
from typing import Any

from conftest import ready

from backcoach.store.errors import SettingsWriteError
from backcoach.store.settings import Settings

SIZE = (80, 24)


async def test_a_setting_is_saved_on_a_worker_as_a_copy(make_harness: Any) -> None:
    h = make_harness()
    saved: list[tuple[Settings, bool]] = []
    h.app.services.save_settings = lambda s: saved.append((s, threading.current_thread() is threading.main_thread()))
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m")
        await ready(pilot)
        assert len(saved) == 1
        copy, on_ui_thread = saved[0]
        assert not on_ui_thread
        assert copy.muted is True and copy is not h.app.services.settings
        h.app.services.settings.muted = False  # a later change does not reach the saved copy
        assert copy.muted is True


async def test_a_settings_save_that_fails_is_one_toast_and_the_change_holds(make_harness: Any) -> None:
    h = make_harness()
    target = Path("/nowhere/settings.json")

    def refuse(_settings: Settings) -> None:
        raise SettingsWriteError(
            target,
            OSError(errno.ENOSPC, "No space left on device"),
            "The change applies until backcoach closes but will not be remembered.",
        )

    h.app.services.save_settings = refuse
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m")
        await ready(pilot)
        messages = [n.message for n in h.app._notifications]
        assert (
            f"Could not save to {target}: No space left on device. "
            "The change applies until backcoach closes but will not be remembered."
        ) in messages
        assert h.app.player.muted and h.app.services.settings.muted
        assert h.app.is_running
