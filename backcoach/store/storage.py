"""A TinyDB storage that cannot tear the journal.

TinyDB's own ``JSONStorage`` rewrites ``journal.json`` in place, so a crash
mid-write leaves half a file. This storage writes through
:func:`atomic_write_bytes` instead, and produces the same JSON layout, so
``tinydb.TinyDB(path)`` with the default storage still reads it.

It also keeps the last data it read or wrote in memory. TinyDB calls
``read()`` before every query and twice per insert, which would mean
re-parsing megabytes of history each time; the cache is safe because the
journal lock guarantees nobody else writes the file while we hold it, and
it is dropped after any failed write so memory never claims more than the
disk holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from backcoach.safe_files import read_regular_file

from .atomic import atomic_write_bytes

RawData = dict[str, dict[str, Any]]


def encode_journal(data: RawData) -> bytes:
    """Compact, ASCII-only JSON: readable by TinyDB under any locale."""
    return json.dumps(data, separators=(",", ":")).encode("ascii")


class AtomicJSONStorage(Storage):
    """Whole-file JSON storage with temp-file + fsync + rename writes."""

    def __init__(self, path: str | Path, preload: RawData | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self._cache: RawData | None = preload

    def read(self) -> RawData | None:
        """The journal data, or ``None`` for a missing or empty file (TinyDB's convention).

        TinyDB mutates what this returns and hands it back to ``write()``;
        that is intended, the cache and the next write share one object.
        """
        if self._cache is None:
            try:
                raw = read_regular_file(self.path)  # no link followed, no FIFO waited on
            except FileNotFoundError:
                return None
            if not raw:
                return None
            self._cache = json.loads(raw)
        return self._cache

    def write(self, data: RawData) -> None:
        """Serialize, then atomically replace the file (raises ``OSError`` on failure)."""
        try:
            payload = encode_journal(data)
            atomic_write_bytes(self.path, payload)
        except BaseException:
            # TinyDB already changed the cached object in place; forget it
            # so the next read comes from what is really on disk.
            self._cache = None
            raise
        self._cache = data

    def close(self) -> None:
        self._cache = None
