"""``backcoach review FILE``: reading a patient's export (``store.export_read``) and the
command's answer to every kind of bad file: one sentence naming the file as given, exit 2."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from factories import drill_record, session_doc

from backcoach import cli
from backcoach.store.export import export_json, write_export
from backcoach.store.export_read import MAX_EXPORT_BYTES, ExportUnreadable, ReadOnlyReview, read_export
from backcoach.store.schema import fill_session_defaults

UK = timezone(timedelta(hours=1))


def sessions(count: int = 3) -> list[dict[str, Any]]:
    """``count`` sessions, one a day from 2 March 2026, as the journal stores them."""
    return [
        session_doc(f"s{n}", datetime(2026, 3, 2 + n, 8, 0, tzinfo=UK), drills=[drill_record("cat-camel")])
        for n in range(count)
    ]


def exported(tmp_path: Path, docs: list[dict[str, Any]], raw_rows: tuple[bytes, ...] = (), name: str = "anna.json") -> Path:
    """``docs`` written as ``history export --format json`` writes them (set-aside rows last)."""
    path = tmp_path / name
    write_export(path, export_json(docs, list(raw_rows)))
    return path


def review_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``backcoach review ARGS``; the one line it printed (exit 2 checked)."""
    assert cli.main(["review", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


# ---- reading -------------------------------------------------------------------------


def test_an_export_is_read_whole_oldest_first(tmp_path: Path) -> None:
    docs = sessions(3)
    path = exported(tmp_path, docs[::-1])  # any order in the file
    export = read_export(path, "anna.json")
    assert [s["id"] for s in export.sessions()] == ["s0", "s1", "s2"]
    assert export.sessions()[0] == fill_session_defaults(dict(docs[0]))  # as stored, fields of later versions added
    assert export.unreadable == 0 and export.broken_at is None
    assert export.notices == [] and export.short_note == ""


def test_rows_that_cannot_be_read_are_left_out_and_counted(tmp_path: Path) -> None:
    docs = sessions(3)
    bad_schema = dict(docs[0], id="bad-pain", checkin_pain="very high")
    twin = dict(docs[1])  # the same id twice: the second is left out
    path = exported(tmp_path, [*docs, bad_schema, twin], raw_rows=(b'{"id": "nan", "final_pain": NaN}',))
    export = read_export(path, "anna.json")
    assert [s["id"] for s in export.sessions()] == ["s0", "s1", "s2"]
    assert export.unreadable == 3
    assert export.short_note == "3 rows could not be read"
    assert export.notices == ["anna.json: 3 rows could not be read; 3 sessions shown, the rest left out."]


def test_one_bad_row_is_one_row(tmp_path: Path) -> None:
    path = exported(tmp_path, [*sessions(2), {"id": 7}])
    assert read_export(path, "a.json").short_note == "1 row could not be read"


def test_a_set_aside_row_that_is_not_json_ends_the_reading_but_keeps_what_came_before(tmp_path: Path) -> None:
    # The export writes set-aside rows byte for byte: broken quoting and bytes that are not UTF-8 included.
    path = exported(tmp_path, sessions(2), raw_rows=(b'{"id": "x", "note": "\xff"}', b'{"id": "y", "no'))
    export = read_export(path, "anna.json")
    assert [s["id"] for s in export.sessions()] == ["s0", "s1"]
    assert export.unreadable == 1  # the row with a byte that is not UTF-8
    assert export.broken_at is not None and export.broken_at.startswith("line ")
    assert export.short_note.startswith("1 row could not be read, the file breaks off at line ")


def test_missing_fields_of_older_exports_are_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps([{"id": "old", "started_at": "2025-01-02T08:00:00+00:00", "status": "completed"}]))
    (doc,) = read_export(path).sessions()
    assert doc["drills"] == [] and doc["demo"] is False and doc["checkin_pain"] is None


def test_a_review_refuses_to_save(tmp_path: Path) -> None:
    export = read_export(exported(tmp_path, sessions(1)), "anna.json")
    with pytest.raises(ReadOnlyReview, match="read-only review of anna.json"):
        export.save_session(sessions(1)[0])


# ---- bad files: one sentence, exit 2 ------------------------------------------------------


def test_a_file_that_is_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(tmp_path)
    assert review_error(capsys, "anna.json") == "backcoach: cannot review anna.json: there is no such file."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it is not JSON (line 1 column 1)"),
        (b"name,pain\nanna,3\n", "it is not JSON (line 1 column 1)"),
        (b'[{"id": "s1",', "it is not JSON (line 1 column 14)"),
        (b'{"id": "s1"}', "it holds a JSON object, not a list of sessions"),
        (b'{"sessions": {"1": {"id": "s1"}}, "meta": {}}', "it is a backcoach journal (journal.json), not an export"),
        (b"42", "it holds a number, not a list of sessions"),
        (b'"hello"', "it holds a string, not a list of sessions"),
    ],
    ids=["empty", "csv", "cut-short", "object", "journal", "number", "string"],
)
def test_a_file_that_is_not_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    path = tmp_path / "anna.json"
    path.write_bytes(content)
    hint = "give the file that 'backcoach history export --format json' writes."
    assert review_error(capsys, str(path)) == f"backcoach: cannot review {path}: {reason}; {hint}"


def test_an_export_without_sessions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(tmp_path, [])
    assert review_error(capsys, str(path)) == f"backcoach: cannot review {path}: it holds no sessions."


def test_an_export_where_no_row_can_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported(tmp_path, [{"id": 1}, {"id": "x", "drills": "none"}])
    assert review_error(capsys, str(path)) == (
        f"backcoach: cannot review {path}: none of its rows could be read as a session (2 rows could not be read)."
    )


def test_files_that_are_not_regular_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = exported(tmp_path, sessions(1), name="real.json")
    (tmp_path / "link.json").symlink_to(real)
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "folder.json").mkdir()
    os.chdir(tmp_path)
    assert review_error(capsys, "link.json") == (
        "backcoach: cannot review link.json: it is a symbolic link, not a regular file."
    )
    # A FIFO never blocks the command: it is refused before anything waits on it.
    assert review_error(capsys, "pipe.json") == (
        "backcoach: cannot review pipe.json: it is a FIFO (named pipe), not a regular file."
    )
    assert review_error(capsys, "folder.json") == "backcoach: cannot review folder.json: it is a folder, not a regular file."


def test_a_file_too_large_to_be_an_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_EXPORT_BYTES + 1)  # sparse: nothing is written, and nothing need be read
    assert review_error(capsys, str(path)) == f"backcoach: cannot review {path}: it is larger than 64 MB, which no export is."
    with pytest.raises(ExportUnreadable):
        read_export(path)


def test_two_files_of_one_name_are_told_apart_by_the_path_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("week1", "week2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "anna.json").write_text("{}")
    os.chdir(tmp_path)
    assert "cannot review week2/anna.json:" in review_error(capsys, "week2/anna.json")
    assert "cannot review week1/anna.json:" in review_error(capsys, "week1/anna.json")


def test_a_good_file_still_needs_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file is checked first (so a bad one is told as such anywhere); the app itself needs a terminal."""
    path = exported(tmp_path, sessions(1))
    line = review_error(capsys, str(path))
    assert line.startswith("backcoach: the app needs a terminal")
