"""The background journal writer applies events in order and reports failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backcoach.store.writer import JournalWriter


@dataclass
class Event:
    action: str
    data: dict[str, Any] = field(default_factory=dict)


class RecordingJournal:
    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.fail_on = fail_on

    def _call(self, name: str, value: Any) -> None:
        if name == self.fail_on:
            raise OSError("Could not save to /nowhere: read-only file system.")
        self.calls.append((name, value))

    def start_session(self, doc: dict[str, Any]) -> None:
        self._call("start", doc["id"])

    def update_session(self, **fields: Any) -> None:
        self._call("update", fields)

    def record_drill(self, drill: dict[str, Any]) -> None:
        self._call("drill", drill["drill_id"])

    def finish_session(self, status: str, ended_at: str, final_pain: int | None) -> None:
        self._call("finish", (status, ended_at, final_pain))


EVENTS = [
    Event("start", {"id": "s1"}),
    Event("update", {"checkin_pain": 3}),
    Event("drill", {"drill_id": "cat-camel"}),
    Event("drill", {"drill_id": "front-plank"}),
    Event("finish", {"status": "completed", "ended_at": "t", "final_pain": 2}),
]


def test_events_are_applied_in_order() -> None:
    journal = RecordingJournal()
    writer = JournalWriter(journal)
    for event in EVENTS:
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert journal.calls == [
        ("start", "s1"),
        ("update", {"checkin_pain": 3}),
        ("drill", "cat-camel"),
        ("drill", "front-plank"),
        ("finish", ("completed", "t", 2)),
    ]
    writer.close()


def test_a_failed_write_is_reported_and_later_writes_still_happen() -> None:
    journal = RecordingJournal(fail_on="drill")
    reported: list[str] = []
    writer = JournalWriter(journal, on_error=reported.append)
    for event in EVENTS:
        writer.submit(event)
    assert writer.flush(timeout=5)
    assert reported == ["Could not save to /nowhere: read-only file system."] * 2
    assert journal.calls[-1][0] == "finish"
    writer.close()


def test_close_writes_what_is_queued() -> None:
    journal = RecordingJournal()
    writer = JournalWriter(journal)
    for event in EVENTS:
        writer.submit(event)
    writer.close()
    assert len(journal.calls) == len(EVENTS)
