"""Journal API: sessions in progress, filing, lock, write failures, file modes."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import tinydb
from journal_steps import finish_session, record_drill, start_session, update_session

from backcoach.store import atomic as atomic_module
from backcoach.store.errors import (
    JournalLocked,
    JournalWriteError,
    SessionStateError,
    StoreWriteError,
)
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.schema import CURRENT_SCHEMA_VERSION
from backcoach.store.timefmt import now_iso

REPO = Path(__file__).resolve().parents[2]


def session_doc(**overrides: object) -> dict:
    doc = {
        "program": {"id": "gentle-start", "name": "Gentle start"},
        "demo": False,
        "speed": 1.0,
        "checkin_pain": 3,
        "safety": {"answers": {"saddle_numbness": False, "bladder_bowel": False}},
    }
    doc.update(overrides)
    return doc


def drill_doc(n: int) -> dict:
    return {
        "drill_id": f"drill-{n}",
        "replaced_by": None,
        "planned": {"sets": 2, "reps": 8},
        "status": "done",
        "gate_pain": 2,
        "gate_band": "green",
        "difficulty": "about_right",
        "active_seconds": 61.5,
        "reps_done": 8,
        "sets_done": 2,
    }


def plain_tables(path: Path) -> dict:
    """What TinyDB's default JSONStorage sees in the file."""
    db = tinydb.TinyDB(path, access_mode="r")
    try:
        return {name: db.table(name).all() for name in db.tables()}
    finally:
        db.close()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.json"


@pytest.fixture
def journal(journal_path: Path):
    with Journal.open(journal_path) as opened:
        yield opened


def test_fresh_journal_has_schema_and_private_modes(journal: Journal, journal_path: Path) -> None:
    folder = journal_path.parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "journal.lock").stat().st_mode) == 0o600
    assert plain_tables(journal_path)["meta"] == [{"schema_version": CURRENT_SCHEMA_VERSION}]
    assert journal.notices == []
    assert journal.count() == 0


def test_full_session_round_trip(journal: Journal, journal_path: Path) -> None:
    session_id = start_session(journal, session_doc())
    current_file = journal_path.parent / CURRENT_SESSION_NAME
    assert stat.S_IMODE(current_file.stat().st_mode) == 0o600
    assert json.loads(current_file.read_text())["status"] == "running"

    for n in range(3):
        record_drill(journal, session_id, drill_doc(n))
        on_disk = json.loads(current_file.read_text())
        assert [d["drill_id"] for d in on_disk["drills"]] == [f"drill-{i}" for i in range(n + 1)]
    update_session(journal, session_id, checkin_pain=4)

    finished = finish_session(journal, session_id, "completed", now_iso(), final_pain=2)
    assert not current_file.exists()
    assert finished["id"] == session_id
    assert finished["status"] == "completed"
    assert finished["checkin_pain"] == 4
    assert finished["final_pain"] == 2

    [stored] = plain_tables(journal_path)["sessions"]
    assert stored == finished
    assert journal.session(session_id) == finished
    assert journal.sessions() == [finished]
    assert list(stored)[:5] == ["id", "program", "started_at", "ended_at", "status"]


def test_current_session_is_a_copy_of_the_session_in_progress(journal: Journal) -> None:
    assert journal.current_session() is None
    session_id = start_session(journal, session_doc(id="given-id"))
    assert session_id == "given-id"
    record_drill(journal, session_id, drill_doc(1))
    current = journal.current_session()
    assert current["status"] == "running" and current["ended_at"] is None
    current["drills"].clear()
    assert len(journal.current_session()["drills"]) == 1
    finish_session(journal, session_id, "completed", now_iso(), 1)
    assert journal.current_session() is None


