"""The installed ``backcoach`` in a real terminal: one whole quick-start session.

Pilot tests (tests/tui) drive the app inside Textual's own harness. This test
starts the console script that ``pip install`` put on PATH, in an 80x24 tmux
pane with TERM=xterm-256color, and works through the session with
``tmux send-keys`` exactly as a person would, reading the screen with
``tmux capture-pane``. It then quits and checks what landed in the journal.

Every step waits for the screen it needs (the heading on the first line plus
the drill number), never for a fixed time, so it is as fast as the app and
fails with the screen it was looking at.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import time
import tomllib
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
PROGRAM_FILE = REPO / "assets" / "programs" / "quick-start.toml"
SPEED = 20
WIDTH, HEIGHT = 80, 24
STEP_TIMEOUT = 30.0
POLL = 0.05


class Tmux:
    """One private tmux server (its own socket) running one pane."""

    def __init__(self, tmux: str, socket: str, config: Path) -> None:
        self.tmux = tmux
        self.socket = socket
        self.config = config
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-L", self.socket, "-f", str(self.config), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=check,
        )

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p").stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)

    def kill(self) -> None:
        """Stop the server and remove its socket file, which tmux leaves behind."""
        found = self.run("display-message", "-p", "#{socket_path}", check=False)
        self.run("kill-server", check=False)
        socket_path = found.stdout.strip()
        if found.returncode == 0 and socket_path:
            Path(socket_path).unlink(missing_ok=True)


def first_line(screen: str) -> str:
    lines = screen.splitlines()
    return lines[0].strip() if lines else ""


def wait_for(
    tmux: Tmux,
    what: str,
    ready: Callable[[str], bool],
    timeout: float = STEP_TIMEOUT,
) -> str:
    """Poll the pane until ``ready(screen)``; fail showing the last screen."""
    deadline = time.monotonic() + timeout
    while True:
        screen = tmux.screen()
        if ready(screen):
            return screen
        if "Traceback (most recent call last)" in screen:
            pytest.fail(f"backcoach crashed while waiting for {what}:\n{screen}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; the screen was:\n{screen}")
        time.sleep(POLL)


def answered_config(tmp_path: Path) -> Path:
    """A settings folder of a user who has answered the health background (all no)."""
    from backcoach.coach.background import empty_background

    folder = tmp_path / "config"
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({"health_background": empty_background()}))
    return folder


def heading_is(heading: str, *also: str) -> Callable[[str], bool]:
    """The screen's first line starts with ``heading`` and the body shows ``also``."""

    def check(screen: str) -> bool:
        return first_line(screen).startswith(heading) and all(text in screen for text in also)

    return check


@pytest.fixture
def tools() -> tuple[str, str]:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed; the end-to-end test needs a real terminal")
    backcoach = shutil.which("backcoach")
    if backcoach is None:
        pytest.skip(
            "the backcoach console script is not on PATH; "
            "install the project first: pip install -e '.[test]'"
        )
    return tmux, backcoach


