"""Bad rows never stop the app: every journal row that crashed or poisoned a
reader (issue 9, item 9) is set aside byte for byte, reported once, and the
rest of the history, new sessions included, carries on."""

from __future__ import annotations

import errno
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tinydb
from journal_steps import finish_session, record_drill, start_session

from backcoach.coach.history import build_view, session_rows
from backcoach.coach.safety import SafetyToday, today_state
from backcoach.content.library import default_library
from backcoach.reports.history_export import export_text
from backcoach.store import atomic as atomic_module
from backcoach.store.documents import CLOCK_NOTE
from backcoach.store.errors import JournalWriteError
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.model import DRILL_FIELDS, SESSION_FIELDS, session_problem
from backcoach.store.rows import SetAsideRow
from backcoach.store.schema import CURRENT_SCHEMA_VERSION
from backcoach.store.set_aside import SET_ASIDE_NAME, read_set_aside, write_set_aside
from backcoach.tui.history.detail import session_facts

TODAY = date(2026, 12, 1)


def good(doc_id: str = "good", **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": doc_id,
        "program": {"id": "p", "name": "P"},
        "started_at": "2026-11-30T08:00:00+01:00",
        "ended_at": "2026-11-30T08:20:00+01:00",
        "status": "completed",
        "demo": False,
        "speed": 1.0,
        "checkin_pain": 3,
        "final_pain": 2,
        "safety": {"answers": {"saddle_numbness": False}},
        "drills": [{"drill_id": "cat-camel", "status": "done", "active_seconds": 60.0, "gate_pain": 3}],
    }
    doc.update(fields)
    return doc


def row(**fields: Any) -> str:
    return json.dumps(good("bad", **fields))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


#: Each row that crashed or poisoned a reader before, as the bytes on disk.
BAD_ROWS: dict[str, tuple[str, str]] = {
    "started_at not ISO 8601 (today)": (row(started_at="1 December 2026, 8am"), "started_at: must be an ISO 8601"),
    "started_at not ISO 8601 (years ago)": (row(started_at="2019-13-45T99:00"), "started_at: must be an ISO 8601"),
    "naive year-1 date": (row(started_at="0001-01-01T00:00:00"), "started_at: must be an ISO 8601"),
    "ended_at not a time": (row(ended_at=12), "ended_at: must be an ISO 8601"),
    "safety a list": (row(safety=["saddle_numbness"]), "safety: must be a mapping"),
    "safety a string": (row(safety="none"), "safety: must be a mapping"),
    "safety answer a string": (row(safety={"answers": {"trauma": "no"}}), "safety.answers.trauma: must be true or false"),
    "active_seconds Infinity": (
        row().replace('"active_seconds": 60.0', '"active_seconds": Infinity'),
        "NaN or Infinity",
    ),
    "active_seconds NaN": (row().replace('"active_seconds": 60.0', '"active_seconds": NaN'), "NaN or Infinity"),
    "active_seconds 1e308": (
        row().replace('"active_seconds": 60.0', '"active_seconds": 1e308'),
        "drills[0].active_seconds: must be a number from 0 to 86400",
    ),
    "active_seconds 1e400 (reads as inf)": (
        row().replace('"active_seconds": 60.0', '"active_seconds": 1e400'),
        "drills[0].active_seconds: must be a number",
    ),
    "integer of 5,000 digits": (row().replace('"checkin_pain": 3', '"checkin_pain": ' + "7" * 5000), "number too long"),
    "900-level nesting": (row().replace('"demo": false', '"demo": false, "extra": ' + nested(900)), "nested too deeply"),
    "5,000-level nesting": (row().replace('"demo": false', '"demo": false, "extra": ' + nested(5000)), "nested too deeply"),
    "lone surrogate in a name": (row().replace('"name": "P"', '"name": "Back \\ud800 care"'), "program.name: holds text that is not valid Unicode"),
    "lone surrogate in a key": (row().replace('"demo"', '"\\udfff"'), "not valid Unicode"),
    "pain a boolean": (row(checkin_pain=True), "checkin_pain: must be a whole number from 0 to 10"),
    "pain out of range": (row(final_pain=11), "final_pain: must be a whole number from 0 to 10"),
    "demo a string": (row(demo="false"), "demo: must be true or false"),
    "drills not a list": (row(drills={"0": {}}), "drills: must be a list"),
    "a drill not a mapping": (row(drills=["cat-camel"]), "drills[0]: must be a mapping"),
    "program a string": (row(program="P"), "program: must be a mapping"),
    "no id": (json.dumps({k: v for k, v in good().items() if k != "id"}), "id: is missing"),
    "not an object": ('"just text"', "it is not a JSON object"),
    "bytes that are not UTF-8": (row(), "not valid Unicode"),  # bytes patched in below
}


