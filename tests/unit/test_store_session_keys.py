"""Journal changes are keyed by session id and all or nothing.

Keyed: a change names its session, and one meant for any session but the
one in progress is refused, so two sessions can never share a record.
All or nothing: when a save fails, memory stays as the disk is, so the
writer can retry the very same call later and nothing lands twice.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from journal_steps import finish_session, record_drill, start_session, update_session
from test_store_journal import drill_doc, plain_tables, session_doc

from backcoach.store import atomic as atomic_module
from backcoach.store.errors import JournalWriteError, SessionStateError
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.timefmt import now_iso


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.open(tmp_path / "data" / "journal.json") as journal:
        yield journal


def current_file(journal: Journal) -> Path:
    return journal.data_dir / CURRENT_SESSION_NAME


def fail_saves(monkeypatch: pytest.MonkeyPatch, after_rename: bool = False, only: str | None = None) -> None:
    """Atomic writes (of file ``only``, or all) fail like a full disk, or,
    ``after_rename``, fail once the new file is in place, as a failed
    folder fsync does."""
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if only is not None and Path(dst).name != only:
            real_replace(src, dst)
            return
        if after_rename:
            real_replace(src, dst)
            raise OSError(errno.EIO, "Input/output error")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "replace", replace)


def test_a_change_for_another_session_is_refused(journal: Journal) -> None:
    session_a = start_session(journal, session_doc(id="A"))
    record_drill(journal, session_a, drill_doc(1))
    before = current_file(journal).read_bytes()
    with pytest.raises(SessionStateError, match="'B' is not the one in progress"):
        record_drill(journal, "B", drill_doc(2))
    with pytest.raises(SessionStateError, match="'B'"):
        update_session(journal, "B", checkin_pain=9)
    with pytest.raises(SessionStateError, match="'B'"):
        finish_session(journal, "B", "completed")
    with pytest.raises(SessionStateError, match="'A' is still in progress"):
        start_session(journal, session_doc(id="B"))
    assert current_file(journal).read_bytes() == before
    assert journal.current_session()["checkin_pain"] == 3


def test_a_failed_start_starts_nothing_and_the_same_start_can_be_retried(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        fail_saves(patch)
        with pytest.raises(JournalWriteError, match="No space left on device"):
            start_session(journal, session_doc(id="A"))
    assert journal.current_session() is None
    with pytest.raises(SessionStateError):
        record_drill(journal, "A", drill_doc(1))
    assert start_session(journal, session_doc(id="A")) == "A"
    assert json.loads(current_file(journal).read_text())["id"] == "A"


def test_a_failed_update_changes_nothing(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    session_id = start_session(journal, session_doc(checkin_pain=None))
    with monkeypatch.context() as patch:
        fail_saves(patch)
        with pytest.raises(JournalWriteError):
            update_session(journal, session_id, checkin_pain=6, leg_today="thigh")
    current = journal.current_session()
    assert current["checkin_pain"] is None and current.get("leg_today") is None
    update_session(journal, session_id, checkin_pain=6, leg_today="thigh")
    assert json.loads(current_file(journal).read_text())["leg_today"] == "thigh"


def test_a_failed_finish_keeps_the_session_open_under_its_id(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = start_session(journal, session_doc())
    record_drill(journal, session_id, drill_doc(1))
    with monkeypatch.context() as patch:
        fail_saves(patch)
        with pytest.raises(JournalWriteError):
            finish_session(journal, session_id, "completed", now_iso(), 1)
    assert journal.current_session()["status"] == "running"
    record_drill(journal, session_id, drill_doc(2))  # still the session in progress
    finish_session(journal, session_id, "completed", now_iso(), 1)
    [stored] = journal.sessions()
    assert [d["drill_id"] for d in stored["drills"]] == ["drill-1", "drill-2"]


def test_a_filing_that_landed_despite_its_error_is_not_filed_twice(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = start_session(journal, session_doc())
    record_drill(journal, session_id, drill_doc(1))
    with monkeypatch.context() as patch:
        fail_saves(patch, after_rename=True, only="journal.json")
        with pytest.raises(JournalWriteError, match="Input/output error"):
            finish_session(journal, session_id, "completed", now_iso(), 1)
    finish_session(journal, session_id, "completed", now_iso(), 1)  # the writer's retry
    sessions = plain_tables(journal.path)["sessions"]
    assert [s["id"] for s in sessions] == [session_id]
    assert not current_file(journal).exists()


def test_sessions_one_after_another_keep_their_own_records(journal: Journal) -> None:
    first = start_session(journal, session_doc(id="A", program={"id": "a", "name": "A"}))
    record_drill(journal, first, drill_doc(1))
    finish_session(journal, first, "completed", now_iso(), 1)
    second = start_session(journal, session_doc(id="B", program={"id": "b", "name": "B"}))
    record_drill(journal, second, drill_doc(2))
    with pytest.raises(SessionStateError):
        record_drill(journal, first, drill_doc(3))  # A is filed: nothing may reopen it
    finish_session(journal, second, "ended_early", now_iso(), 1)
    by_id = {s["id"]: s for s in journal.sessions()}
    assert [d["drill_id"] for d in by_id["A"]["drills"]] == ["drill-1"]
    assert [d["drill_id"] for d in by_id["B"]["drills"]] == ["drill-2"]


# ---- whole documents (``save_session``, what the app's writer calls) --------


def running(sid: str, *drills: int, **fields: Any) -> dict[str, Any]:
    return session_doc(id=sid, status="running", drills=[drill_doc(n) for n in drills], **fields)


def finished(sid: str, *drills: int, status: str = "completed") -> dict[str, Any]:
    return dict(running(sid, *drills), status=status, ended_at=now_iso(), final_pain=1)


def test_a_whole_document_replaces_the_session_in_progress(journal: Journal) -> None:
    journal.save_session(running("A"))
    journal.save_session(running("A", 1, checkin_pain=5))
    journal.save_session(running("A", 1, 2, checkin_pain=5))
    journal.save_session(running("A", 1, 2, checkin_pain=5))  # the same save again changes nothing
    on_disk = json.loads(current_file(journal).read_text())
    assert [d["drill_id"] for d in on_disk["drills"]] == ["drill-1", "drill-2"]
    assert on_disk["checkin_pain"] == 5 and on_disk["status"] == "running" and on_disk["ended_at"] is None
    journal.save_session(finished("A", 1, 2))
    [stored] = journal.sessions()
    assert not current_file(journal).exists()
    assert [d["drill_id"] for d in stored["drills"]] == ["drill-1", "drill-2"]


def test_a_document_for_another_session_is_refused_while_one_runs(journal: Journal) -> None:
    journal.save_session(running("A", 1))
    before = current_file(journal).read_bytes()
    for intruder in (running("B", 2), finished("B", 2)):
        with pytest.raises(SessionStateError, match="'A' is still in progress.*'B' is not the one in progress"):
            journal.save_session(intruder)
    assert current_file(journal).read_bytes() == before
    assert journal.sessions() == []


def test_nothing_reopens_a_filed_session(journal: Journal) -> None:
    journal.save_session(running("A", 1))
    journal.save_session(finished("A", 1))
    for stale in (running("A", 1, 2), finished("A", 1, 2, status="ended_early")):
        with pytest.raises(SessionStateError, match="'A' is not in progress: it is already in the journal"):
            journal.save_session(stale)
    [stored] = journal.sessions()
    assert [d["drill_id"] for d in stored["drills"]] == ["drill-1"] and stored["status"] == "completed"
    assert journal.current_session() is None


def test_a_finished_document_with_nothing_running_is_filed_at_once(journal: Journal) -> None:
    journal.save_session(finished("S", status="stopped_safety"))
    [stored] = journal.sessions()
    assert stored["id"] == "S" and stored["status"] == "stopped_safety" and stored["ended_at"]
    with pytest.raises(ValueError, match="Unknown session status"):
        journal.save_session(dict(running("T"), status="done"))


def test_a_failed_whole_save_changes_nothing_and_the_same_save_can_be_retried(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.save_session(running("A", 1))
    before = journal.current_session()
    with monkeypatch.context() as patch:
        fail_saves(patch)
        with pytest.raises(JournalWriteError, match="No space left on device"):
            journal.save_session(running("A", 1, 2))
    assert journal.current_session() == before
    journal.save_session(running("A", 1, 2))
    assert [d["drill_id"] for d in journal.current_session()["drills"]] == ["drill-1", "drill-2"]


def test_a_finish_whose_filing_failed_is_filed_once_by_the_next_save(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.save_session(running("A", 1))
    with monkeypatch.context() as patch:
        fail_saves(patch, only="journal.json")
        with pytest.raises(JournalWriteError, match="next time backcoach starts"):
            journal.save_session(finished("A", 1))
    assert journal.current_session()["status"] == "completed"  # kept, finished, in its own file
    with pytest.raises(SessionStateError, match="'A' is not in progress: it has ended"):
        journal.save_session(running("A", 1, 2))
    journal.save_session(running("B"))  # the next session files A first
    assert [s["id"] for s in plain_tables(journal.path)["sessions"]] == ["A"]
    assert journal.current_session()["id"] == "B"
