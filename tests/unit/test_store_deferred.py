"""The deferred journal locks at once and reads on first use."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.store.deferred import DeferredJournal
from backcoach.store.errors import JournalLocked
from backcoach.store.journal import Journal


def test_the_lock_is_taken_before_anything_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.json"
    first = DeferredJournal(path)
    try:
        assert not path.exists()  # nothing read or written yet
        with pytest.raises(JournalLocked):
            Journal.open(path)
        assert first.sessions() == []  # the first use opens the journal
        assert path.exists()
    finally:
        first.close()
    with Journal.open(path) as again:  # closing released the lock
        assert again.count() == 0


def test_closing_unused_releases_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    DeferredJournal(path).close()
    with Journal.open(path):
        pass


def test_recovery_notices_arrive_with_the_first_use(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_text("{not json")
    with DeferredJournal(path) as journal:
        assert journal.count() == 0
        assert len(journal.notices) == 1 and "could not be read" in journal.notices[0]
