"""The background journal writer: in order, keyed by session, and a failed
save is kept and retried, never forgotten."""

from __future__ import annotations

import copy
import errno
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcoach.coach.session import SessionSave
from backcoach.store.errors import JournalWriteError, SessionStateError
from backcoach.store.journal import Journal
from backcoach.store.writer import JournalWriter


class FakeJournal:
    """Records what landed; ``full`` makes every save fail like a full disk,
    and it refuses a document for another session while one is running, or
    for a session already filed, as the real journal does."""

    def __init__(self) -> None:
        self.calls: list[Landed] = []
        self.full = False
        self.current: str | None = None
        self.filed: set[str] = set()

    def save_session(self, doc: dict[str, Any]) -> None:
        sid = doc["id"]
        if self.current is not None and self.current != sid:
            raise SessionStateError(f"Session {sid!r} is not the one in progress")
        if sid in self.filed:
            raise SessionStateError(f"Session {sid!r} is not in progress: it is already in the journal")
        if self.full:
            raise JournalWriteError(Path("/data/current_session.json"), OSError(errno.ENOSPC, "No space left on device"), "")
        self.calls.append(landing(doc))
        self.current = sid
        if doc["status"] != "running":
            self.current = None
            self.filed.add(sid)


#: What one save stored: (session id, status, check-in pain, drill ids).
Landed = tuple[str, str, Any, tuple[str, ...]]


def landing(doc: dict[str, Any]) -> Landed:
    return (doc["id"], doc["status"], doc["checkin_pain"], tuple(d["drill_id"] for d in doc["drills"]))


def session(sid: str, *drills: str, status: str = "completed") -> list[SessionSave]:
    """The saves of one session, each the whole document as it stood."""
    doc: dict[str, Any] = {"id": sid, "program": {"id": "p", "name": "P"}, "status": "running",
                           "checkin_pain": None, "drills": []}
    saves = [SessionSave("start", copy.deepcopy(doc))]
    doc["checkin_pain"] = 3
    saves.append(SessionSave("update", copy.deepcopy(doc)))
    for drill in drills:
        doc["drills"].append({"drill_id": drill})
        saves.append(SessionSave("drill", copy.deepcopy(doc)))
    doc.update(status=status, ended_at="2026-03-30T09:20:00+01:00", final_pain=2)
    saves.append(SessionSave("finish", copy.deepcopy(doc)))
    return saves


def landed(journal: FakeJournal) -> list[Landed]:
    return journal.calls


def expected(saves: list[SessionSave]) -> list[Landed]:
    return [landing(save.document) for save in saves]


@pytest.fixture
def journal() -> FakeJournal:
    return FakeJournal()


@pytest.fixture
def reported() -> list[str]:
    """What the writer reported through ``on_error``."""
    return []


@pytest.fixture
def writer(journal: FakeJournal, reported: list[str]) -> Iterator[JournalWriter]:
    writer = JournalWriter(journal, on_error=reported.append)
    yield writer
    writer.close()


def test_events_are_applied_in_order(journal: FakeJournal, writer: JournalWriter) -> None:
    events = session("s1", "cat-camel", "front-plank")
    for event in events:
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(events)
    assert not writer.has_unsaved and writer.pending == []


def test_a_failed_save_is_kept_and_retried_before_the_next_event(
    journal: FakeJournal, writer: JournalWriter, reported: list[str]
) -> None:
    events = session("s1", "cat-camel", "front-plank", "bird-dog")
    for event in events[:3]:  # start, check-in, first drill
        writer.submit(event)
    assert writer.flush(timeout=5)
    journal.full = True
    for event in events[3:]:  # two more drills and the finish: all fail
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(events[:3])
    assert writer.has_unsaved
    assert writer.pending == events[3:]  # in order, none dropped
    # One report per failed attempt, each the store's own sentence.
    assert len(reported) == 3
    assert all("No space left on device" in line for line in reported)
    assert writer.last_failure is not None and writer.last_failure.errno == errno.ENOSPC

    journal.full = False
    writer.retry()
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(events)  # every drill and the final status, once each
    assert not writer.has_unsaved