def journal_bytes(rows: dict[str, bytes]) -> bytes:
    """A journal whose session table holds ``rows`` (doc id -> the row's own bytes)."""
    body = b",\n".join(json.dumps(doc_id).encode() + b": " + raw for doc_id, raw in rows.items())
    return b'{"meta": {"1": {"schema_version": %d}}, "sessions": {\n' % CURRENT_SCHEMA_VERSION + body + b"\n}}"


def bad_bytes(kind: str) -> bytes:
    raw = BAD_ROWS[kind][0].encode("utf-8", "surrogatepass")
    if kind == "bytes that are not UTF-8":
        raw = raw.replace(b'"P"', b'"P\xff\xfe"')
    return raw


def open_with(folder: Path, rows: dict[str, bytes]) -> tuple[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.json"
    raw = journal_bytes(rows)
    path.write_bytes(raw)
    return path, raw


@pytest.mark.parametrize("kind", sorted(BAD_ROWS))
def test_bad_row_is_set_aside_byte_for_byte_and_the_rest_goes_on(tmp_path: Path, kind: str) -> None:
    bad = bad_bytes(kind)
    good_row = json.dumps(good()).encode()
    path, _ = open_with(tmp_path / "data", {"1": good_row, "2": bad})
    side = path.parent / SET_ASIDE_NAME

    with Journal.open(path) as journal:
        [notice] = journal.notices
        sessions = journal.sessions()
        assert [s["id"] for s in sessions] == ["good"]
        # Everything that crashed on such a row now runs: the safety check at
        # session start, History's numbers and list, every export.
        assert today_state(sessions, TODAY).safety is SafetyToday.NEEDED
        view = build_view(sessions, TODAY, {"p": 3})
        assert view.summary.streak_line() and [r.minutes for r in session_rows(sessions)] == [1]
        for fmt in ("json", "csv", "md"):
            export_text(fmt, sessions, TODAY, library=default_library())
        # ...and new sessions save, whole journal rewrite included.
        sid = start_session(journal, {"program": {"id": "p", "name": "P"}})
        record_drill(journal, sid, {"drill_id": "cat-camel", "status": "done"})
        finish_session(journal, sid, "completed")

    assert notice == (
        f"1 session in your journal could not be used ({notice.split('(', 1)[1].split(');')[0]}); "
        f"it was moved, unchanged, to {side} and left out of your history."
    )
    assert BAD_ROWS[kind][1] in notice
    [kept] = read_set_aside(side)
    assert (kept.doc_id, kept.raw) == ("2", bad)
    assert bad in side.read_bytes()
    stored = tinydb.TinyDB(path, access_mode="r").table("sessions").all()
    assert [s["id"] for s in stored][0] == "good" and len(stored) == 2

    with Journal.open(path) as journal:  # told once: the row is no longer in the journal
        assert journal.notices == []
    assert [r.raw for r in read_set_aside(side)] == [bad]


def test_every_bad_row_at_once_is_one_notice(tmp_path: Path) -> None:
    rows = {str(n): bad_bytes(kind) for n, kind in enumerate(sorted(BAD_ROWS), start=2)}
    path, _ = open_with(tmp_path / "data", {"1": json.dumps(good()).encode(), **rows})
    with Journal.open(path) as journal:
        [notice] = journal.notices
        assert [s["id"] for s in journal.sessions()] == ["good"]
    assert notice.startswith(f"{len(rows)} sessions in your journal could not be used (")
    assert "they were moved, unchanged, to" in notice
    assert sorted(r.raw for r in read_set_aside(path.parent / SET_ASIDE_NAME)) == sorted(rows.values())


def test_a_document_number_used_twice_keeps_both(tmp_path: Path) -> None:
    first, second = json.dumps(good("first")).encode(), json.dumps(good("second")).encode()
    path, _ = open_with(tmp_path / "data", {"1": first})
    path.write_bytes(path.read_bytes().replace(b"\n}}", b',\n"1": ' + second + b"\n}}"))
    with Journal.open(path) as journal:
        assert [s["id"] for s in journal.sessions()] == ["second"]  # what JSON itself would keep
        [notice] = journal.notices
    assert "document number is used twice" in notice
    assert [r.raw for r in read_set_aside(path.parent / SET_ASIDE_NAME)] == [first]


def test_fields_from_later_versions_are_kept(tmp_path: Path) -> None:
    """Optional fields added later (or by hand) must never cost a session."""
    doc = good(
        leg_today="thigh",
        safety={"answers": {"trauma": False}, "levels": {"trauma": "doctor_soon"}, "background": {"age_onset": True}},
        future={"nested": [{"a": 1.5, "b": None, "c": "text"}]},
    )
    doc["drills"][0].update(leg_spread=True, replacement={"sets": 1, "reps": 6})
    path, _ = open_with(tmp_path / "data", {"1": json.dumps(doc).encode()})
    with Journal.open(path) as journal:
        assert journal.notices == []
        assert journal.sessions() == [doc]
    assert not (path.parent / SET_ASIDE_NAME).exists()


def test_model_is_one_table_and_the_documented_fields_are_in_it() -> None:
    assert set(SESSION_FIELDS) >= {
        "id", "program", "started_at", "ended_at", "status", "demo", "speed",
        "checkin_pain", "final_pain", "safety", "drills", "leg_today", "last_gate",
    }
    assert set(DRILL_FIELDS) == {
        "drill_id", "replaced_by", "planned", "status", "gate_pain", "gate_band",
        "difficulty", "active_seconds", "reps_done", "sets_done", "replacement_dose", "leg_spread", "adapted",
    }
    assert session_problem(good()) is None
    assert session_problem(good(started_at=None, ended_at=None, safety=None, checkin_pain=None)) is None


def test_side_file_keeps_earlier_rows_and_never_repeats_one(tmp_path: Path) -> None:
    side = tmp_path / SET_ASIDE_NAME
    first = SetAsideRow("1", b'{"id": 1}', "x")
    second = SetAsideRow("1", b"[\n 1,\n 2\n]", "y")  # same number, other bytes: both kept
    write_set_aside(side, [first])
    write_set_aside(side, [first, second])
    assert [(r.doc_id, r.raw) for r in read_set_aside(side)] == [("1", first.raw), ("1", second.raw)]


def test_a_side_file_that_is_not_one_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    side = tmp_path / SET_ASIDE_NAME
    side.write_bytes(b"notes I typed here")
    write_set_aside(side, [SetAsideRow("3", b"{}", "x")])
    [aside] = list(tmp_path.glob(f"{SET_ASIDE_NAME}.corrupt-*"))
    assert aside.read_bytes() == b"notes I typed here"
    assert [r.raw for r in read_set_aside(side)] == [b"{}"]


def test_side_file_that_cannot_be_written_leaves_the_journal_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, raw = open_with(tmp_path / "data", {"1": json.dumps(good()).encode(), "2": bad_bytes("safety a list")})

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.tempfile, "mkstemp", full)
    with pytest.raises(JournalWriteError, match=f"Could not save to {path.parent / SET_ASIDE_NAME}: No space"):
        Journal.open(path)
    assert path.read_bytes() == raw  # the row is still in the journal: nothing is lost
    monkeypatch.undo()
    with Journal.open(path) as journal:  # and the lock was released
        assert len(journal.notices) == 1


