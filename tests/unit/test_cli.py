"""The command line: what a person (or a script) sees, and what it never sees.

Most commands run in-process through ``backcoach.cli.main`` with capsys.
A few run ``python -m backcoach`` in a subprocess because the behaviour is
about the process itself: which modules it imported, a lock held by another
process, a closed stdout pipe.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach import __version__, cli, paths
from backcoach.content.library import default_library
from backcoach.content.programs import builtin_programs
from backcoach.store.export import CSV_COLUMNS
from backcoach.store.journal import Journal
from backcoach.store.schema import fill_session_defaults

REPO = Path(__file__).resolve().parents[2]
QUICK_START = REPO / "assets" / "programs" / "quick-start.toml"

GOOD_PROGRAM = """\
# For one patient, after the first clinic visit.
id = "clinic-plan"
name = "Clinic plan"
description = "Three drills for the first two weeks."

[[drills]]
id = "cat-camel"
reps = 6

[[drills]]
id = "pelvic-tilt"

[[drills]]
id = "front-plank"
hold = 20
"""
# The third drill is a hold drill with a hold far beyond the allowed range.
BAD_PROGRAM = GOOD_PROGRAM.replace("hold = 20", "hold = 1000")
BAD_MESSAGE = "bad.toml: drills[3].hold: must be a whole number of seconds between 5 and 600"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test, in-process or not, uses its own empty data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(
    *argv: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv],
        env=env or subprocess_env(),
        capture_output="stdout" not in kwargs,
        text=True,
        timeout=30,
        check=False,
        **kwargs,
    )


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def assert_one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- --version and the process-level promises ----------------------------------


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"backcoach {__version__}\n", "")


def test_version_after_other_options_uses_argparse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "--version")
    assert (code, out.strip(), err) == (0, f"backcoach {__version__}", "")


def test_python_m_backcoach_version() -> None:
    proc = run_process("-m", "backcoach", "--version")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"backcoach {__version__}\n", "")


NO_TEXTUAL = (
    "import sys, backcoach.cli as c; rc = c.main(sys.argv[1:]); "
    "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
    "assert not loaded, loaded; sys.exit(rc)"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["drills", "list"],
        ["drills", "show", "cat-camel"],
        ["learn"],
        ["programs", "list"],
        ["programs", "validate", str(QUICK_START)],
        ["history", "export", "--format", "json"],
        ["handout", "quick-start"],
        ["doctor"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_non_tui_commands_never_import_textual(argv: list[str]) -> None:
    assert importlib.util.find_spec("textual") is not None  # so the check could fail
    proc = run_process("-c", NO_TEXTUAL, *argv)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "argv", [["--version"], ["drills", "list"], ["--help"]], ids=["version", "drills", "help"]
)
def test_closed_stdout_pipe_is_quiet(argv: list[str], unbuffered: bool) -> None:
    """``backcoach drills list | head -1``: the reader leaving is not an error."""
    env = subprocess_env()
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "backcoach", *argv],
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_usage_errors_exit_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["drills"], ["--speed", "0", "doctor"], ["history", "export", "--format", "xml"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "error:" in err and "Traceback" not in err
        assert out == ""


# -- drills ------------------------------------------------------------------


def test_drills_list_shows_every_library_drill(capsys: pytest.CaptureFixture[str]) -> None:
    library = default_library()
    code, out, err = run(capsys, "drills", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(library)
    assert {line.split()[0] for line in lines} == set(library)
    for line in lines:
        drill = library[line.split()[0]]
        assert drill.name in line and drill.category in line


def test_drills_list_category_filter(capsys: pytest.CaptureFixture[str]) -> None:
    core = [d for d in default_library().values() if d.category == "core"]
    assert core
    code, out, err = run(capsys, "drills", "list", "--category", "core")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [drill.id for drill in core]
    assert all(line.split()[1] == "core" for line in lines)


def test_drills_list_unknown_category(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "drills", "list", "--category", "yoga")
    assert (code, out) == (2, "")
    line = assert_one_line_error(err)
    assert "'yoga'" in line and "core" in line  # names the category and the known ones


def test_drills_show_cat_camel(capsys: pytest.CaptureFixture[str]) -> None:
    drill = default_library()["cat-camel"]
    code, out, err = run(capsys, "drills", "show", "cat-camel")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{drill.name} (cat-camel)"
    assert "Cues:" in out and "Cautions:" in out
    for cue in drill.cues:
        assert f"  - {cue}\n" in out
    assert drill.cautions
    for caution in drill.cautions:
        assert f"  ! {caution}\n" in out
    assert f"Breathing: {drill.breathing.cue}\n" in out
    for phase in drill.breathing.phases:
        assert phase.breath.upper() in out and phase.label in out


def test_drills_show_typo_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "drills", "show", "cat-camle")
    assert (code, out) == (2, "")
    line = assert_one_line_error(err)
    assert "did you mean" in line and "cat-camel" in line


# -- programs: list, show -------------------------------------------------------


def test_programs_list_shows_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    builtins = builtin_programs(default_library())
    code, out, err = run(capsys, "programs", "list")
    assert (code, err) == (0, "")
    assert [line.split()[0] for line in out.splitlines()] == [p.id for p in builtins]
    assert "quick-start" in out and "(imported)" not in out


def test_programs_show_quick_start(capsys: pytest.CaptureFixture[str]) -> None:
    program = next(p for p in builtin_programs(default_library()) if p.id == "quick-start")
    code, out, err = run(capsys, "programs", "show", "quick-start")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{program.name} (quick-start)"
    for number, drill in enumerate(program.drills, start=1):
        assert re.search(rf"^ *{number}\. {re.escape(drill.name)} ", out, re.MULTILINE)


def test_programs_show_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "programs", "show", "nope")
    assert (code, out) == (2, "")
    line = assert_one_line_error(err)
    assert "unknown program 'nope'" in line and "quick-start" in line


def test_programs_show_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "good.toml", GOOD_PROGRAM)
    code, out, err = run(capsys, "programs", "show", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("Clinic plan (clinic-plan)\n")


# -- programs validate -------------------------------------------------------------


def test_validate_good_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "good.toml", GOOD_PROGRAM)
    assert run(capsys, "programs", "validate", str(path)) == (
        0,
        f"{path}: ok (Clinic plan, 3 drills)\n",
        "",
    )


def test_validate_bad_hold_exact_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "bad.toml", BAD_PROGRAM)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "programs", "validate", "bad.toml")
    assert (code, out) == (2, "")
    assert assert_one_line_error(err) == BAD_MESSAGE


def test_validate_unknown_drill_lists_nearest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "typo.toml", GOOD_PROGRAM.replace('"pelvic-tilt"', '"pelvic-tlit"'))
    code, out, err = run(capsys, "programs", "validate", str(path))
    assert (code, out) == (2, "")
    assert assert_one_line_error(err) == (
        f"{path}: drills[2].id: unknown drill 'pelvic-tlit'; did you mean: pelvic-tilt"
    )


def test_validate_malformed_toml_gives_the_line_in_plain_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "broken.toml", 'id = "x"\nname = \n')
    code, out, err = run(capsys, "programs", "validate", str(path))
    assert (code, out) == (2, "")
    assert assert_one_line_error(err) == f"{path}: line 2: name: a value is missing after ="


def test_validate_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "programs", "validate", str(tmp_path / "missing.toml"))
    assert (code, out) == (2, "")
    assert assert_one_line_error(err).startswith(f"{tmp_path / 'missing.toml'}: cannot read file:")


def test_validate_several_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write(tmp_path / "good.toml", GOOD_PROGRAM)
    write(tmp_path / "bad.toml", BAD_PROGRAM)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "programs", "validate", str(good), "bad.toml", str(QUICK_START))
    assert code == 2
    assert out.splitlines() == [
        f"{good}: ok (Clinic plan, 3 drills)",
        f"{QUICK_START}: ok (Quick start, 4 drills)",
    ]
    assert assert_one_line_error(err) == BAD_MESSAGE

    code, out, err = run(capsys, "programs", "validate", str(good), str(QUICK_START))
    assert (code, err, len(out.splitlines())) == (0, "", 2)


# -- programs import ---------------------------------------------------------------


def test_import_installs_and_lists_as_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    path = write(tmp_path / "good.toml", GOOD_PROGRAM)
    code, out, err = run(capsys, "programs", "import", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("Imported Clinic plan (clinic-plan) into ")
    installed = data_dir / "programs" / "clinic-plan.toml"
    assert installed.read_text(encoding="utf-8") == GOOD_PROGRAM  # comments kept

    code, out, err = run(capsys, "programs", "list")
    assert (code, err) == (0, "")
    line = next(line for line in out.splitlines() if line.startswith("clinic-plan "))
    assert line.endswith("Clinic plan  (imported)")
    assert "quick-start" in out


def test_import_invalid_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "bad.toml", BAD_PROGRAM)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "programs", "import", "bad.toml")
    assert (code, out) == (2, "")
    assert assert_one_line_error(err) == BAD_MESSAGE
    programs = data_dir / "programs"
    assert not programs.exists() or not any(programs.iterdir())


def test_import_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "programs", "import", str(tmp_path / "gone.toml"))
    assert (code, out) == (2, "")
    assert "gone.toml" in assert_one_line_error(err)


def test_import_same_id_needs_replace(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = write(tmp_path / "first.toml", GOOD_PROGRAM)
    second = write(tmp_path / "second.toml", GOOD_PROGRAM.replace("Clinic plan", "Clinic plan v2"))
    installed = data_dir / "programs" / "clinic-plan.toml"
    assert run(capsys, "programs", "import", str(first))[0] == 0

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: never prompt
    code, out, err = run(capsys, "programs", "import", str(second))
    assert (code, out) == (2, "")
    line = assert_one_line_error(err)
    assert "clinic-plan" in line and "--replace" in line
    assert installed.read_text(encoding="utf-8") == GOOD_PROGRAM

    code, out, err = run(capsys, "programs", "import", "--replace", str(second))
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "Replacing Clinic plan (clinic-plan). What changes:",
        '  - name: "Clinic plan" -> "Clinic plan v2"',
        f"Imported Clinic plan v2 (clinic-plan) into {data_dir / 'programs'}",
    ]
    assert "Clinic plan v2" in installed.read_text(encoding="utf-8")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("typed", "replaced"), [("y\n", True), ("yes\n", True), ("n\n", False), ("\n", False), ("", False)],
    ids=["y", "yes", "n", "enter", "ctrl-d"],
)
def test_import_same_id_asks_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    replaced: bool,
) -> None:
    first = write(tmp_path / "first.toml", GOOD_PROGRAM)
    second = write(tmp_path / "second.toml", GOOD_PROGRAM.replace("Clinic plan", "Clinic plan v2"))
    assert run(capsys, "programs", "import", str(first))[0] == 0
    monkeypatch.setattr(sys, "stdin", FakeTerminal(typed))
    code, out, err = run(capsys, "programs", "import", str(second))
    assert (code, err) == (0, "")
    assert "Replace it? [y/N]" in out
    text = (data_dir / "programs" / "clinic-plan.toml").read_text(encoding="utf-8")
    assert ("Clinic plan v2" in text) is replaced
    assert ("Nothing changed." in out) is not replaced


# -- handout -----------------------------------------------------------------------


def test_handout_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    program = next(p for p in builtin_programs(default_library()) if p.id == "quick-start")
    code, out, err = run(capsys, "handout", "quick-start")
    assert (code, err) == (0, "")
    assert out.startswith(f"# {program.name}\n")
    for drill in program.drills:
        assert f". {drill.name}\n" in out


def test_handout_html_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    code, out, err = run(capsys, "handout", "quick-start", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote the handout for Quick start to {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page


def test_handout_format_follows_the_file_name_unless_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "sheet.txt"
    assert run(capsys, "handout", "quick-start", "-o", str(notes))[0] == 0
    assert notes.read_text(encoding="utf-8").startswith("# Quick start\n")
    forced = tmp_path / "sheet.html"
    assert run(capsys, "handout", "quick-start", "--format", "md", "-o", str(forced))[0] == 0
    assert forced.read_text(encoding="utf-8").startswith("# Quick start\n")
    code, out, _ = run(capsys, "handout", "quick-start", "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")


def test_handout_of_a_program_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "good.toml", GOOD_PROGRAM)
    code, out, err = run(capsys, "handout", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("# Clinic plan\n")


def test_handout_unknown_program(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "handout", "nope", "--format", "html")
    assert (code, out) == (2, "")
    assert "unknown program 'nope'" in assert_one_line_error(err)


def test_handout_unwritable_target(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "no" / "sheet.html"
    code, out, err = run(capsys, "handout", "quick-start", "-o", str(target))
    assert (code, out) == (2, "")
    assert assert_one_line_error(err).startswith(f"backcoach: cannot use {target}: ")


# -- the app's entry points ------------------------------------------------------------


@pytest.mark.parametrize("command", ["clinic", "history"])
def test_screen_commands_open_the_app_on_that_screen(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    opened: list[tuple[str | None, str]] = []

    def fake_run_tui(args: object, program_ref: str | None, start: str) -> int:
        opened.append((program_ref, start))
        return 0

    monkeypatch.setattr(cli, "_run_tui", fake_run_tui)
    assert run(capsys, command) == (0, "", "")
    assert opened == [(None, command)]


# -- history export -------------------------------------------------------------

SESSIONS = [
    {
        "id": "2025-03-04-a",
        "program": {"id": "quick-start", "name": "Quick start"},
        "started_at": "2025-03-04T07:00:00+01:00",
        "ended_at": "2025-03-04T07:06:30+01:00",
        "status": "completed",
        "demo": False,
        "speed": 1.0,
        "checkin_pain": 3,
        "final_pain": 2,
        "safety": {
            "answers": {
                "saddle_numbness": False,
                "bladder_bowel": False,
                "leg_weakness": False,
                "unwell": False,
                "trauma": False,
                "night_pain": False,
            }
        },
        "drills": [
            {
                "drill_id": "cat-camel",
                "replaced_by": None,
                "planned": {"kind": "reps", "sets": 1, "sides": 1, "reps": 5, "tempo": [3, 3], "rest_seconds": 0},
                "status": "done",
                "gate_pain": 3,
                "gate_band": "green",
                "difficulty": "about_right",
                "active_seconds": 30.0,
                "reps_done": 5,
                "sets_done": 1,
            },
            {
                "drill_id": "front-plank",
                "replaced_by": "knee-plank",
                "planned": {"kind": "hold", "sets": 2, "sides": 1, "hold_seconds": 15, "rest_seconds": 10},
                "status": "easier",
                "gate_pain": 5,
                "gate_band": "amber",
                "difficulty": "too_hard",
                "active_seconds": 24.5,
                "reps_done": 0,
                "sets_done": 2,
            },
        ],
    },
    {
        "id": "2025-03-05-a",
        "program": {"id": "gentle-morning", "name": "Gentle morning"},
        "started_at": "2025-03-05T08:15:00+01:00",
        "ended_at": "2025-03-05T08:17:10+01:00",
        "status": "stopped_pain",
        "demo": True,
        "speed": 8.0,
        "checkin_pain": 4,
        "final_pain": 7,
        "safety": {"answers": {}},
        "drills": [
            {
                "drill_id": "pelvic-tilt",
                "replaced_by": None,
                "planned": {"kind": "reps", "sets": 1, "sides": 1, "reps": 8, "tempo": [4, 4], "rest_seconds": 0},
                "status": "partial",
                "gate_pain": 6,
                "gate_band": "red",
                "difficulty": None,
                "active_seconds": 12.0,
                "reps_done": 3,
                "sets_done": 0,
            },
        ],
    },
]


def record_sessions() -> None:
    with Journal.open() as journal:
        for session in SESSIONS:
            journal.record_standalone(session)


def test_export_json_empty(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "history", "export", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == []


def test_export_json_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    record_sessions()
    code, out, err = run(capsys, "history", "export", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [fill_session_defaults(json.loads(json.dumps(d))) for d in SESSIONS]


def test_export_of_one_session_says_session(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with Journal.open() as journal:
        journal.record_standalone(SESSIONS[0])
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "history", "export", "--format", "json", "-o", str(target))
    assert (code, out) == (0, "")
    assert assert_one_line_error(err) == f"Wrote 1 session to {target}"


def test_export_csv_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record_sessions()
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "history", "export", "--format", "csv", "-o", str(target))
    assert (code, out) == (0, "")
    assert assert_one_line_error(err) == f"Wrote 2 sessions to {target}"
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [(r["session_id"], r["drill_id"]) for r in body] == [
        ("2025-03-04-a", "cat-camel"),
        ("2025-03-04-a", "front-plank"),
        ("2025-03-05-a", "pelvic-tilt"),
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_export_to_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "history", "export", "-o", str(tmp_path / "no" / "out.json"))
    assert (code, out) == (2, "")
    assert assert_one_line_error(err).startswith("backcoach: cannot use")


def test_export_reads_while_another_backcoach_runs(data_dir: Path) -> None:
    """A reading command needs no lock: every journal write is an atomic rename."""
    record_sessions()
    with Journal.open():
        before = folder_state(data_dir)
        proc = run_process("-m", "backcoach", "history", "export", "--format", "json")
        assert folder_state(data_dir) == before
    assert (proc.returncode, proc.stderr) == (0, "")
    assert json.loads(proc.stdout) == [fill_session_defaults(json.loads(json.dumps(d))) for d in SESSIONS]


def folder_state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under ``folder``: bytes, mtime and inode (what any write would change)."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- doctor ------------------------------------------------------------------------

SOUND_LINE = re.compile(r"^sound: +(off: .+|playing cues with .+)$", re.MULTILINE)


def check_doctor_verdict(code: int, out: str) -> None:
    last = out.splitlines()[-1]
    if code == 0:
        assert last == "all good"
    else:
        assert code == 2 and re.fullmatch(r"\d+ problem\(s\) found", last)
        assert "PROBLEM:" in out


def test_doctor_reports_folder_journal_and_sound(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "doctor")
    assert err == ""
    assert f"data folder:   {data_dir}\n" in out
    assert f"journal:       0 sessions in {data_dir / 'journal.json'}\n" in out
    assert SOUND_LINE.search(out)
    check_doctor_verdict(code, out)

    record_sessions()
    code, out, err = run(capsys, "doctor")
    assert err == "" and "journal:       2 sessions in" in out
    check_doctor_verdict(code, out)


def test_doctor_with_data_dir_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    code, out, _ = run(capsys, "--data-dir", str(other), "doctor")
    assert f"data folder:   {other}\n" in out
    assert not other.exists()  # a reading command creates nothing, not even the folder
    check_doctor_verdict(code, out)


def test_doctor_with_garbage_journal(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    torn = b'{"sessions": {"1": {"id": "x"'
    (data_dir / "journal.json").write_bytes(torn)
    before = folder_state(data_dir)
    for _ in range(2):  # doctor repairs nothing, so it says the same every time
        code, out, err = run(capsys, "doctor")
        assert "Traceback" not in out + err
        problem = next(line for line in out.splitlines() if "PROBLEM:" in line)
        assert problem == (
            f"journal:       PROBLEM: {data_dir / 'journal.json'} cannot be read (invalid JSON at line 1 "
            "column 30); backcoach will move it aside, unchanged, and start a new one when it next starts"
        )
        check_doctor_verdict(code, out)
        assert code == 2
        assert folder_state(data_dir) == before


def test_a_one_drill_program_says_drill(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text('id = "one"\nname = "One"\ndescription = ""\n\n[[drills]]\nid = "cat-camel"\n', encoding="utf-8")
    code, out, err = run(capsys, "programs", "validate", str(path))
    assert (code, err) == (0, "") and out.strip().endswith("(One, 1 drill)")
    code, out, err = run(capsys, "programs", "show", str(path))
    assert code == 0 and "1 drill, about" in out and "1 drills" not in out
    code, out, _ = run(capsys, "programs", "import", str(path))
    code, out, err = run(capsys, "programs", "list")
    assert code == 0 and " 1 drill  " in out and "1 drills" not in out


@pytest.mark.parametrize(
    ("argv", "help_of"),
    [
        (["programs", "import", "a.toml", "b.toml"], "backcoach programs import"),
        (["drills", "list", "--nope"], "backcoach drills list"),
        (["--bogus"], "backcoach"),
    ],
)
def test_arguments_left_over_point_to_their_commands_help(
    capsys: pytest.CaptureFixture[str], argv: list[str], help_of: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert assert_one_line_error(err).endswith(f"(see '{help_of} --help')")
    assert assert_one_line_error(err).startswith(f"{help_of}: error: unrecognized arguments: ")
