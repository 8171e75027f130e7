"""``programs import`` over a program the physiotherapist locked: refused with
``--replace`` (exit 2, the changes printed, the installed file untouched byte
for byte), installed with ``--replace-locked``."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from backcoach import cli, paths

LOCKED = """\
# Set in clinic on 1 Dec; do not change without asking.
id = "anna"
name = "Anna week 1"
description = "Three drills."
locked = true
pain_limit = 4

[[drills]]
id = "cat-camel"
reps = 8

[[drills]]
id = "bird-dog"

[[drills]]
id = "glute-bridge"
"""
# The patient's own edit: the lock off, more reps, a drill swapped.
EDITED = (
    LOCKED.replace("locked = true\n", "")
    .replace("reps = 8", "reps = 12")
    .replace('id = "bird-dog"', 'id = "front-plank"')
)
CHANGES = [
    "  - locked: yes -> no",
    "  - removed: Bird dog (was drill 2)",
    "  - added: Front plank (drill 2)",
    "  - Cat-camel: 8 -> 12 reps",
]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def install_locked(capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path) -> tuple[Path, Path]:
    first = tmp_path / "anna.toml"
    first.write_text(LOCKED, encoding="utf-8")
    assert run(capsys, "programs", "import", str(first))[0] == 0
    edited = tmp_path / "edited" / "anna.toml"
    edited.parent.mkdir()
    edited.write_text(EDITED, encoding="utf-8")
    return data_dir / "programs" / "anna.toml", edited


@pytest.mark.parametrize(
    ("flags", "stdin"),
    [(["--replace"], None), ([], None), ([], "y\n")],
    ids=["replace", "no-flag", "yes-at-a-prompt"],
)
def test_a_locked_program_is_not_replaced_without_replace_locked(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    flags: list[str],
    stdin: str | None,
) -> None:
    installed, edited = install_locked(capsys, tmp_path, data_dir)
    before = installed.read_bytes()
    monkeypatch.setattr(sys, "stdin", FakeTerminal(stdin) if stdin else io.StringIO(""))
    code, out, err = run(capsys, "programs", "import", *flags, str(edited))
    assert code == 2 and "Traceback" not in err
    [line] = err.splitlines()
    assert "locked by the physiotherapist" in line and "--replace-locked" in line and str(edited) in line
    assert out.splitlines() == [
        f"{edited} would replace Anna week 1 (anna), a program locked by the physiotherapist.",
        "What it would change:",
        *CHANGES,
    ]
    assert installed.read_bytes() == before


def test_replace_locked_installs_it_and_says_what_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    installed, edited = install_locked(capsys, tmp_path, data_dir)
    code, out, err = run(capsys, "programs", "import", "--replace-locked", str(edited))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Replacing Anna week 1 (anna), locked by the physiotherapist. What changes:",
        *CHANGES,
        f"Imported Anna week 1 (anna) into {data_dir / 'programs'}",
    ]
    assert installed.read_text(encoding="utf-8") == EDITED


def test_replace_prints_the_changes_of_an_unlocked_program(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    first = tmp_path / "anna.toml"
    first.write_text(EDITED, encoding="utf-8")
    assert run(capsys, "programs", "import", str(first))[0] == 0
    week2 = tmp_path / "week2.toml"
    week2.write_text(EDITED.replace("reps = 12", "reps = 14"), encoding="utf-8")
    code, out, err = run(capsys, "programs", "import", "--replace", str(week2))
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == ["Replacing Anna week 1 (anna). What changes:", "  - Cat-camel: 12 -> 14 reps"]


@pytest.mark.parametrize(
    ("damage", "why"),
    [(lambda t: t.replace('"glute-bridge"', '"retired-drill"'), "retired-drill"), (lambda t: t + "reps = \n", "reps")],
    ids=["not-a-program", "not-toml"],
)
def test_a_lock_holds_when_the_installed_file_no_longer_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path, damage: Any, why: str
) -> None:
    installed, edited = install_locked(capsys, tmp_path, data_dir)
    installed.write_text(damage(LOCKED), encoding="utf-8")
    before = installed.read_bytes()
    code, out, err = run(capsys, "programs", "import", "--replace", str(edited))
    assert code == 2 and "--replace-locked" in err
    assert "the installed file no longer reads as a program" in out and why in out
    assert installed.read_bytes() == before
    assert run(capsys, "programs", "import", "--replace-locked", str(edited))[0] == 0
    assert installed.read_text(encoding="utf-8") == EDITED


@pytest.mark.parametrize(
    ("today", "due"), [("2027-01-15", False), ("2027-01-16", True)], ids=["on-the-day", "the-day-after"]
)
def test_programs_show_says_who_set_it_and_when_to_review(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: str, due: bool
) -> None:
    import datetime as dt

    from backcoach.cli import commands

    monkeypatch.setattr(commands, "_today", lambda: dt.date.fromisoformat(today))
    path = tmp_path / "anna.toml"
    meta = 'clinician = "J. Physio"\nreview_on = 2027-01-15\nnotes = "watch the left knee"\n'
    path.write_text(meta + LOCKED, encoding="utf-8")
    code, out, err = run(capsys, "programs", "show", str(path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "Set by J. Physio · review on 15 Jan 2027" in lines
    assert ("The review date has passed: a good time to check in with your physio." in lines) is due
    assert "left knee" not in out  # the clinician's notes are private