BAD_CURRENT = {
    "5,000-digit integer": b'{"id": "c", "drills": [], "checkin_pain": ' + b"9" * 5000 + b"}",
    "NaN": b'{"id": "c", "drills": [{"active_seconds": NaN}]}',
    "deep nesting": b'{"id": "c", "drills": [], "x": ' + nested(3000).encode() + b"}",
    "bad start time": b'{"id": "c", "drills": [], "started_at": "0001-01-01T00:00:00"}',
    "safety a list": b'{"id": "c", "drills": [], "safety": [true]}',
}


@pytest.mark.parametrize("kind", sorted(BAD_CURRENT))
def test_bad_unfinished_session_joins_the_side_file_byte_for_byte(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    current = folder / CURRENT_SESSION_NAME
    current.write_bytes(BAD_CURRENT[kind])
    with Journal.open(folder / "journal.json") as journal:
        [notice] = journal.notices
        assert journal.count() == 0
        start_session(journal, {"program": {"id": "p", "name": "P"}})  # and the next one saves
    side = folder / SET_ASIDE_NAME
    [kept] = read_set_aside(side)
    assert (kept.doc_id, kept.raw) == (CURRENT_SESSION_NAME, BAD_CURRENT[kind])
    assert notice.startswith(f"The unfinished session at {current} could not be used (")
    assert notice.endswith(f"it was moved, unchanged, to {side} and is not in your history.")


def test_unfinished_session_file_cut_short_is_moved_aside_whole(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / CURRENT_SESSION_NAME).write_bytes(BAD_CURRENT["NaN"][:-3])
    with Journal.open(folder / "journal.json") as journal:
        [notice] = journal.notices
    [aside] = list(folder.glob(f"{CURRENT_SESSION_NAME}.corrupt-*"))
    assert aside.read_bytes() == BAD_CURRENT["NaN"][:-3]
    assert "could not be read" in notice and not (folder / SET_ASIDE_NAME).exists()


def test_a_file_broken_partway_is_kept_whole_and_its_readable_rows_go_on(tmp_path: Path) -> None:
    """A typo or a cut: where that row ends cannot be known, so the file is
    moved aside whole, and the sessions before the break start the new journal."""
    first, second = json.dumps(good("first")).encode(), json.dumps(good("second")).encode()
    path, raw = open_with(tmp_path / "data", {"1": first, "2": second, "3": b'{"id": "typo", "status": completed}'})
    with Journal.open(path) as journal:
        [notice] = journal.notices
        assert [s["id"] for s in journal.sessions()] == ["first", "second"]
    [aside] = list(path.parent.glob("journal.json.corrupt-*"))
    assert aside.read_bytes() == raw
    assert notice == (
        f"The journal at {path} could not be read (invalid JSON at line 4 column 31); it was moved to "
        f"{aside} and a new one started with the 2 sessions read from it."
    )
    with Journal.open(path) as journal:  # the new journal is on disk, and fine
        assert journal.notices == [] and journal.count() == 2


# -- a clock set back ---------------------------------------------------------------


def test_session_that_ends_before_it_starts_is_stored_with_a_note(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "journal.json") as journal:
        sid = start_session(journal, {"program": {"id": "p", "name": "P"}, "started_at": "2026-11-30T08:00:00+01:00"})
        finished = finish_session(journal, sid, "completed", ended_at="2026-11-30T07:10:00+01:00")
        standalone = journal.record_standalone(
            good("alone", started_at="2026-11-30T09:00:00+00:00", ended_at="2026-11-30T09:30:00+01:00")
        )
        normal = journal.record_standalone(good("normal"))
        stored = {s["id"]: s for s in journal.sessions()}
    assert finished["clock_note"] == CLOCK_NOTE == stored[finished["id"]]["clock_note"]
    assert stored[standalone]["clock_note"] == CLOCK_NOTE  # 09:30+01:00 is 08:30 UTC, before 09:00 UTC
    assert "clock_note" not in stored[normal]
    facts = session_facts(stored[finished["id"]])
    assert f"Note        {CLOCK_NOTE}" in facts
    assert not any("-" in line.split("ended")[-1] for line in facts if line.startswith("Started"))


def test_older_rows_that_end_before_they_start_show_the_note_too() -> None:
    row = good(started_at="2026-11-30T08:00:00+01:00", ended_at="2026-11-30T07:10:00+01:00")
    assert f"Note        {CLOCK_NOTE}" in session_facts(row)
    assert not any(line.startswith("Note") for line in session_facts(good()))


def test_unfinished_session_filed_with_an_earlier_clock_gets_the_note(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    doc = good("later", started_at="2999-01-01T08:00:00+00:00", status="running", ended_at=None)
    (folder / CURRENT_SESSION_NAME).write_text(json.dumps(doc))
    with Journal.open(folder / "journal.json") as journal:
        [session] = journal.sessions()
    assert session["status"] == "interrupted"
    assert session["clock_note"] == CLOCK_NOTE  # the file's mtime (now) is before 2999
