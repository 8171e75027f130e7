"""kill -9 at chosen points never loses a drill that was reported saved.

A child process opens the journal and records sessions drill by drill. It
stops and waits for the parent at every point that matters: after each
acknowledged save (between writes), and inside every file write: half the
bytes written, before the fsync, before and after the rename, and before
the leftover ``current_session.json`` is removed. The parent answers "go",
or SIGKILLs the child while it waits there, so each kill lands exactly
where the test chose, however loaded the machine is.

After every kill the parent checks the journal the way a plain TinyDB user
would, reopens it with ``Journal.open`` (which files the interrupted
session) and checks that every session holds exactly what it should: every
acknowledged drill, plus the one whose file was renamed into place just
before the kill; the right status; nothing twice, nothing torn. The data
folder is reused across all kills so the journal grows as in real use.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import tinydb

from backcoach.store.journal import CURRENT_SESSION_NAME, Journal

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("BACKCOACH_KILL_TEST_RUNS", "200"))
SEED = 20250304
PRESTARTED = 3  # children importing while the current one runs
#: The kill comes at pause number 1..MAX_PAUSE of a child's run (a session
#: of 2-6 drills has 25-45 pauses), so most kills land inside a session.
MAX_PAUSE = 45
INTERRUPTED = "interrupted"
KINDS = {
    "ack",
    "write-half",
    "before-fsync",
    "before-rename current_session.json",
    "after-rename current_session.json",
    "before-rename journal.json",
    "after-rename journal.json",
    "before-unlink current_session.json",
}

CHILD = r"""
import os, random, stat, sys, uuid
from pathlib import Path

out, inp = sys.stdout, sys.stdin

def say(line, wait=True):
    out.write(line + "\n"); out.flush()
    if wait and inp.readline() != "go\n":
        os._exit(3)  # the parent has gone

real_write, real_fsync, real_replace, real_unlink = os.write, os.fsync, os.replace, os.unlink

def regular(fd):
    return stat.S_ISREG(os.fstat(fd).st_mode)

