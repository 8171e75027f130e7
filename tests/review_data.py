"""A clinic laptop's own data folder, for the tests that prove ``backcoach review``
leaves it alone (Pilot: tests/tui/test_review.py; a real terminal:
tests/e2e/test_tmux_review.py), and a picture of it to compare byte for byte."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

from factories import drill_record, session_doc

from backcoach.store.journal import Journal
from backcoach.store.settings import Settings

UK = timezone(timedelta(hours=1))
#: 2023: any write afterwards changes an mtime.
LONG_AGO = 1_700_000_000_000_000_000
CLINIC_PROGRAM = 'id = "clinic-short"\nname = "Clinic short"\ndescription = "One drill."\n\n[[drills]]\nid = "cat-camel"\n'

State = dict[str, tuple[int, int, int, str | None]]


def clinic_data(folder: Path) -> None:
    """What a clinic laptop's data folder holds that any write, recovery or cleanup would change:
    its own journal, a session left running (a start files it as interrupted), a half-written
    temp file (a start removes it), its settings, an imported program; all dated long ago."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with Journal.open(folder / "journal.json") as journal:
        journal.record_standalone(session_doc("clinic-own", datetime(2026, 3, 1, 9, tzinfo=UK)))
        running = session_doc("left-running", datetime(2026, 3, 2, 9, tzinfo=UK), status="running")
        running["ended_at"] = None
        running["drills"] = [drill_record("cat-camel")]
        journal.save_session(running)
    (folder / ".journal.json.half.tmp").write_bytes(b'{"sessions": ')
    Settings(muted=False, voice=True).save(folder / "config" / "settings.json")
    (folder / "programs").mkdir(mode=0o700)
    (folder / "programs" / "clinic-short.toml").write_text(CLINIC_PROGRAM)
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            os.utime(Path(root) / name, ns=(LONG_AGO, LONG_AGO), follow_symlinks=False)
    os.utime(folder, ns=(LONG_AGO, LONG_AGO))


def folder_state(folder: Path) -> State:
    """Every entry under ``folder`` (and the folder): mode, size, mtime in ns, and its bytes' hash."""
    state: State = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = os.lstat(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else None
        state[str(path.relative_to(folder))] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return state