def test_quick_start_session_in_a_real_terminal(tmp_path: Path, tools: tuple[str, str]) -> None:
    tmux_bin, backcoach = tools
    program = tomllib.loads(PROGRAM_FILE.read_text(encoding="utf-8"))
    drill_ids = [item["id"] for item in program["drills"]]
    total = len(drill_ids)

    data_dir = tmp_path / "data"
    rc_file = tmp_path / "exit-status"
    config = tmp_path / "tmux.conf"
    # The pane stays after backcoach exits, so a traceback can still be read;
    # no status line, so the pane is the full 80x24; a known shell.
    config.write_text(
        "set -g remain-on-exit on\n"
        "set -g status off\n"
        "set -s escape-time 0\n"
        "set -g default-shell /bin/sh\n",
        encoding="utf-8",
    )
    command = " ".join(
        [
            "env",
            "-u",
            "NO_COLOR",
            "TERM=xterm-256color",
            shlex.quote(f"BACKCOACH_DATA_DIR={data_dir}"),
            shlex.quote(f"BACKCOACH_CONFIG_DIR={tmp_path / 'config'}"),
            shlex.quote(backcoach),
            "--no-sound",
            "--speed",
            str(SPEED),
            "run",
            "quick-start",
        ]
    ) + f"; echo $? > {shlex.quote(str(rc_file))}"

    tmux = Tmux(tmux_bin, f"backcoach-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)
    try:
        tmux.start(command)
        size = tmux.run("display-message", "-p", "#{pane_width}x#{pane_height}").stdout.strip()
        assert size == f"{WIDTH}x{HEIGHT}", f"the tmux pane is {size}, not {WIDTH}x{HEIGHT}"

        # A fresh user: the one-time health background, five questions.
        for number in range(1, 6):
            wait_for(tmux, f"background question {number}", heading_is("Health background", f"Question {number} of 5"))
            tmux.keys("n")
        wait_for(tmux, "the background answers to review", heading_is("Health background", "Your answers"))
        tmux.keys("Enter")
        # A fresh data folder: today's safety check comes first and cannot be skipped.
        wait_for(tmux, '"Safety check"', heading_is("Safety check", "none of these apply"))
        tmux.keys("n")

        wait_for(tmux, 'the check-in "How is your back"', heading_is("How is your back"))
        tmux.keys("2")
        wait_for(tmux, "the check-in to show 2/10", heading_is("How is your back", "2/10"))
        tmux.keys("Enter")
        wait_for(tmux, "the leg question", heading_is("How is your back", "Where does leg pain reach"))
        tmux.keys("n")

        for number, drill_id in enumerate(drill_ids, start=1):
            of = f"drill {number} of {total}"
            step = f"{drill_id} ({of})"
            if number > 1:  # the first drill's pain check is the check-in's 2
                wait_for(tmux, f'"Pain check" before {step}', heading_is("Pain check", of))
                tmux.keys("2")  # one key: green goes straight on
            # No key: Get ready counts down by itself, then the drill runs.
            wait_for(tmux, f'"Get ready" for {step}', heading_is("Get ready", of))
            wait_for(tmux, f'"How did that feel" after {step}', heading_is("How did that feel"))
            tmux.keys("2")  # about right

        wait_for(
            tmux,
            '"Session complete" with the session saved',
            heading_is("Session complete", "Saved to your journal."),
        )
        tmux.keys("Enter")
        wait_for(tmux, "the home screen", lambda s: first_line(s).startswith("backcoach"))
        tmux.keys("q")

        wait_for(tmux, "backcoach to exit", lambda s: rc_file.exists() and rc_file.read_text().strip() != "")
        final_screen = tmux.screen()
    finally:
        tmux.kill()

    status = rc_file.read_text().strip()
    assert status == "0", f"backcoach exited with status {status}; the terminal showed:\n{final_screen}"
    assert "Traceback" not in final_screen, final_screen

    journal_file = data_dir / "journal.json"
    assert journal_file.is_file(), f"no journal at {journal_file}"
    assert not (data_dir / "current_session.json").exists(), "the finished session was not filed"
    sessions = list(json.loads(journal_file.read_text(encoding="utf-8"))["sessions"].values())
    assert len(sessions) == 1, sessions
    session = sessions[0]
    assert session["status"] == "completed"
    assert session["program"]["id"] == "quick-start"
    assert session["demo"] is True
    assert session["speed"] == float(SPEED)
    assert session["checkin_pain"] == 2
    assert session["safety"]["answers"] and not any(session["safety"]["answers"].values())
    assert [d["drill_id"] for d in session["drills"]] == drill_ids
    for drill in session["drills"]:
        assert drill["status"] == "done", drill
        assert drill["gate_pain"] == 2, drill
        assert drill["difficulty"] == "about_right", drill