def test_the_next_event_retries_what_failed_first(journal: FakeJournal, writer: JournalWriter) -> None:
    events = session("s1", "cat-camel", "front-plank")
    journal.full = True
    for event in events[:3]:
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert landed(journal) == []
    journal.full = False
    writer.submit(events[3])  # no retry() call: the next save takes the backlog first
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(events[:4])


def test_a_new_session_waits_behind_an_unsaved_one_and_never_joins_it(
    journal: FakeJournal, writer: JournalWriter
) -> None:
    """The issue's case: A's last saves fail, B starts in the same app."""
    first = session("A", "a1", "a2", "a3")
    second = session("B", "b1")
    for event in first[:3]:
        writer.submit(event)
    assert writer.flush(timeout=5)
    journal.full = True
    for event in first[3:] + second:
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert [e.session_id for e in writer.pending] == ["A"] * 3 + ["B"] * 4

    journal.full = False
    writer.retry()
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(first + second)
    finished = {sid: drills for sid, status, _, drills in landed(journal) if status == "completed"}
    assert finished == {"A": ("a1", "a2", "a3"), "B": ("b1",)}


def test_a_save_the_journal_refuses_is_reported_kept_and_does_not_block_the_rest(
    journal: FakeJournal, writer: JournalWriter, reported: list[str]
) -> None:
    first = session("A", "a1")
    stray = first[2]  # A's drill again, after A was filed: nothing may reopen it
    second = session("B", "b1")
    for save in [*first, stray, *second]:
        writer.submit(save)
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(first + second)
    assert writer.rejected == [stray]
    assert writer.pending == []
    assert writer.has_unsaved  # refused is still unsaved: quitting says so
    assert "'A' is not in progress: it is already in the journal" in reported[0]


def test_a_save_for_another_session_waits_for_none_and_joins_none(
    journal: FakeJournal, writer: JournalWriter, reported: list[str]
) -> None:
    """A document for B while A runs is refused, and A's record stays A's alone."""
    first = session("A", "a1")
    intruder = session("B", "b1")[2]
    for save in [*first[:2], intruder, *first[2:]]:
        writer.submit(save)
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(first)
    assert writer.rejected == [intruder]
    assert "'B' is not the one in progress" in reported[0]


def test_recovery_is_reported_once_everything_has_landed(journal: FakeJournal) -> None:
    recovered = threading.Event()
    writer = JournalWriter(journal, on_recovered=recovered.set)
    try:
        for event in session("s1", "cat-camel")[:2]:
            writer.submit(event)
        assert writer.flush(timeout=5)
        assert not recovered.is_set()  # nothing had failed
        journal.full = True
        writer.submit(session("s1", "cat-camel")[2])
        assert writer.flush(timeout=5)
        assert not recovered.is_set()
        journal.full = False
        writer.retry()
        assert writer.flush(timeout=5)
        assert recovered.is_set()
    finally:
        writer.close()


def test_close_writes_what_is_queued(journal: FakeJournal) -> None:
    writer = JournalWriter(journal)
    events = session("s1", "cat-camel", "front-plank")
    for event in events:
        writer.submit(event)
    writer.close()
    assert landed(journal) == expected(events)


def test_with_the_real_journal_a_failed_drill_is_saved_once_after_a_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole-document, all-or-nothing saves make the writer's retry exact: no drill twice, none lost."""
    from backcoach.store import atomic as atomic_module

    real_replace = atomic_module.os.replace
    full = threading.Event()

    def replace(src: Any, dst: Any) -> None:
        if full.is_set():
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_module.os, "replace", replace)
    with Journal.open(tmp_path / "journal.json") as real:
        writer = JournalWriter(real)
        events = session("s1", "cat-camel", "front-plank", "bird-dog")
        for event in events[:3]:
            writer.submit(event)
        assert writer.flush(timeout=5)
        full.set()
        for event in events[3:]:
            writer.submit(event)
        assert writer.flush(timeout=5) and len(writer.pending) == 3
        assert [d["drill_id"] for d in real.current_session()["drills"]] == ["cat-camel"]
        full.clear()
        writer.retry()
        assert writer.flush(timeout=5) and not writer.has_unsaved
        writer.close()
        [stored] = real.sessions()
    assert [d["drill_id"] for d in stored["drills"]] == ["cat-camel", "front-plank", "bird-dog"]
    assert stored["status"] == "completed" and stored["checkin_pain"] == 3
