"""Every command behaves, whatever it is given: table-driven, in real processes.

Each row runs ``python -m backcoach`` with stdin from /dev/null and stdout a
pipe (so no terminal), under an output encoding that cannot show most of the
world's letters (``PYTHONIOENCODING=ascii``) and under the C locale. Whatever
the arguments (missing, unknown, out of range, a program name in any script,
a line break, bytes that are not UTF-8, a FIFO, a pathological file), the
command exits 0 or 2, never 1; never prints a traceback; and an error is one
line. The TUI commands say they need a terminal instead of hanging.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach import cli

REPO = Path(__file__).resolve().parents[2]

UNICODE_PROGRAM = """\
id = "unicode-program"
name = "Rückenschule — 腰痛 💪"
description = "Ünïcödé everywhere: ½ ← → ✓."

[[drills]]
id = "cat-camel"
"""
ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "C locale": {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""},
}
NO_TERMINAL = "backcoach: the app needs a terminal, and its input is not one"
Arg = str | bytes

#: (argv, the exit status, a piece of the one-line error or None).
CASES: dict[str, tuple[list[Arg], int, str | None]] = {
    "home": ([], 2, NO_TERMINAL),
    "run": (["run", "quick-start"], 2, NO_TERMINAL),
    "run, --speed after": (["run", "quick-start", "--speed", "10"], 2, NO_TERMINAL),
    "run, --no-sound after": (["run", "quick-start", "--no-sound"], 2, NO_TERMINAL),
    "run, no program": (["run"], 2, "the following arguments are required: PROGRAM"),
    "run, bad speed": (["run", "quick-start", "--speed", "fast"], 2, "'fast' is not a number"),
    "run, speed out of range": (["--speed", "0", "run", "quick-start"], 2, "between 0.1 and 100"),
    "history": (["history"], 2, NO_TERMINAL),
    "clinic": (["clinic"], 2, NO_TERMINAL),
    "clinic --no-sound": (["clinic", "--no-sound"], 2, NO_TERMINAL),
    "clinic, extra": (["clinic", "extra"], 2, "unrecognized arguments: extra"),
    "version": (["--version"], 0, None),
    "help": (["--help"], 0, None),
    "unknown option": (["--bogus"], 2, "unrecognized arguments: --bogus"),
    "unknown command": (["exercise"], 2, "invalid choice: 'exercise'"),
    "data dir without a value": (["--data-dir"], 2, "expected one argument"),
    "drills": (["drills"], 2, "required: ACTION"),
    "drills list": (["drills", "list"], 0, None),
    "drills list --data-dir after": (["drills", "list", "--data-dir", "{tmp}/elsewhere"], 0, None),
    "drills list, no such category": (["drills", "list", "--category", "ŝpïne"], 2, "no category"),
    "drills show": (["drills", "show", "cat-camel"], 0, None),
    "learn": (["learn"], 0, None),
    "learn, extra": (["learn", "more"], 2, "unrecognized arguments: more"),
    "drills show, unknown": (["drills", "show", "cat-camle"], 2, "did you mean: cat-camel"),
    "drills show, emoji": (["drills", "show", "💥"], 2, "unknown drill"),
    "drills show, a line break": (["drills", "show", "a\nb"], 2, "unknown drill"),
    "drills show, right-to-left override": (["drills", "show", "\u202eevil"], 2, "unknown drill"),
    "drills show, not UTF-8": (["drills", "show", b"\xff\xfe"], 2, "unknown drill"),
    "drills show, empty": (["drills", "show", ""], 2, "unknown drill"),
    "drills show, 5,000 characters": (["drills", "show", "x" * 5000], 2, "unknown drill"),
    "programs": (["programs"], 2, "required: ACTION"),
    "programs list": (["programs", "list"], 0, None),
    "programs show": (["programs", "show", "quick-start"], 0, None),
    "programs show, Unicode file": (["programs", "show", "{unicode}"], 0, None),
    "programs show, unknown": (["programs", "show", "腰痛"], 2, "unknown program"),
    "programs show, a line break in a path": (["programs", "show", "{tmp}/a\nb.toml"], 2, "a\\nb.toml"),
    "programs show, not UTF-8 path": (["programs", "show", b"/nowhere/\xff.toml"], 2, "cannot read"),
    "programs show, long path": (["programs", "show", "/" + "x" * 5000 + ".toml"], 2, "cannot read"),
    "programs validate, none": (["programs", "validate"], 2, "required: FILE"),
    "programs validate, missing": (["programs", "validate", "{tmp}/missing.toml"], 2, "No such file"),
    "programs validate, a FIFO": (["programs", "validate", "{fifo}"], 2, "FIFO"),
    "programs validate, a device": (["programs", "validate", "/dev/zero"], 2, "a device"),
    "programs validate, a folder": (["programs", "validate", "{tmp}"], 2, "a folder"),
    "programs validate, dotted key": (["programs", "validate", "{dotted}"], 2, "more than 8 parts"),
    "programs validate, Unicode": (["programs", "validate", "{unicode}"], 0, None),
    "programs import, none": (["programs", "import"], 2, "required: FILE"),
    "programs import, dotted key": (["programs", "import", "{dotted}"], 2, "more than 8 parts"),
    "programs import, Unicode": (["programs", "import", "{unicode}"], 0, None),
    "history export": (["history", "export"], 0, None),
    "history export, csv to -": (["history", "export", "--format", "csv", "-o", "-"], 0, None),
    "history export, bad format": (["history", "export", "--format", "xml"], 2, "invalid choice"),
    "history export, bad date": (["history", "export", "--since", "yesterday"], 2, "not a date"),
    "history export, to a folder": (["history", "export", "-o", "{tmp}"], 2, "a folder"),
    "history export, to a FIFO": (["history", "export", "-o", "{fifo}"], 2, "FIFO"),
    "history export, --data-dir after": (["history", "export", "--data-dir", "{tmp}/d2"], 0, None),
    "history export, data dir is a device": (["history", "export", "--data-dir", "/dev/null"], 2, "/dev/null"),
    "history export, journal is a FIFO": (["history", "export", "--data-dir", "{fifodata}"], 2, "FIFO"),
    "history, unknown action": (["history", "erase"], 2, "invalid choice: 'erase'"),
    "review, no file": (["review"], 2, "required: FILE"),
    "review, missing": (["review", "{tmp}/anna.json"], 2, "anna.json: there is no such file"),
    "review, a program file": (["review", "{unicode}"], 2, "it is not JSON"),
    "review, a FIFO": (["review", "{fifo}"], 2, "FIFO"),
    "review, a folder": (["review", "{tmp}"], 2, "a folder"),
    "review, a device": (["review", "/dev/zero"], 2, "a device"),
    "review, a line break in a path": (["review", "{tmp}/a\nb.json"], 2, "a\\nb.json"),
    "review, not UTF-8 path": (["review", b"/nowhere/\xff.json"], 2, "no such file"),
    "handout": (["handout"], 2, "required: PROGRAM"),
    "handout, markdown": (["handout", "quick-start"], 0, None),
    "handout, Unicode program": (["handout", "{unicode}", "--format", "html"], 0, None),
    "handout, bad format": (["handout", "quick-start", "--format", "pdf"], 2, "invalid choice"),
    "handout, unknown": (["handout", "zzz"], 2, "unknown program"),
    "handout, to a device": (["handout", "quick-start", "-o", "/dev/null"], 2, "a device"),
    "doctor": (["doctor"], 0, None),
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "unicode.toml").write_text(UNICODE_PROGRAM, encoding="utf-8")
    (tmp_path / "dotted.toml").write_text("x" + ".x" * 30_000 + " = 1\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "fifodata").mkdir()
    os.mkfifo(tmp_path / "fifodata" / "journal.json")
    return {
        "fifodata": str(tmp_path / "fifodata"),
        "tmp": str(tmp_path),
        "unicode": str(tmp_path / "unicode.toml"),
        "dotted": str(tmp_path / "dotted.toml"),
        "fifo": str(tmp_path / "pipe.toml"),
    }


def run_backcoach(
    argv: list[Arg], files: dict[str, str], extra_env: dict[str, str]
) -> subprocess.CompletedProcess[bytes]:
    args = [arg.format(**files) if isinstance(arg, str) else arg for arg in argv]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "PYTHONIO"))}
    env.update(BACKCOACH_DATA_DIR=files["tmp"] + "/data", PYTHONPATH=str(REPO))
    env.update({key: value for key, value in extra_env.items() if value})
    return subprocess.run(
        [sys.executable, "-m", "backcoach", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        cwd=files["tmp"],
        timeout=120,  # a guard against the hang this file exists to catch
        check=False,
    )


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize(("argv", "status", "error"), list(CASES.values()), ids=list(CASES))
def test_every_command_exits_0_or_2_with_at_most_one_line(
    files: dict[str, str], encoding: str, argv: list[Arg], status: int, error: str | None
) -> None:
    proc = run_backcoach(argv, files, ENCODINGS[encoding])
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert proc.returncode == status, (proc.returncode, err)
    if status == 2:
        assert len(err.splitlines()) == 1, err
        assert error is not None and error in err, err
        assert proc.stdout == b""
    else:
        assert len(err.splitlines()) <= 1, err  # at most a "Wrote ..." line


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_a_document_on_stdout_is_utf_8_whatever_the_encoding(
    files: dict[str, str], encoding: str
) -> None:
    proc = run_backcoach(["handout", "{unicode}"], files, ENCODINGS[encoding])
    assert proc.returncode == 0, proc.stderr
    assert "# Rückenschule — 腰痛 💪" in proc.stdout.decode("utf-8")


def test_lists_replace_what_the_terminal_cannot_show(files: dict[str, str]) -> None:
    ascii_only = ENCODINGS["ascii"]
    assert run_backcoach(["programs", "import", "{unicode}"], files, ascii_only).returncode == 0
    proc = run_backcoach(["programs", "list"], files, ascii_only)
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.decode("ascii").splitlines() if "unicode-program" in line)
    assert line.endswith("R?ckenschule ? ?? ?  (imported)")


def test_global_options_after_the_subcommand_mean_the_same(tmp_path: Path) -> None:
    parser = cli.build_parser()
    for argv in (
        ["--speed", "10", "--no-sound", "--data-dir", "X", "run", "quick-start"],
        ["run", "quick-start", "--speed", "10", "--no-sound", "--data-dir", "X"],
        ["--data-dir", "X", "run", "--speed", "10", "quick-start", "--no-sound"],
    ):
        args = parser.parse_args(argv)
        assert (args.speed, args.no_sound, args.data_dir, args.program) == (10.0, True, "X", "quick-start")
    args = parser.parse_args(["--speed", "4", "clinic"])
    assert (args.speed, args.no_sound, args.data_dir) == (4.0, False, None)  # nothing overwritten
    args = parser.parse_args(["drills", "list", "--data-dir", "Y"])
    assert args.data_dir == "Y"


def test_drills_list_data_dir_after_is_used(files: dict[str, str]) -> None:
    """``programs list --data-dir X`` sees the programs imported into X."""
    other = files["tmp"] + "/other"
    imported = run_backcoach(["programs", "import", "{unicode}", "--data-dir", other], files, {})
    assert imported.returncode == 0, imported.stderr
    here = run_backcoach(["programs", "list"], files, {})
    there = run_backcoach(["programs", "list", "--data-dir", other], files, {})
    assert b"unicode-program" not in here.stdout
    assert b"unicode-program" in there.stdout


def test_no_terminal_on_stdout_alone_is_refused_too(files: dict[str, str]) -> None:
    """stdin a terminal but stdout a pipe: the pty gives the child a real terminal as stdin."""
    import pty

    leader, follower = pty.openpty()
    try:
        env = dict(os.environ, BACKCOACH_DATA_DIR=files["tmp"] + "/data", PYTHONPATH=str(REPO))
        proc = subprocess.run(
            [sys.executable, "-m", "backcoach", "clinic"],
            stdin=follower,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "backcoach: the app needs a terminal, and its output is not one; run it in a terminal "
        "window (drills, programs, history export, handout and doctor work anywhere).\n"
    )
