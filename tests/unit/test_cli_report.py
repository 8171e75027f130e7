"""``backcoach report``: the format from the file name, the export's safe
writer, one-line errors, the same text as ``history export --format md``,
and both commands reading the journal while another process holds its lock."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_journal import TODAY, journal

from backcoach import cli, paths
from backcoach.cli import commands as cli_commands
from backcoach.store.errors import JournalLocked
from backcoach.store.journal import Journal
from backcoach.store.lock import lock_data_folder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    paths.set_data_dir(folder)
    monkeypatch.setattr(cli_commands, "_today", lambda: TODAY)
    with Journal.open() as stored:
        for doc in journal():
            stored.record_standalone(doc)
    yield folder
    paths.set_data_dir(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_on_stdout_is_the_markdown_export(capsys: pytest.CaptureFixture[str]) -> None:
    code, report, err = run(capsys, "report", "--since", "2026-03-16")
    assert (code, err) == (0, "")
    code, export, _ = run(capsys, "history", "export", "--format", "md", "--since", "2026-03-16")
    assert code == 0 and report == export
    assert "| Cat-camel | 4 | 3 | 1 | 0 | 0 | 0 | median 2.5 (1-4), 4 checks | 1 / 2 / 1 | 3 min | 0 | 1 |" in report


@pytest.mark.parametrize("name, html", [("r.html", True), ("R.HTM", True), ("r.md", False), ("r.txt", False)])
def test_the_format_follows_the_file_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, html: bool
) -> None:
    target = tmp_path / name
    code, out, err = run(capsys, "report", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote the report of 7 sessions to {target}\n"  # s0-s6, the demo included in the count
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") is html
    assert text.startswith("# backcoach history report") is not html
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # health data: the owner only
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_format_html_on_stdout_and_md_into_an_html_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "report", "--format", "html")
    assert code == 0
    ET.fromstring(out)
    target = tmp_path / "r.html"
    assert run(capsys, "report", "--format", "md", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# backcoach")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["report", "--since", "yesterday"], "'yesterday' is not a date like 2026-03-30"),
        (["report", "--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_unwritable_place_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "missing" / "r.html"
    code, out, err = run(capsys, "report", "-o", str(target))
    assert (code, out, err) == (2, "", f"backcoach: cannot use {target}: No such file or directory\n")


HOLD_LOCK = """
import sys
from backcoach.store.journal import Journal
journal = Journal.open()
print("locked", flush=True)
sys.stdin.readline()
journal.close()
"""


def test_report_and_export_work_while_another_process_holds_the_lock(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), **{paths.DATA_DIR_ENV: str(data_dir)})
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(JournalLocked):  # the lock really is held, as when the app is open
            lock_data_folder()
        before = sorted((p.name, p.stat().st_mtime_ns) for p in data_dir.iterdir())
        target = tmp_path / "r.html"
        code, out, err = run(capsys, "report", "-o", str(target))
        assert (code, out, err) == (0, "", f"Wrote the report of 7 sessions to {target}\n")
        assert "Cat-camel" in target.read_text(encoding="utf-8")
        code, out, err = run(capsys, "history", "export", "--format", "md")
        assert (code, err) == (0, "") and "## Per drill" in out
        assert sorted((p.name, p.stat().st_mtime_ns) for p in data_dir.iterdir()) == before  # nothing written
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)


def test_report_never_imports_textual(tmp_path: Path, data_dir: Path) -> None:
    code = (
        "import sys, backcoach.cli as c; rc = c.main(sys.argv[1:]); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']; sys.exit(rc)"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), **{paths.DATA_DIR_ENV: str(data_dir)})
    proc = subprocess.run(
        [sys.executable, "-c", code, "report", "--format", "html", "-o", str(tmp_path / "r.html")],
        env=env, capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 0, proc.stderr


def test_a_period_that_starts_in_the_future_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from backcoach.cli import main

    for command in (["report"], ["history", "export", "--format", "md"]):
        assert main([*command, "--since", "2999-01-01"]) == 2
        err = capsys.readouterr().err.strip()
        assert "2999-01-01 is in the future; give the first day to include" in err and "\n" not in err
