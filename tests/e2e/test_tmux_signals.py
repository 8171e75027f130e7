"""Closing the terminal or ``kill`` mid-hold: the drill so far is saved.

The installed ``backcoach`` runs a one-hold program in a real tmux pane.
Once the pane shows the hold counting down (read from the screen, never
guessed from time), the process gets SIGTERM or SIGHUP, or the whole tmux
session is killed as closing the window would. Then: the exit status is
0, no traceback, the journal holds the session as ``interrupted`` with the
hold as a partial drill, nothing is left in progress, and the folder's lock
is free for the next backcoach. A signal on Home just exits; a signal on a
full disk (a real tmpfs) exits 2 with one sentence saying what was not saved.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import sys
import time
import uuid
from pathlib import Path

import pytest
from small_fs import fill, mounted_tmpfs
from test_tmux_session import (  # noqa: F401 - a fixture
    STEP_TIMEOUT,
    Tmux,
    answered_config,
    heading_is,
    tools,
    wait_for,
)

from backcoach.store.journal import Journal
from backcoach.store.lock import JournalLock

pytestmark = pytest.mark.e2e

#: One long hold: at speed 2 it lasts 60 s of real time, far longer than it
#: takes to see it on screen and signal the process.
PROGRAM = """
id = "one-hold"
name = "One long hold"
description = "A single front plank, for the signal tests."

