"""kill -9 at random moments never loses a drill that was reported saved.

A child process opens the journal and records sessions drill by drill,
printing ``saved <session> <n>`` only after ``record_drill`` returned. The
parent kills it with SIGKILL after a random (seeded, so reproducible) delay,
then checks the journal the way a plain TinyDB user would, reopens it with
``Journal.open`` (which files the interrupted session) and checks again that
every acknowledged drill is there, in the right session. The data folder is
reused across all kills so the journal grows as it would in real use.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tinydb

from backcoach.store.journal import CURRENT_SESSION_NAME, Journal

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("BACKCOACH_KILL_TEST_RUNS", "200"))
SEED = 20250304
PRESTARTED = 3  # children importing while the current one runs
FINISHED = {"completed", "ended_early", "stopped_pain"}

CHILD = r"""
import random, sys
from pathlib import Path
from backcoach.store.journal import Journal
from backcoach.store.timefmt import now_iso

out = sys.stdout
out.write("ready\n"); out.flush()
if sys.stdin.readline() != "go\n":  # started ahead of time; wait for our turn
    sys.exit(0)
rng = random.Random(int(sys.argv[2]))
journal = Journal.open(Path(sys.argv[1]))
while True:
    sid = journal.start_session({"program": {"id": "kill", "name": "Kill test"}, "checkin_pain": 2})
    out.write(f"started {sid}\n"); out.flush()
    for n in range(1, rng.randint(2, 6) + 1):
        journal.record_drill({"drill_id": f"d{n}", "status": "done", "seq": n})
        out.write(f"saved {sid} {n}\n"); out.flush()
    journal.finish_session(rng.choice(["completed", "ended_early", "stopped_pain"]), now_iso(), 1)
    out.write(f"finished {sid}\n"); out.flush()
"""


def read_plain(path: Path) -> dict[str, list[dict]]:
    """Load every table with TinyDB's default JSONStorage, as any reader would."""
    db = tinydb.TinyDB(path, access_mode="r")
    try:
        return {name: db.table(name).all() for name in db.tables()}
    finally:
        db.close()


class Child:
    """One writer process, started ahead of its turn so interpreter start-up
    overlaps with the parent's checks (it keeps the test fast)."""

    def __init__(self, journal_path: Path, seed: int, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(journal_path), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )

    def run_and_kill(self, delay: float) -> list[str]:
        """Let it write for ``delay`` seconds, SIGKILL it, return its complete lines."""
        proc = self.proc
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        ready = proc.stdout.readline()
        if ready != b"ready\n":
            self.discard()
            pytest.fail(f"child did not start: {proc.stderr.read().decode()}")
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out = proc.stdout.read()
        err = proc.stderr.read()
        proc.wait()
        self._close_pipes()
        assert proc.returncode == -signal.SIGKILL, err.decode()
        # A line cut off by the kill (no newline) was never fully reported.
        return out.decode().split("\n")[:-1]

    def discard(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                try:
                    pipe.close()
                except BrokenPipeError:
                    pass


@dataclass
class Acknowledged:
    """What the children reported, across all runs."""

    drills: dict[str, int] = field(default_factory=dict)  # session id -> last drill saved
    finished: set[str] = field(default_factory=set)

    def read(self, lines: list[str]) -> None:
        for line in lines:
            word, *rest = line.split()
            if word == "started":
                self.drills.setdefault(rest[0], 0)
            elif word == "saved":
                self.drills[rest[0]] = int(rest[1])
            elif word == "finished":
                self.finished.add(rest[0])


def check_after_kill(journal_path: Path, acked: Acknowledged, context: str) -> int:
    """Verify the folder after one kill; returns how many sessions were filed as interrupted."""
    folder = journal_path.parent
    # (a) Whatever the kill interrupted, the file is loadable by plain TinyDB.
    if journal_path.exists():
        read_plain(journal_path)
    assert not list(folder.glob("*.corrupt-*")), context

    # (b) Reopening files the interrupted session; every acknowledged drill is there.
    journal = Journal.open(journal_path)
    try:
        assert not (folder / CURRENT_SESSION_NAME).exists(), context
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")], context
        sessions = read_plain(journal_path)["sessions"]
        by_id = {doc["id"]: doc for doc in sessions}
        assert len(by_id) == len(sessions), f"duplicate session ids {context}"
        for session_id, saved in acked.drills.items():
            doc = by_id.get(session_id)
            assert doc is not None, f"session {session_id} lost {context}"
            seqs = [d["seq"] for d in doc["drills"]]
            # Every acknowledged drill, in order; at most one more that was
            # saved but killed before it could be reported.
            assert seqs[:saved] == list(range(1, saved + 1)), f"{session_id} {context}"
            assert len(seqs) <= saved + 1, f"{session_id} {context}"
            if session_id in acked.finished:
                assert doc["status"] in FINISHED, f"{session_id} {context}"
            else:
                assert doc["status"] in FINISHED | {"interrupted"}, f"{session_id} {context}"
        assert journal.count() == len(sessions)
        return sum(1 for line in journal.notices if "was interrupted" in line)
    finally:
        journal.close()


def test_sigkill_never_loses_an_acknowledged_drill(tmp_path: Path) -> None:
    journal_path = tmp_path / "data" / "journal.json"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    rng = random.Random(SEED)
    acked = Acknowledged()
    interrupted = 0
    began = time.monotonic()

    ahead: deque[Child] = deque()
    try:
        for run in range(KILLS):
            while len(ahead) < PRESTARTED:
                ahead.append(Child(journal_path, rng.randrange(1 << 30), env))
            acked.read(ahead.popleft().run_and_kill(rng.uniform(0.003, 0.15)))
            interrupted += check_after_kill(journal_path, acked, f"after kill {run + 1}")
    finally:
        for child in ahead:
            child.discard()

    elapsed = time.monotonic() - began
    total_drills = sum(acked.drills.values())
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {len(acked.drills)} sessions started, "
        f"{len(acked.finished)} finished, {interrupted} filed as interrupted, "
        f"{total_drills} acknowledged drills all present"
    )
    # The kills must actually land inside sessions, or the test proves little.
    assert interrupted >= KILLS // 4
    assert total_drills >= KILLS