def test_no_temp_files_left_behind(journal: Journal, journal_path: Path) -> None:
    session_id = start_session(journal, session_doc())
    for n in range(5):
        record_drill(journal, session_id, drill_doc(n))
    finish_session(journal, session_id, "ended_early", now_iso(), None)
    leftovers = [p.name for p in journal_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.json", "journal.lock"]


def test_returned_documents_are_copies(journal: Journal) -> None:
    session_id = start_session(journal, session_doc())
    record_drill(journal, session_id, drill_doc(1))
    finish_session(journal, session_id, "completed", now_iso(), 1)
    journal.sessions()[0]["drills"].clear()
    journal.session(session_id)["program"]["name"] = "changed"
    again = journal.session(session_id)
    assert len(again["drills"]) == 1
    assert again["program"]["name"] == "Gentle start"


def test_status_is_validated(journal: Journal) -> None:
    session_id = start_session(journal, session_doc())
    with pytest.raises(ValueError, match="Unknown session status"):
        finish_session(journal, session_id, "done", now_iso(), None)
    with pytest.raises(ValueError):
        journal.record_standalone(session_doc(status="running"))


def test_session_order_errors(journal: Journal) -> None:
    with pytest.raises(SessionStateError):
        record_drill(journal, "nobody", drill_doc(1))
    with pytest.raises(SessionStateError):
        finish_session(journal, "nobody", "completed", now_iso(), None)
    session_id = start_session(journal, session_doc())
    with pytest.raises(SessionStateError):
        start_session(journal, session_doc())
    with pytest.raises(ValueError):
        update_session(journal, session_id, drills=[])


def test_safety_stop_with_no_drills(journal: Journal, journal_path: Path) -> None:
    answers = {"saddle_numbness": True, "bladder_bowel": False}
    session_id = journal.record_standalone(
        session_doc(status="stopped_safety", safety={"answers": answers})
    )
    [stored] = plain_tables(journal_path)["sessions"]
    assert stored["id"] == session_id
    assert stored["status"] == "stopped_safety"
    assert stored["drills"] == []
    assert stored["safety"]["answers"] == answers
    assert stored["ended_at"]
    with pytest.raises(ValueError, match="already in the journal"):
        journal.record_standalone(session_doc(id=session_id, status="completed"))


def test_sessions_sorted_by_instant_and_demo_filter(journal: Journal) -> None:
    # 08:30+02:00 is 06:30 UTC, earlier than 07:00+00:00, though it sorts later as text.
    journal.record_standalone(session_doc(id="b", started_at="2025-01-02T07:00:00+00:00", status="completed"))
    journal.record_standalone(session_doc(id="a", started_at="2025-01-02T08:30:00+02:00", status="completed"))
    journal.record_standalone(
        session_doc(id="demo", started_at="2025-01-03T08:00:00+00:00", status="completed", demo=True, speed=10.0)
    )
    assert [s["id"] for s in journal.sessions()] == ["a", "b", "demo"]
    assert [s["id"] for s in journal.sessions(include_demo=False)] == ["a", "b"]
    assert journal.count() == 3
    assert journal.count(include_demo=False) == 2


def test_last_safety_check(journal: Journal) -> None:
    journal.record_standalone(
        session_doc(id="morning", started_at="2025-03-04T07:00:00+01:00", status="completed")
    )
    journal.record_standalone(
        session_doc(id="later", started_at="2025-03-04T18:00:00+01:00", status="completed", safety={"answers": {}})
    )
    assert journal.last_safety_check(date(2025, 3, 4))["id"] == "morning"
    assert journal.last_safety_check(date(2025, 3, 5)) is None


def test_second_open_in_same_process_is_refused(journal: Journal, journal_path: Path) -> None:
    with pytest.raises(JournalLocked) as caught:
        Journal.open(journal_path)
    message = str(caught.value)
    assert message == (
        f"Another backcoach (process {os.getpid()}) is already using {journal_path.parent}; "
        "close it first (or use --data-dir to point at a different folder)."
    )


def test_second_open_from_another_process_is_refused(journal: Journal, journal_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from backcoach.store.journal import Journal\n"
        "from backcoach.store.errors import JournalLocked\n"
        "try:\n"
        "    Journal.open(Path(sys.argv[1]))\n"
        "except JournalLocked as e:\n"
        "    print(e)\n"
        "    sys.exit(3)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", code, str(journal_path)], capture_output=True, text=True, env=env, timeout=30
    )
    assert result.returncode == 3, result.stderr
    assert result.stdout.strip() == (
        f"Another backcoach (process {os.getpid()}) is already using {journal_path.parent}; "
        "close it first (or use --data-dir to point at a different folder)."
    )


