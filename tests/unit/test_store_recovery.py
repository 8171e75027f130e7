"""Recovery and schema: unreadable journals are kept, old ones upgraded, unfinished sessions filed."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
import tinydb
from journal_steps import finish_session, record_drill, start_session

from backcoach.store import atomic as atomic_module
from backcoach.store.errors import JournalWriteError, StoreError
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.schema import CURRENT_SCHEMA_VERSION, migrate
from backcoach.store.timefmt import now_iso


def plain_tables(path: Path) -> dict:
    db = tinydb.TinyDB(path, access_mode="r")
    try:
        return {name: db.table(name).all() for name in db.tables()}
    finally:
        db.close()


def write_journal(folder: Path, raw: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.json"
    path.write_bytes(raw)
    return path


VALID_SESSION = {
    "id": "s1",
    "program": {"id": "p", "name": "P"},
    "started_at": "2025-01-01T08:00:00+00:00",
    "ended_at": "2025-01-01T08:20:00+00:00",
    "status": "completed",
    "demo": False,
    "speed": 1.0,
    "checkin_pain": 2,
    "leg_today": "none",
    "followup": None,
    "final_pain": 1,
    "safety": {"answers": {}, "waived": {}, "levels": {}, "outcome": "clear", "background": None},
    "last_gate": None,
    "drills": [],
}
GOOD = json.dumps(
    {"meta": {"1": {"schema_version": CURRENT_SCHEMA_VERSION}}, "sessions": {"1": VALID_SESSION}}
).encode()

BROKEN = {
    "truncated": (GOOD[: len(GOOD) // 2], "invalid JSON at line 1 column"),
    "garbage": (b"\x00\x17\xffnot json at all", "not UTF-8 text"),
    "whitespace": (b"   \n", "invalid JSON at line 2 column 1"),
    "text garbage": (b"hello world", "invalid JSON at line 1 column 1"),
    "list": (b"[1, 2, 3]", "holds a JSON list, not a journal"),
    "table not object": (b'{"sessions": [1, 2]}', '"sessions" table is a JSON list'),
    # In the sessions table these are single rows, set aside on their own
    # (see test_store_rows.py); in any other table the file is unusable.
    "bad doc id": (b'{"meta": {"one": {}}}', 'document id "one" that is not a number'),
    "doc not object": (b'{"meta": {"1": 5}}', "document 1 of its \"meta\" table"),
    "bad version": (b'{"meta": {"1": {"schema_version": "two"}}}', "schema_version is not a whole number"),
    "newer schema": (
        json.dumps({"meta": {"1": {"schema_version": CURRENT_SCHEMA_VERSION + 4}}, "sessions": {"1": VALID_SESSION}}).encode(),
        f"newer backcoach (schema version {CURRENT_SCHEMA_VERSION + 4}",
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_unreadable_journal_is_moved_aside_byte_for_byte(tmp_path: Path, kind: str) -> None:
    raw, reason = BROKEN[kind]
    path = write_journal(tmp_path / "data", raw)

    with Journal.open(path) as journal:
        assert journal.count() == 0
        [notice] = journal.notices

    [aside] = list(path.parent.glob("journal.json.corrupt-*"))
    assert aside.read_bytes() == raw
    assert notice.startswith(f"The journal at {path} could not be read (")
    assert reason in notice
    assert notice.endswith(f"it was moved to {aside} and a new one started.")
    assert plain_tables(path)["meta"] == [{"schema_version": CURRENT_SCHEMA_VERSION}]


def test_corrupt_names_are_never_reused(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "data", b"first")
    Journal.open(path).close()
    path.write_bytes(b"second")
    Journal.open(path).close()
    path.write_bytes(b"third")
    Journal.open(path).close()
    asides = sorted(path.parent.glob("journal.json.corrupt-*"))
    assert sorted(p.read_bytes() for p in asides) == [b"first", b"second", b"third"]


def test_zero_byte_journal_is_just_empty(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "data", b"")
    with Journal.open(path) as journal:
        assert journal.notices == []
        journal.record_standalone({"program": {"id": "p", "name": "P"}, "status": "completed"})
    assert list(path.parent.glob("*.corrupt-*")) == []
    assert len(plain_tables(path)["sessions"]) == 1


def test_valid_journal_is_untouched_on_open(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "data", GOOD)
    with Journal.open(path) as journal:
        assert journal.notices == []
        assert journal.sessions() == [VALID_SESSION]
    assert path.read_bytes() == GOOD


def test_plain_tinydb_file_is_adopted(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "journal.json"
    with tinydb.TinyDB(path) as db:
        db.table("sessions").insert(VALID_SESSION)
    with Journal.open(path) as journal:
        assert journal.sessions() == [VALID_SESSION]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_migration_from_version_0_fills_defaults(tmp_path: Path) -> None:
    old_session = {
        "id": "old",
        "program": {"id": "p", "name": "P"},
        "started_at": "2024-06-01T08:00:00+02:00",
        "ended_at": "2024-06-01T08:30:00+02:00",
        "status": "completed",
        "drills": [{"drill_id": "cat-cow", "status": "done"}],
    }
    raw = json.dumps({"sessions": {"1": old_session}}).encode()  # no meta table: version 0
    path = write_journal(tmp_path / "data", raw)

    with Journal.open(path) as journal:
        [session] = journal.sessions()
        assert journal.notices == []

    tables = plain_tables(path)
    assert tables["meta"] == [{"schema_version": CURRENT_SCHEMA_VERSION}]
    [stored] = tables["sessions"]
    assert stored == session
    assert stored["demo"] is False
    assert stored["speed"] == 1.0
    assert stored["safety"]["answers"] == {} and stored["safety"]["outcome"] == "clear"
    assert stored["checkin_pain"] is None and stored["final_pain"] is None
    assert stored["leg_today"] is None and stored["last_gate"] is None
    assert stored["drills"][0]["leg_spread"] is False
    assert stored["drills"][0]["replacement_dose"] is None
    assert stored["drills"][0]["adapted"] is None
    assert stored["drills"][0]["drill_id"] == "cat-cow"
    [backup] = list(path.parent.glob("journal.json.schema-v0-*"))
    assert backup.read_bytes() == raw


V1_SAFETY_TABLE = [
    # (CLINICAL.md 1b rule, version-1 answers, levels, outcome)
    ("no yes: clear", {"saddle_numbness": False, "night_pain": False}, {}, "clear"),
    ("saddle numbness: emergency", {"saddle_numbness": True}, {"saddle_numbness": "emergency"}, "emergency"),
    ("old trauma item: the more urgent level", {"trauma": True}, {"trauma": "emergency"}, "emergency"),
    ("old unwell item: doctor today", {"unwell": True}, {"unwell": "doctor_today"}, "doctor_today"),
    ("night pain: doctor soon", {"night_pain": True}, {"night_pain": "doctor_soon"}, "doctor_soon"),
    (
        "most urgent decides",
        {"night_pain": True, "unwell": True},
        {"night_pain": "doctor_soon", "unwell": "doctor_today"},
        "doctor_today",
    ),
]


@pytest.mark.parametrize("rule, answers, levels, outcome", V1_SAFETY_TABLE)
def test_migration_from_version_1_grades_old_safety_answers(
    tmp_path: Path, rule: str, answers: dict, levels: dict, outcome: str
) -> None:
    old = {
        "id": "v1",
        "program": {"id": "p", "name": "P"},
        "started_at": "2025-06-01T08:00:00+02:00",
        "ended_at": "2025-06-01T08:30:00+02:00",
        "status": "stopped_safety" if any(answers.values()) else "completed",
        "demo": False,
        "speed": 1.0,
        "checkin_pain": 3,
        "final_pain": 2,
        "safety": {"answers": answers},
        "drills": [{"drill_id": "cat-camel", "status": "done", "replaced_by": None}],
    }
    raw = json.dumps({"meta": {"1": {"schema_version": 1}}, "sessions": {"1": old}}).encode()
    path = write_journal(tmp_path / "data", raw)
    with Journal.open(path) as journal:
        [session] = journal.sessions()
    assert session["safety"]["answers"] == answers, rule
    assert session["safety"]["levels"] == levels, rule
    assert session["safety"]["outcome"] == outcome, rule
    assert session["drills"][0]["leg_spread"] is False
    assert session["leg_today"] is None
    # The version-1 file is kept beside the upgraded one.
    assert list(path.parent.glob("journal.json.schema-v1*"))


def test_migration_from_version_3_marks_old_drills_as_not_adapted(tmp_path: Path) -> None:
    """Version 4 adds ``drills[].adapted``; a version-3 session followed its program as written."""
    old = {
        "id": "v3",
        "program": {"id": "p", "name": "P"},
        "started_at": "2026-06-01T08:00:00+02:00",
        "ended_at": "2026-06-01T08:30:00+02:00",
        "status": "completed",
        "followup": {"compared": "same", "hours_since": 24.0},
        "drills": [{"drill_id": "cat-camel", "status": "done", "replacement_dose": None, "leg_spread": False}],
    }
    raw = json.dumps({"meta": {"1": {"schema_version": 3}}, "sessions": {"1": old}}).encode()
    path = write_journal(tmp_path / "data", raw)
    with Journal.open(path) as journal:
        [session] = journal.sessions()
    assert session["drills"][0]["adapted"] is None
    assert session["followup"] == {"compared": "same", "hours_since": 24.0}
    assert plain_tables(path)["meta"] == [{"schema_version": 4}]
    assert list(path.parent.glob("journal.json.schema-v3*"))


def test_migrate_runs_every_step_in_order() -> None:
    calls: list[int] = []

    def step(version: int):
        def run(data: dict) -> None:
            calls.append(version)
            data.setdefault("log", {})[str(version + 1)] = {"from": version}

        return run

    data: dict = {"meta": {"1": {"schema_version": 1}}}
    assert migrate(data, migrations={1: step(1), 2: step(2)}, target=3) == (1, 3)
    assert calls == [1, 2]
    assert data["meta"] == {"1": {"schema_version": 3}}

    with pytest.raises(StoreError, match="no way to upgrade a version 0"):
        migrate({}, migrations={}, target=1)


def _leave_unfinished_session(path: Path, drills: int) -> str:
    journal = Journal.open(path)
    session_id = start_session(journal, {"program": {"id": "p", "name": "Morning mobility"}})
    for n in range(drills):
        record_drill(journal, session_id, {"drill_id": f"d{n}", "status": "done", "reps_done": n})
    journal.close()  # as if the process died: nothing finished it
    return session_id


def test_interrupted_session_is_filed_with_its_drills(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.json"
    session_id = _leave_unfinished_session(path, drills=3)
    current = path.parent / CURRENT_SESSION_NAME
    mtime = current.stat().st_mtime

    with Journal.open(path) as journal:
        [notice] = journal.notices
        session = journal.session(session_id)
    assert not current.exists()
    assert session["status"] == "interrupted"
    assert [d["drill_id"] for d in session["drills"]] == ["d0", "d1", "d2"]
    assert abs(datetime.fromisoformat(session["ended_at"]).timestamp() - mtime) < 1.0
    assert notice.startswith("Your last session, Morning mobility, started ")
    assert notice.endswith("was interrupted; it is kept in your history as interrupted.")
    assert plain_tables(path)["sessions"][0]["status"] == "interrupted"


def test_interrupted_session_with_no_drills_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.json"
    session_id = _leave_unfinished_session(path, drills=0)
    with Journal.open(path) as journal:
        assert journal.session(session_id)["drills"] == []


def test_finished_but_unfiled_session_keeps_its_status(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.json"
    path.parent.mkdir()
    doc = dict(VALID_SESSION, id="done-1", status="ended_early")
    (path.parent / CURRENT_SESSION_NAME).write_text(json.dumps(doc))
    with Journal.open(path) as journal:
        assert journal.notices == []
        assert journal.session("done-1") == doc


def test_already_filed_session_is_not_duplicated(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "data", GOOD)
    (path.parent / CURRENT_SESSION_NAME).write_text(json.dumps(dict(VALID_SESSION, status="running")))
    with Journal.open(path) as journal:
        assert journal.count() == 1
        assert journal.notices == []
    assert not (path.parent / CURRENT_SESSION_NAME).exists()


def test_unreadable_session_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.json"
    path.parent.mkdir()
    current = path.parent / CURRENT_SESSION_NAME
    current.write_bytes(b'{"id": "x", "drills": [')
    with Journal.open(path) as journal:
        [notice] = journal.notices
        assert journal.count() == 0
    [aside] = list(path.parent.glob(f"{CURRENT_SESSION_NAME}.corrupt-*"))
    assert aside.read_bytes() == b'{"id": "x", "drills": ['
    assert notice.startswith(f"The unfinished session at {current} could not be read (invalid JSON")


def test_stale_temp_files_are_swept_on_open(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "data", GOOD)
    stale = path.parent / ".journal.json.abc123.tmp"
    stale.write_bytes(b"half a journal")
    Journal.open(path).close()
    assert not stale.exists()
    assert path.read_bytes() == GOOD


def test_filing_failure_on_open_keeps_the_session_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "journal.json"
    session_id = _leave_unfinished_session(path, drills=2)
    current = path.parent / CURRENT_SESSION_NAME
    before = current.read_bytes()

    def read_only(*args: object, **kwargs: object):
        raise OSError(errno.EROFS, "Read-only file system")

    with monkeypatch.context() as patch:
        patch.setattr(atomic_module.tempfile, "mkstemp", read_only)
        with pytest.raises(JournalWriteError, match="Read-only file system"):
            Journal.open(path)
    assert current.read_bytes() == before
    with Journal.open(path) as journal:  # the lock was released, and the session still arrives
        assert journal.session(session_id)["status"] == "interrupted"


def test_write_error_message_is_one_clear_statement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(tmp_path / "journal.json") as journal:
        session_id = start_session(journal, {"program": {"id": "p", "name": "P"}})

        def read_only(*args: object, **kwargs: object):
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(atomic_module.tempfile, "mkstemp", read_only)
        with pytest.raises(JournalWriteError) as caught:
            record_drill(journal, session_id, {"drill_id": "x"})
        assert str(caught.value) == (
            f"Could not save to {tmp_path / CURRENT_SESSION_NAME}: Read-only file system. "
            "Your session continues; what is not saved yet is kept and tried again at the next drill, "
            "on the home screen and when you quit."
        )
        assert "Traceback" not in str(caught.value)
        monkeypatch.undo()
        finish_session(journal, session_id, "completed", now_iso(), None)
    assert sorted(os.listdir(tmp_path)) == ["journal.json", "journal.lock"]
