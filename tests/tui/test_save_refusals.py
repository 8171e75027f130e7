"""The save dialogs (history export, builder save, handout) write through the
one writer: a link or FIFO at the chosen path is refused with one sentence,
the dialog stays open, and the file the link points at is untouched."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ready, text_of
from history_fixture import fixed_history
from test_builder import builtin, open_builder, save_as
from test_history import open_history
from textual.widgets import Input

from backcoach.tui.clinic.builder_dialogs import PathDialog
from backcoach.tui.history.export import ExportScreen

SIZE = (80, 24)
SECRET = "the victim's file\n"
REFUSAL = "not a regular file."


def victim(tmp_path: Path) -> Path:
    path = tmp_path / "precious.txt"
    path.write_text(SECRET)
    return path


async def test_history_export_refuses_a_link(make_harness: Any, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.symlink_to(victim(tmp_path))
    h = make_harness(history=fixed_history())
    async with h.app.run_test(size=SIZE) as pilot:
        await open_history(h, pilot)
        await pilot.press("e")
        await pilot.pause()
        modal = h.app.screen
        assert isinstance(modal, ExportScreen)
        modal.query_one(Input).value = str(target)
        await pilot.press("enter")
        await ready(pilot)
        assert h.app.screen is modal
        assert text_of(modal, "#export-error") == (
            f"Could not write {target}: it is a symbolic link, {REFUSAL}"
        )
    assert (tmp_path / "precious.txt").read_text() == SECRET and target.is_symlink()


async def test_builder_save_refuses_a_link(make_harness: Any, tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    target.symlink_to(victim(tmp_path))
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_builder(h, pilot, builtin("quick-start"))
        dialog = await save_as(pilot, target)
        assert "already exists" in text_of(dialog, "#path-error")  # asks first, as for any file
        await pilot.press("enter")
        await ready(pilot)
        assert h.app.screen is dialog
        assert text_of(dialog, "#path-error") == f"Could not write {target}: it is a symbolic link, {REFUSAL}"
    assert (tmp_path / "precious.txt").read_text() == SECRET


async def test_handout_refuses_a_fifo_without_hanging(make_harness: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "sheet.html"
    os.mkfifo(target)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("p")
        await pilot.pause()
        dialog = h.app.screen
        assert isinstance(dialog, PathDialog)
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter", "enter")  # the second enter confirms "replace"
        await ready(pilot)
        assert h.app.screen is dialog
        assert text_of(dialog, "#path-error") == (
            f"Could not write {target}: it is a FIFO (named pipe), {REFUSAL}"
        )
    assert [p.name for p in out.iterdir()] == ["sheet.html"]  # no temp file left behind


def test_the_app_names_a_settings_file_that_is_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up keeps the defaults and says why, once, instead of reading through the link."""
    from backcoach import paths
    from backcoach.tui import launch as launch_module
    from backcoach.tui.app import BackcoachApp

    secret = victim(tmp_path)
    settings = tmp_path / "data" / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.symlink_to(secret)
    seen: dict[str, Any] = {}

    def headless_run(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        seen["notices"] = list(self.services.notices)
        seen["muted"] = self.services.settings.muted

    monkeypatch.setattr(BackcoachApp, "run", headless_run)
    monkeypatch.setattr(launch_module, "terminal_problem", lambda: None)
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    monkeypatch.delenv(paths.CACHE_DIR_ENV, raising=False)
    paths.set_data_dir(tmp_path / "data")
    try:
        assert launch_module.launch(program_ref=None, speed=1.0, no_sound=False, start="home") == 0
    finally:
        paths.set_data_dir(None)
    assert seen["notices"] == [
        f"backcoach will not use {settings}: it is a symbolic link, not a regular file, so it "
        "could lead somewhere else; remove it, or use --data-dir to choose another folder."
    ]
    assert seen["muted"] is False and secret.read_text() == SECRET