def test_lock_released_on_close(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    with Journal.open(journal_path) as again:
        assert again.count() == 0


def test_locked_message_without_pid(tmp_path: Path) -> None:
    assert str(JournalLocked(tmp_path)) == (
        f"Another backcoach is already using {tmp_path}; close it first "
        "(or use --data-dir to point at a different folder)."
    )


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "replace", no_space)


def test_disk_full_during_drill_keeps_session_going(
    journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = start_session(journal, session_doc())
    record_drill(journal, session_id, drill_doc(1))
    current_file = journal_path.parent / CURRENT_SESSION_NAME
    before = current_file.read_bytes()

    with monkeypatch.context() as patch:
        _fail_replace(patch)
        with pytest.raises(JournalWriteError) as caught:
            record_drill(journal, session_id, drill_doc(2))
    assert str(caught.value).startswith(f"Could not save to {current_file}: No space left on device. ")
    assert "Your session continues" in str(caught.value)
    assert isinstance(caught.value, OSError)
    assert caught.value.errno == errno.ENOSPC
    assert current_file.read_bytes() == before  # what was saved is intact
    assert [p for p in current_file.parent.iterdir() if p.name.endswith(".tmp")] == []
    # All or nothing: memory holds what the disk holds, so the same call can be retried.
    assert [d["drill_id"] for d in journal.current_session()["drills"]] == ["drill-1"]

    record_drill(journal, session_id, drill_doc(2))  # disk is back: the retry saves it once
    record_drill(journal, session_id, drill_doc(3))
    saved = json.loads(current_file.read_text())
    assert [d["drill_id"] for d in saved["drills"]] == ["drill-1", "drill-2", "drill-3"]


def test_disk_full_when_filing_keeps_journal_and_session(
    journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.record_standalone(session_doc(id="old", status="completed"))
    before = journal_path.read_bytes()
    session_id = start_session(journal, session_doc())
    record_drill(journal, session_id, drill_doc(1))

    real_replace = os.replace

    def journal_full(src: object, dst: object) -> None:
        if Path(dst).name == "journal.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(atomic_module.os, "replace", journal_full)
        with pytest.raises(StoreWriteError, match="next time backcoach starts"):
            finish_session(journal, session_id, "completed", now_iso(), 1)
        assert journal_path.read_bytes() == before
        assert [s["id"] for s in journal.sessions()] == ["old"]  # memory agrees with disk
        pending = json.loads((journal_path.parent / CURRENT_SESSION_NAME).read_text())
        assert pending["status"] == "completed"

    # Retrying works once there is space again.
    finish_session(journal, session_id, "completed", now_iso(), 1)
    assert {s["id"] for s in journal.sessions()} == {"old", session_id}


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_gives_clear_error(journal: Journal, journal_path: Path) -> None:
    session_id = start_session(journal, session_doc())
    os.chmod(journal_path.parent, 0o500)
    try:
        with pytest.raises(JournalWriteError, match="Could not save to .*Permission denied"):
            record_drill(journal, session_id, drill_doc(1))
    finally:
        os.chmod(journal_path.parent, 0o700)


def test_open_uses_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backcoach import paths

    monkeypatch.setattr(paths, "_data_dir_override", tmp_path / "elsewhere")
    with Journal.open() as journal:
        assert journal.path == tmp_path / "elsewhere" / "journal.json"
    assert (tmp_path / "elsewhere" / "journal.json").exists()


def test_importing_store_does_not_import_textual_or_tinydb() -> None:
    code = (
        "import sys, backcoach.store\n"
        "from backcoach.store.export import export_csv\n"
        "from backcoach.store.settings import Settings\n"
        "from backcoach.store.timefmt import now_iso\n"
        "print('textual' in sys.modules, 'tinydb' in sys.modules)\n"
        "from backcoach.store.journal import Journal\n"
        "print('textual' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30, check=True
    ).stdout.split()
    assert out == ["False", "False", "False"]