def write(fd, data):
    # Inside a write: the first write to a file stops with half its bytes out.
    if len(data) > 1 and regular(fd) and os.lseek(fd, 0, os.SEEK_CUR) == 0:
        written = real_write(fd, data[: len(data) // 2])
        say("P write-half")
        return written
    return real_write(fd, data)

def fsync(fd):
    if regular(fd):
        say("P before-fsync")
    real_fsync(fd)

def replace(src, dst, *args, **kwargs):
    name = Path(dst).name
    say(f"P before-rename {name}")
    real_replace(src, dst, *args, **kwargs)
    say(f"P after-rename {name}")

def unlink(path, *args, **kwargs):
    if Path(path).name == "current_session.json":
        say("P before-unlink current_session.json")
    real_unlink(path, *args, **kwargs)

os.write, os.fsync, os.replace, os.unlink = write, fsync, replace, unlink

from backcoach.store.journal import Journal
from backcoach.store.timefmt import now_iso

say("ready")  # started ahead of time; "go" is our turn
rng = random.Random(int(sys.argv[2]))
say("doing open", wait=False)
journal = Journal.open(Path(sys.argv[1]))
while True:
    sid = uuid.uuid4().hex
    say(f"doing start {sid}", wait=False)
    # Whole documents, as the app's writer saves them.
    doc = {"id": sid, "program": {"id": "kill", "name": "Kill test"}, "status": "running",
           "started_at": now_iso(), "checkin_pain": 2, "drills": []}
    journal.save_session(doc)
    say(f"started {sid}")
    for n in range(1, rng.randint(2, 6) + 1):
        say(f"doing drill {sid} {n}", wait=False)
        doc["drills"].append({"drill_id": f"d{n}", "status": "done", "seq": n})
        journal.save_session(doc)
        say(f"saved {sid} {n}")
    status = rng.choice(["completed", "ended_early", "stopped_pain"])
    say(f"doing finish {sid} {status}", wait=False)
    journal.save_session(dict(doc, status=status, ended_at=now_iso(), final_pain=1))
    say(f"finished {sid}")
"""


def read_plain(path: Path) -> dict[str, list[dict]]:
    """Load every table with TinyDB's default JSONStorage, as any reader would."""
    db = tinydb.TinyDB(path, access_mode="r")
    try:
        return {name: db.table(name).all() for name in db.tables()}
    finally:
        db.close()


@dataclass
class Expected:
    """What the journal must hold, learnt from what the children reported.

    A change counts as landed once its ``current_session.json`` was renamed
    into place (the child says so at its "after-rename" pause): from then on
    a kill must find it, acknowledged or not.
    """

    sessions: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (status, drills)
    acknowledged: dict[str, int] = field(default_factory=dict)  # id -> last drill reported saved
    op: tuple[str, ...] = ()
    in_progress: str | None = None

    def read(self, line: str) -> None:
        word, *rest = line.split()
        if word == "doing":
            self.op = tuple(rest)
        elif word == "saved":
            self.acknowledged[rest[0]] = int(rest[1])
        elif line == "P after-rename current_session.json":
            self._landed()

    def _landed(self) -> None:
        action, sid, *more = self.op
        if action == "start":
            self.sessions[sid] = (INTERRUPTED, 0)
            self.in_progress = sid
        elif action == "drill":
            self.sessions[sid] = (INTERRUPTED, int(more[0]))
        elif action == "finish":
            self.sessions[sid] = (more[0], self.sessions[sid][1])
            self.in_progress = None

    def new_run(self) -> None:
        self.op = ()
        self.in_progress = None

    @property
    def interrupted_by_kill(self) -> bool:
        return self.in_progress is not None


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
            text=True,
        )

    def run_and_kill(self, kill_at: int, expected: Expected) -> str:
        """Answer "go" at each pause until pause ``kill_at``, SIGKILL the child
        there, and return the kind of point it was killed at."""
        proc = self.proc
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        pauses = 0
        while True:
            line = proc.stdout.readline().rstrip("\n")
            if not line:
                self.discard()
                raise AssertionError(f"child stopped: {proc.stderr.read()}")
            expected.read(line)
            if line == "ready":
                self._go()
                continue
            if line.startswith("doing "):
                continue
            pauses += 1
            if pauses == kill_at:
                break
            self._go()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        err = proc.stderr.read()
        self._close_pipes()
        assert proc.returncode == -signal.SIGKILL, err
        return line[2:] if line.startswith("P ") else "ack"

    def _go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

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


def check_after_kill(journal_path: Path, expected: Expected, context: str) -> bool:
    """Verify the folder after one kill; True if it filed a session as interrupted."""
    folder = journal_path.parent
    # (a) Whatever the kill interrupted, the file is loadable by plain TinyDB.
    if journal_path.exists():
        read_plain(journal_path)
    assert not list(folder.glob("*.corrupt-*")), context

    # (b) Reopening files the interrupted session; every session is exactly as expected.
    journal = Journal.open(journal_path)
    try:
        assert not (folder / CURRENT_SESSION_NAME).exists(), context
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")], context
        sessions = read_plain(journal_path).get("sessions", [])
        by_id = {doc["id"]: doc for doc in sessions}
        assert len(by_id) == len(sessions), f"duplicate session ids {context}"
        assert set(by_id) == set(expected.sessions), f"sessions lost or made up {context}"
        for session_id, (status, drills) in expected.sessions.items():
            doc = by_id[session_id]
            seqs = [d["seq"] for d in doc["drills"]]
            # Every acknowledged drill, and one more only if its file was renamed into place.
            assert drills >= expected.acknowledged.get(session_id, 0), f"{session_id} {context}"
            assert seqs == list(range(1, drills + 1)), f"{session_id} {seqs} {context}"
            assert doc["status"] == status, f"{session_id} {doc['status']} {context}"
        assert journal.count() == len(sessions)
        interrupted = [line for line in journal.notices if "was interrupted" in line]
        assert len(interrupted) == (1 if expected.interrupted_by_kill else 0), f"{interrupted} {context}"
        return bool(interrupted)
    finally:
        journal.close()


def test_sigkill_at_chosen_points_never_loses_an_acknowledged_drill(tmp_path: Path) -> None:
    journal_path = tmp_path / "data" / "journal.json"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    rng = random.Random(SEED)
    expected = Expected()
    interrupted = 0
    killed_at: Counter[str] = Counter()

    ahead: deque[Child] = deque()
    try:
        for run in range(KILLS):
            while len(ahead) < PRESTARTED:
                ahead.append(Child(journal_path, rng.randrange(1 << 30), env))
            expected.new_run()
            kind = ahead.popleft().run_and_kill(rng.randint(1, MAX_PAUSE), expected)
            killed_at[kind] += 1
            interrupted += check_after_kill(journal_path, expected, f"after kill {run + 1} at {kind}")
    finally:
        for child in ahead:
            child.discard()

    total_drills = sum(drills for _, drills in expected.sessions.values())
    print(
        f"\n{KILLS} kills: {len(expected.sessions)} sessions, {interrupted} filed as interrupted, "
        f"{total_drills} drills all present; killed at {dict(sorted(killed_at.items()))}"
    )
    # The kills land inside sessions and at every kind of point, or the test proves little.
    assert interrupted >= KILLS // 4
    assert total_drills >= KILLS
    if KILLS >= 200:
        assert set(killed_at) == KINDS, killed_at
