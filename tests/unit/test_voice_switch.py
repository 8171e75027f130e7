"""Voice on/off: the setting, ``--no-voice``, and ``doctor``'s line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backcoach import cli, paths
from backcoach.store.settings import Settings


def test_the_voice_is_on_by_default_and_remembered(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings().voice is True
    Settings(voice=False).save(path)
    assert json.loads(path.read_text())["voice"] is False
    assert Settings.load(path).voice is False


@pytest.mark.parametrize("stored", ['"no"', "0", "null"])
def test_a_voice_setting_of_the_wrong_type_keeps_the_default(tmp_path: Path, stored: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"voice": ' + stored + "}")
    assert Settings.load(path).voice is True


@pytest.mark.parametrize(
    "argv",
    [["--no-voice", "run", "quick-start"], ["run", "quick-start", "--no-voice"], ["--no-voice", "clinic"]],
)
def test_no_voice_is_a_global_option(argv: list[str]) -> None:
    assert cli.build_parser().parse_args(argv).no_voice is True
    assert cli.build_parser().parse_args(argv[1:] if argv[0] == "--no-voice" else argv[:-1]).no_voice is False


def test_no_voice_starts_the_app_with_the_voice_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backcoach.tui import launch as launch_module
    from backcoach.tui.app import BackcoachApp

    seen: dict[str, Any] = {}

    def headless_run(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        seen["setting"] = self.services.settings.voice
        seen["voice"] = self.voice.enabled

    monkeypatch.setattr(BackcoachApp, "run", headless_run)
    monkeypatch.setattr(launch_module, "terminal_problem", lambda: None)
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    monkeypatch.delenv(paths.CACHE_DIR_ENV, raising=False)
    try:
        assert cli.main(["--data-dir", str(tmp_path / "data"), "--no-voice"]) == 0
        assert seen == {"setting": False, "voice": False}
        assert cli.main(["--data-dir", str(tmp_path / "data"), "history"]) == 0
        assert seen == {"setting": True, "voice": True}  # only for that run: nothing was saved
    finally:
        paths.set_data_dir(None)


def test_doctor_reports_the_voice(tmp_path: Path) -> None:
    env = {"BACKCOACH_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "backcoach", "doctor"], capture_output=True, text=True, env=env, timeout=60
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("voice:")]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("voice:         on; ") and " clips in " in lines[0]
    assert result.returncode in (0, 2)
