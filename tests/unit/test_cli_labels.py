"""Problems name the file as it was typed on the command line: a physio with
``clinic/anna.toml`` and ``home/anna.toml`` is told which one is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach import cli, paths

CLINIC = """\
id = "anna-clinic"
name = "Anna in clinic"
description = ""

[[drills]]
id = "cat-camel"
reps = 12.0
"""

HOME = """\
id = "anna-home"
name = "Anna at home"
description = ""
locked = ture

[[drills]]
id = "cat-camel"
"""

CLINIC_PROBLEM = "clinic/anna.toml: drills[1].reps: must be a whole number, without a decimal point (12, not 12.0)"
HOME_PROBLEM = "home/anna.toml: line 4: locked: must be true or false"


@pytest.fixture(autouse=True)
def two_annas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Two ``anna.toml`` in two folders of the current folder, and an empty data folder."""
    for folder, text in (("clinic", CLINIC), ("home", HOME)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "anna.toml").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    paths.set_data_dir(data)
    yield tmp_path
    paths.set_data_dir(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err.splitlines()


def test_validate_tells_the_two_files_apart(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "programs", "validate", "clinic/anna.toml", "home/anna.toml")
    assert (code, out) == (2, "")
    assert err == [CLINIC_PROBLEM, HOME_PROBLEM]


@pytest.mark.parametrize(
    "command",
    [
        ["programs", "show"],
        ["programs", "import"],
        ["handout"],
        ["plan"],
        ["run"],
    ],
    ids=lambda command: " ".join(command),
)
@pytest.mark.parametrize(("file", "problem"), [("clinic/anna.toml", CLINIC_PROBLEM), ("home/anna.toml", HOME_PROBLEM)])
def test_every_command_that_takes_a_file_names_it_as_typed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str], file: str, problem: str
) -> None:
    if command == ["run"]:
        # As from a terminal: the file is read (and refused) before any screen is drawn.
        from backcoach.tui import launch

        monkeypatch.setattr(launch, "terminal_problem", lambda: None)
    code, out, err = run(capsys, *command, file)
    assert (code, out) == (2, "")
    assert err == [problem]


def test_a_path_stays_as_typed(capsys: pytest.CaptureFixture[str], two_annas: Path) -> None:
    code, _out, err = run(capsys, "programs", "validate", "./home/anna.toml", str(two_annas / "clinic" / "anna.toml"))
    assert code == 2
    assert err == [
        HOME_PROBLEM.replace("home/anna.toml", "./home/anna.toml"),
        CLINIC_PROBLEM.replace("clinic/anna.toml", str(two_annas / "clinic" / "anna.toml")),
    ]


def test_a_missing_file_is_named_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "programs", "show", "elsewhere/anna.toml")
    assert code == 2
    assert err == ["elsewhere/anna.toml: cannot read file: No such file or directory"]


def test_a_good_file_imported_is_known_by_its_id(capsys: pytest.CaptureFixture[str], two_annas: Path) -> None:
    (two_annas / "home" / "anna.toml").write_text(HOME.replace("ture", "true"), encoding="utf-8")
    code, out, err = run(capsys, "programs", "import", "home/anna.toml")
    assert (code, err) == (0, [])
    assert out.startswith("Imported Anna at home (anna-home)")
