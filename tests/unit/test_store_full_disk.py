"""A real full disk mid-session: every drill and the final status still land.

The issue's reproduction: the last saves of a session fail on a full disk,
and a second session is started in the same app. Here a small tmpfs is
mounted and filled after the first drill, the rest of that session and a
whole second one are run through the real engine, writer and journal, then
the space is freed and the writer retried. Mounting needs root (CI runs as
root); elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_drill, make_program
from small_fs import fill, mounted_tmpfs

from backcoach.coach.clock import FakeClock
from backcoach.coach.pain import GateChoice
from backcoach.coach.session import Difficulty, LegReach, SessionEngine, Stage
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.timefmt import now_iso
from backcoach.store.writer import JournalWriter

DRILLS = (
    make_drill("cat-camel", reps=2),
    make_drill("pelvic-tilt", reps=2),
    make_drill("front-plank", "hold", sets=1, hold=5),
    make_drill("bird-dog", reps=2),
)


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "fs") as mount_point:
        yield mount_point


def pump(engine: SessionEngine, writer: JournalWriter) -> None:
    """What the session runner does after every key and tick."""
    for event in engine.outbox:
        writer.submit(event)
    engine.outbox.clear()


def do_drill(engine: SessionEngine, clock: FakeClock) -> None:
    engine.gate(2)
    engine.choose(GateChoice.GO)
    while engine.stage is not Stage.RATING:
        clock.advance(0.5)
        engine.tick()
    engine.rate(Difficulty.ABOUT_RIGHT)


def on_disk(journal_path: Path) -> tuple[dict[str, dict], dict | None]:
    """Filed sessions by id, and the session in progress, as the files hold them."""
    sessions = json.loads(journal_path.read_text()).get("sessions", {}).values()
    current_path = journal_path.parent / CURRENT_SESSION_NAME
    current = json.loads(current_path.read_text()) if current_path.exists() else None
    return {doc["id"]: doc for doc in sessions}, current


def test_a_full_disk_mid_session_loses_nothing_once_space_is_back(small_fs: Path) -> None:
    journal_path = small_fs / "data" / "journal.json"
    clock = FakeClock()
    journal = Journal.open(journal_path)
    writer = JournalWriter(journal)
    try:
        first = SessionEngine(make_program(*DRILLS, program_id="first"), clock, easier_of=lambda d: None, needs_safety_check=False, wall_time=now_iso)
        first.checkin(3, LegReach.NONE)
        do_drill(first, clock)
        pump(first, writer)
        assert writer.flush(timeout=10) and not writer.has_unsaved

        filler = fill(small_fs)
        for _ in DRILLS[1:]:
            do_drill(first, clock)  # the last drill finishes the session: completed
            pump(first, writer)
        assert writer.flush(timeout=10)
        assert writer.has_unsaved
        assert [e.action for e in writer.pending] == ["drill", "drill", "drill", "finish"]
        assert writer.last_failure is not None and getattr(writer.last_failure, "errno", None) == errno.ENOSPC
        filed, current = on_disk(journal_path)
        assert filed == {} and current is not None
        assert [d["drill_id"] for d in current["drills"]] == ["cat-camel"]  # only what was saved

        # A second session in the same app, still on the full disk.
        second = SessionEngine(make_program(DRILLS[0], program_id="second"), clock, easier_of=lambda d: None, needs_safety_check=False, wall_time=now_iso)
        second.checkin(1, LegReach.NONE)
        do_drill(second, clock)
        pump(second, writer)
        assert writer.flush(timeout=10)
        assert [e.session_id for e in writer.pending] == [first.session_id] * 4 + [second.session_id] * 4
        assert on_disk(journal_path)[1]["id"] == first.session_id  # nothing of the second landed

        filler.unlink()
        writer.retry()
        assert writer.flush(timeout=10)
        assert not writer.has_unsaved, writer.errors
    finally:
        writer.close()
        journal.close()

    filed, current = on_disk(journal_path)
    assert current is None
    assert set(filed) == {first.session_id, second.session_id}
    one, two = filed[first.session_id], filed[second.session_id]
    assert [d["drill_id"] for d in one["drills"]] == [d.id for d in DRILLS]
    assert all(d["status"] == "done" for d in one["drills"])
    assert (one["status"], one["program"]["id"], one["checkin_pain"]) == ("completed", "first", 3)
    assert [d["drill_id"] for d in two["drills"]] == ["cat-camel"]
    assert (two["status"], two["program"]["id"], two["checkin_pain"]) == ("completed", "second", 1)

    with Journal.open(journal_path) as reopened:  # and a restart agrees, with nothing to recover
        assert reopened.notices == []
        assert {s["id"] for s in reopened.sessions()} == {first.session_id, second.session_id}
