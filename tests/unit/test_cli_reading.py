"""Reading commands write nothing, and report and export set-aside rows as stored."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from factories import session_doc
from journal_steps import start_session
from test_cli import (
    QUICK_START,
    assert_one_line_error,
    data_dir as data_dir,  # the autouse fixture, reused here
    folder_state,
    run,
)

from backcoach import cli
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.schema import CURRENT_SCHEMA_VERSION
from backcoach.store.set_aside import SET_ASIDE_NAME

#: One session that fits the model (the shared factory's shape).
GOOD = session_doc(
    "good",
    datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    minutes=10,
    program={"id": "quick-start", "name": "Quick start"},
)
#: Two rows the model refuses: one with bytes that are not UTF-8, one with NaN.
BAD_ROWS = (
    b'{"id": "b1", "program": {"id": "p", "name": "Caf\xe9"}, "started_at": "yesterday"}',
    b'{"id": "b2", "drills": [{"active_seconds": NaN}]}',
)


def write_journal(folder: Path, rows: list[bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    body = b",".join(f'"{n}":'.encode() + raw for n, raw in enumerate(rows, start=1))
    path = folder / "journal.json"
    path.write_bytes(b'{"meta":{"1":{"schema_version":%d}},"sessions":{' % CURRENT_SCHEMA_VERSION + body + b"}}")
    return path


READING_COMMANDS = [
    ["doctor"],
    ["history", "export", "--format", "json"],
    ["history", "export", "--format", "csv"],
    ["history", "export", "--format", "md"],
    ["history", "export", "--format", "md", "--since", "2026-01-01"],
    ["programs", "list"],
    ["programs", "show", "quick-start"],
    ["programs", "validate", str(QUICK_START)],
    ["drills", "list"],
    ["drills", "show", "cat-camel"],
    ["learn"],
    ["handout", "quick-start"],
    ["--version"],
]


@pytest.mark.parametrize("argv", READING_COMMANDS, ids=" ".join)
def test_reading_commands_create_nothing_in_an_empty_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code in (0, 2) and "Traceback" not in out + err
    assert not data_dir.exists()


@pytest.mark.parametrize("argv", READING_COMMANDS, ids=" ".join)
def test_reading_commands_change_nothing_in_a_used_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str]
) -> None:
    with Journal.open() as journal:  # a real folder: journal, lock, a set-aside row...
        journal.record_standalone(GOOD)
    write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[0]])
    Journal.open().close()
    write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[1]])  # ...one still pending
    (data_dir / CURRENT_SESSION_NAME).write_text(json.dumps(dict(GOOD, id="open", status="running")))
    before = folder_state(data_dir)
    code, out, err = run_bytes(capsys, *argv)
    assert code in (0, 2) and b"Traceback" not in out and "Traceback" not in err
    assert folder_state(data_dir) == before


def test_json_export_carries_set_aside_rows_byte_for_byte(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    journal = write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[0]])
    Journal.open(journal).close()  # the first is now in the side file
    write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[1]])  # the second not yet
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "history", "export", "--format", "json", "-o", str(target))
    assert code == 0
    data = target.read_bytes()
    for raw in BAD_ROWS:
        assert raw in data
    assert data.index(BAD_ROWS[0]) < data.index(BAD_ROWS[1])
    assert json.loads(data.replace(BAD_ROWS[0], b"1").replace(BAD_ROWS[1], b"2")) == [GOOD, 1, 2]
    lines = err.splitlines()
    assert lines[0] == f"note: 1 session set aside earlier is kept, unchanged, in {data_dir / SET_ASIDE_NAME}."
    assert lines[1].startswith(f"note: 1 session in {journal} cannot be used (it holds NaN or Infinity")
    assert lines[-1] == f"Wrote 3 sessions to {target}"

    # Standard output gets the very same bytes, even on a terminal that only
    # takes ASCII: an export is UTF-8 data, like the file -o writes.
    code, out, _ = run_bytes(capsys, "history", "export", "--format", "json", encoding="ascii")
    assert (code, out) == (0, data)


def run_bytes(capsys: pytest.CaptureFixture[str], *argv: str, encoding: str = "utf-8") -> tuple[int, bytes, str]:
    """Like ``run``, with standard output as bytes (capsys can only hold text)."""
    buffer = io.BytesIO()
    real = sys.stdout
    stream = sys.stdout = io.TextIOWrapper(buffer, encoding=encoding)
    try:
        code = cli.main(list(argv))
        stream.flush()
        out = buffer.getvalue()
    finally:
        sys.stdout = real
    return code, out, capsys.readouterr().err


def test_since_and_other_formats_leave_set_aside_rows_out(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[1]])
    code, out, _ = run(capsys, "history", "export", "--format", "json", "--since", "2026-01-01")
    assert (code, json.loads(out)) == (0, [GOOD])
    code, out, _ = run(capsys, "history", "export", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 2 and "b2" not in out
    code, out, _ = run(capsys, "history", "export", "--format", "md")
    assert code == 0 and "b2" not in out and "1 session" in out


def test_doctor_reports_set_aside_and_pending_rows(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    journal = write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[0]])
    Journal.open(journal).close()
    write_journal(data_dir, [json.dumps(GOOD).encode(), BAD_ROWS[1]])
    code, out, err = run(capsys, "doctor")
    assert (code, err) == (0, "")
    assert f"journal:       1 sessions in {journal}\n" in out
    assert f"journal:       note: 1 session set aside earlier is kept, unchanged, in {data_dir / SET_ASIDE_NAME}.\n" in out
    assert (
        f"journal:       note: 1 session in {journal} cannot be used (it holds NaN or Infinity, which are "
        f"not numbers); backcoach will move it, unchanged, to {data_dir / SET_ASIDE_NAME} when it next starts.\n"
    ) in out
    assert out.splitlines()[-1] == "all good"


def test_export_of_an_unusable_journal_is_one_sentence(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "journal.json").write_bytes(b"[1, 2]")
    code, out, err = run(capsys, "history", "export", "--format", "json")
    assert (code, out) == (2, "")
    assert assert_one_line_error(err) == (
        f"backcoach: the journal at {data_dir / 'journal.json'} cannot be read (it holds a JSON list, not a "
        "journal); it is left as it is, and backcoach moves it aside and starts a new one the next time it starts"
    )
    assert (data_dir / "journal.json").read_bytes() == b"[1, 2]"


def test_a_fifo_in_place_of_the_journal_does_not_hang_a_reading_command(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    os.mkfifo(data_dir / "journal.json")
    code, out, err = run(capsys, "history", "export", "--format", "csv")
    assert (code, out) == (2, "")
    assert "is a FIFO (named pipe), not a regular file" in assert_one_line_error(err)
    code, out, _ = run(capsys, "doctor")
    assert code == 2 and "journal:       PROBLEM:" in out


def test_doctor_on_a_journal_cut_short_says_what_the_app_will_keep(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    journal = write_journal(data_dir, [json.dumps(GOOD).encode(), json.dumps(dict(GOOD, id="two")).encode()])
    journal.write_bytes(journal.read_bytes()[:-20])  # the second row is cut
    code, out, _ = run(capsys, "doctor")
    assert code == 2
    assert "start a new one with the 1 session it can read from it when it next starts" in out
    with Journal.open() as opened:  # and that is what the app then does
        assert [s["id"] for s in opened.sessions()] == ["good"]


def test_export_includes_an_interrupted_session_as_the_app_will_file_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    write_journal(data_dir, [json.dumps(GOOD).encode()])
    left = dict(GOOD, id="left", status="running", ended_at=None, started_at="2026-03-03T08:00:00+00:00")
    (data_dir / CURRENT_SESSION_NAME).write_text(json.dumps(left))
    code, out, err = run(capsys, "history", "export", "--format", "json")
    assert code == 0
    exported = json.loads(out)
    assert [s["id"] for s in exported] == ["good", "left"]
    assert exported[1]["status"] == "interrupted" and exported[1]["ended_at"]
    assert err == (
        "note: the last session was interrupted; it is included as interrupted, and backcoach "
        "adds it to your history when it next starts.\n"
    )
    with Journal.open() as journal:  # which is what the app then files
        assert [s["id"] for s in journal.sessions()] == ["good", "left"]
        assert journal.session("left")["status"] == "interrupted"


def test_export_leaves_out_the_session_of_a_running_backcoach(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with Journal.open() as journal:
        journal.record_standalone(GOOD)
        start_session(journal, {"program": {"id": "p", "name": "P"}})
        code, out, err = run(capsys, "history", "export", "--format", "json")
    assert code == 0 and [s["id"] for s in json.loads(out)] == ["good"]
    assert err == "note: backcoach is running: the session in progress is not included until it ends.\n"
