"""The clinic's import dialog checks a file on a worker thread, and a hostile
file (the 100 KB dotted key that once froze it for 40 s) gets one line."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import text_of
from test_clinic import GOOD_PROGRAM, import_file, open_clinic

from backcoach.content import programs
from backcoach.tui.clinic.browser import ClinicScreen
from backcoach.tui.clinic.dialogs import ImportProgramScreen

SIZE = (80, 24)


async def test_the_file_is_checked_off_the_ui_thread(
    make_harness: Any, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "patient.toml"
    source.write_text(GOOD_PROGRAM, encoding="utf-8")
    threads: list[threading.Thread] = []
    real = programs.import_program

    def recording(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(programs, "import_program", recording)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await import_file(pilot, source)
        assert isinstance(h.app.screen, ClinicScreen)
        assert (data_dir / "programs" / "knee-rehab.toml").is_file()
    assert threads and threads[0] is not threading.main_thread()


async def test_a_pathological_file_gets_one_line(make_harness: Any, tmp_path: Path) -> None:
    source = tmp_path / "dotted.toml"
    source.write_text("x" + ".x" * 30_000 + " = 1\n", encoding="utf-8")
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await import_file(pilot, source)
        dialog = h.app.screen
        assert isinstance(dialog, ImportProgramScreen)
        assert text_of(dialog, "#import-error") == (  # named as typed (here the whole path)
            f"{source}: not accepted: line 1: a dotted key or value with more than 8 parts"
        )
        assert not dialog.query_one("#import-path").disabled  # the path can be fixed at once