[[drills]]
id = "front-plank"
sets = 1
hold = 120
"""


#: argv: exit-status file, pid file, the command. Writes backcoach's pid,
#: passes a hang-up on to it, and records how it exited.
SHELL = """
import shlex, signal, subprocess, sys
from pathlib import Path
job = subprocess.Popen(shlex.split(sys.argv[3]))
signal.signal(signal.SIGHUP, lambda *_: job.send_signal(signal.SIGHUP))
Path(sys.argv[2]).write_text(str(job.pid))
code = job.wait()
Path(sys.argv[1]).write_text(str(code))
"""


def wait_until(what: str, done: object) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


class Pane:
    """backcoach in a tmux pane under a job-control parent (see ``SHELL``)."""

    def __init__(self, tmp_path: Path, tools: tuple[str, str], data_dir: Path, *args: str) -> None:  # noqa: F811 - the tools fixture
        tmux_bin, backcoach = tools
        self.rc_file = tmp_path / "exit-status"
        self.pid_file = tmp_path / "backcoach.pid"
        self.err_file = tmp_path / "stderr"
        config = tmp_path / "tmux.conf"
        config.write_text(
            "set -g remain-on-exit on\nset -g status off\nset -s escape-time 0\nset -g default-shell /bin/sh\n",
            encoding="utf-8",
        )
        settings_dir = answered_config(tmp_path)
        app = shlex.join(
            [
                "env", "-u", "NO_COLOR", f"BACKCOACH_CONFIG_DIR={settings_dir}", "TERM=xterm-256color",
                f"BACKCOACH_DATA_DIR={data_dir}", backcoach, "--no-sound", *args,
            ]
        )
        self.command = shlex.join([sys.executable, "-c", SHELL, str(self.rc_file), str(self.pid_file), app])
        self.tmux = Tmux(tmux_bin, f"backcoach-sig-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)

    def signal(self, how: str) -> None:
        if how == "kill-session":  # as closing the window does: the pane's terminal is gone
            self.tmux.run("kill-session")
        else:
            os.kill(int(self.pid_file.read_text()), getattr(signal, how))

    def exit_status(self) -> str:
        wait_until("backcoach to exit", lambda: self.rc_file.exists() and self.rc_file.read_text().strip() != "")
        return self.rc_file.read_text().strip()


def into_the_hold(pane: Pane) -> str:
    tmux = pane.tmux
    wait_for(tmux, '"Safety check"', heading_is("Safety check", "none of these apply"))
    tmux.keys("n")
    wait_for(tmux, '"How is your back"', heading_is("How is your back"))
    tmux.keys("2")
    wait_for(tmux, "the check-in to show 2/10", heading_is("How is your back", "2/10"))
    tmux.keys("Enter")
    wait_for(tmux, "the leg question", heading_is("How is your back", "Where does leg pain reach"))
    tmux.keys("n")  # the check-in's 2 is the pain check: Get ready starts by itself
    wait_for(tmux, '"Get ready"', heading_is("Get ready", "drill 1 of 1", "2/10, green"))
    tmux.keys("Enter")  # start now
    return wait_for(tmux, "the hold counting down", heading_is("Front plank", "Set 1 of 1", "Pause/resume"))


def program_file(tmp_path: Path) -> str:
    path = tmp_path / "one-hold.toml"
    path.write_text(PROGRAM, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "kill-session"])
def test_a_signal_mid_hold_files_the_drill_so_far(tmp_path: Path, tools: tuple[str, str], how: str) -> None:  # noqa: F811 - the tools fixture
    data_dir = tmp_path / "data"
    pane = Pane(tmp_path, tools, data_dir, "--speed", "2", "run", program_file(tmp_path))
    try:
        pane.tmux.start(pane.command)
        screen = into_the_hold(pane)
        current = data_dir / "current_session.json"
        assert json.loads(current.read_text())["status"] == "running"  # the session is on disk
        pane.signal(how)
        status = pane.exit_status()
        if how != "kill-session":
            screen = pane.tmux.screen()
    finally:
        pane.tmux.kill()

    assert status == "0", f"backcoach exited with {status} after {how}; the screen was:\n{screen}"
    assert "Traceback" not in screen, screen
    assert not (data_dir / "current_session.json").exists(), "the session was left in progress"
    (session,) = json.loads((data_dir / "journal.json").read_text())["sessions"].values()
    assert session["status"] == "interrupted"
    assert session["program"]["id"] == "one-hold" and session["checkin_pain"] == 2
    (drill,) = session["drills"]
    assert drill["drill_id"] == "front-plank" and drill["status"] == "partial"
    assert 0 < drill["active_seconds"] < 120
    JournalLock.acquire(data_dir / "journal.lock").release()  # the lock is free


def test_a_signal_on_home_just_exits(tmp_path: Path, tools: tuple[str, str]) -> None:  # noqa: F811 - the tools fixture
    data_dir = tmp_path / "data"
    pane = Pane(tmp_path, tools, data_dir)
    try:
        pane.tmux.start(pane.command)
        wait_for(pane.tmux, "the home screen with its history read", lambda s: "No sessions yet" in s)
        pane.signal("SIGTERM")
        status = pane.exit_status()
        screen = pane.tmux.screen()
    finally:
        pane.tmux.kill()
    assert status == "0" and "Traceback" not in screen, screen
    assert json.loads((data_dir / "journal.json").read_text()).get("sessions", {}) == {}
    JournalLock.acquire(data_dir / "journal.lock").release()


def test_a_signal_on_a_full_disk_exits_2_and_says_what_is_not_saved(tmp_path: Path, tools: tuple[str, str]) -> None:  # noqa: F811 - the tools fixture
    with mounted_tmpfs(tmp_path / "fs") as small_fs:
        data_dir = small_fs / "data"
        pane = Pane(tmp_path, tools, data_dir, "--speed", "2", "run", program_file(tmp_path))
        try:
            pane.tmux.start(pane.command)
            into_the_hold(pane)
            filler = fill(small_fs)
            pane.signal("SIGTERM")
            status = pane.exit_status()
            wait_for(pane.tmux, "the sentence on the shell", lambda s: "No space left on device." in " ".join(s.split()))  # the shell wraps long paths
            screen = pane.tmux.run("capture-pane", "-p", "-S", "-100").stdout  # with what scrolled away
        finally:
            pane.tmux.kill()
        said = "".join(screen.split())  # the pane wraps lines anywhere, even in the path
        assert status == "2", screen
        assert "Traceback" not in screen, screen
        sentence = (
            "backcoach: Not saved yet: 1 drill and how 1 session ended (1 session in all). "
            f"It belongs in {data_dir / 'current_session.json'}, which could not be written: "
            "No space left on device."
        )
        assert "".join(sentence.split()) in said
        # What was saved before stays; once there is space the next start files it as interrupted.
        assert json.loads((data_dir / "current_session.json").read_text())["drills"] == []
        filler.unlink()
        with Journal.open(data_dir / "journal.json") as journal:
            (session,) = journal.sessions()
            assert session["status"] == "interrupted"
            assert any("was interrupted" in notice for notice in journal.notices)
