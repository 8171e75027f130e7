"""The background journal writer: in order, keyed by session, and a failed
save is kept and retried, never forgotten."""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from backcoach.store.errors import JournalWriteError, SessionStateError
from backcoach.store.journal import Journal
from backcoach.store.writer import JournalWriter


@dataclass
class Event:
    action: str
    data: dict[str, Any] = field(default_factory=dict)
    session_id: str = "s1"


class FakeJournal:
    """Records what landed; ``full`` makes every save fail like a full disk,
    and it refuses a change for a session that is not the one in progress,
    as the real journal does."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Any]] = []
        self.full = False
        self.current: str | None = None

    def _save(self, name: str, session_id: str, value: Any) -> None:
        if self.full:
            raise JournalWriteError(Path("/data/current_session.json"), OSError(errno.ENOSPC, "No space left on device"), "")
        self.calls.append((name, session_id, value))

    def _require(self, session_id: str) -> None:
        if self.current != session_id:
            raise SessionStateError(f"Session {session_id!r} is not the one in progress")

    def start_session(self, doc: dict[str, Any]) -> None:
        if self.current is not None:
            raise SessionStateError("still in progress")
        self._save("start", doc["id"], None)
        self.current = doc["id"]

    def update_session(self, session_id: str, **fields: Any) -> None:
        self._require(session_id)
        self._save("update", session_id, fields)

    def record_drill(self, session_id: str, drill: dict[str, Any]) -> None:
        self._require(session_id)
        self._save("drill", session_id, drill["drill_id"])

    def finish_session(self, session_id: str, status: str, ended_at: str, final_pain: int | None) -> None:
        self._require(session_id)
        self._save("finish", session_id, status)
        self.current = None


def session(sid: str, *drills: str, status: str = "completed") -> list[Event]:
    return [
        Event("start", {"id": sid}, sid),
        Event("update", {"checkin_pain": 3}, sid),
        *(Event("drill", {"drill_id": d}, sid) for d in drills),
        Event("finish", {"status": status, "ended_at": "t", "final_pain": 2}, sid),
    ]


def landed(journal: FakeJournal) -> list[tuple[str, str, Any]]:
    return journal.calls


def expected(events: list[Event]) -> list[tuple[str, str, Any]]:
    values = {
        "start": lambda e: None,
        "update": lambda e: e.data,
        "drill": lambda e: e.data["drill_id"],
        "finish": lambda e: e.data["status"],
    }
    return [(e.action, e.session_id, values[e.action](e)) for e in events]


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
    a_drills = [value for action, sid, value in landed(journal) if action == "drill" and sid == "A"]
    b_drills = [value for action, sid, value in landed(journal) if action == "drill" and sid == "B"]
    assert (a_drills, b_drills) == (["a1", "a2", "a3"], ["b1"])


def test_an_event_the_journal_refuses_is_reported_kept_and_does_not_block_the_rest(
    journal: FakeJournal, writer: JournalWriter, reported: list[str]
) -> None:
    stray = Event("drill", {"drill_id": "lost"}, "nobody")
    events = session("s1", "cat-camel")
    writer.submit(stray)
    for event in events:
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert landed(journal) == expected(events)
    assert writer.rejected == [stray]
    assert writer.pending == []
    assert writer.has_unsaved  # refused is still unsaved: quitting says so
    assert "'nobody' is not the one in progress" in reported[0]


def test_a_start_event_must_carry_its_own_session_id(journal: FakeJournal, writer: JournalWriter) -> None:
    writer.submit(Event("start", {"id": "A"}, "B"))
    assert writer.flush(timeout=5)
    assert landed(journal) == [] and len(writer.rejected) == 1


def test_recovery_is_reported_once_everything_has_landed(journal: FakeJournal) -> None:
    recovered = threading.Event()
    writer = JournalWriter(journal, on_recovered=recovered.set)
    try:
        for event in session("s1", "cat-camel")[:2]:
            writer.submit(event)
        assert writer.flush(timeout=5)
        assert not recovered.is_set()  # nothing had failed
        journal.full = True
        writer.submit(Event("drill", {"drill_id": "cat-camel"}))
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
    """All-or-nothing journal calls make the writer's retry exact: no drill twice, none lost."""
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
        events[0].data.update(program={"id": "p", "name": "P"})
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
