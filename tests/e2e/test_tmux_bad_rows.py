"""The installed ``backcoach`` on a journal with rows that used to stop it.

A session started today with a start time that is not ISO 8601 made every
session start crash in the safety check, and an integer of 5,000 digits
made the journal unreadable. In a real terminal: the app starts and says
once that the rows were set aside, History opens, a session starts, and it
quits cleanly; the rows are in the side file byte for byte.
"""

from __future__ import annotations

import json
import os
import shlex
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from factories import session_doc
from test_tmux_session import (  # noqa: F401 - tools is a fixture
    Tmux,
    answered_config,
    first_line,
    heading_is,
    tools,
    wait_for,
)

pytestmark = pytest.mark.e2e

#: One session that fits the model (the shared factory's shape).
GOOD = session_doc(
    "good",
    datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    minutes=20,
    program={"id": "quick-start", "name": "Quick start"},
)
BAD = (
    json.dumps(dict(GOOD, id="today", started_at="today at 8am")).encode(),
    b'{"id": "huge", "checkin_pain": ' + b"9" * 5000 + b"}",
    b'{"id": "deep", "x": ' + b"[" * 900 + b"]" * 900 + b"}",
)


def test_bad_rows_never_stop_the_app_in_a_real_terminal(tmp_path: Path, tools: tuple[str, str]) -> None:  # noqa: F811
    tmux_bin, backcoach = tools
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    rows = [json.dumps(GOOD).encode(), *BAD]
    body = b",".join(f'"{n}":'.encode() + raw for n, raw in enumerate(rows, start=1))
    (data_dir / "journal.json").write_bytes(b'{"meta":{"1":{"schema_version":1}},"sessions":{' + body + b"}}")
    rc_file = tmp_path / "exit-status"
    config = tmp_path / "tmux.conf"
    config.write_text(
        "set -g remain-on-exit on\nset -g status off\nset -s escape-time 0\nset -g default-shell /bin/sh\n",
        encoding="utf-8",
    )
    command = " ".join(
        [
            "env", "-u", "NO_COLOR", shlex.quote(f"BACKCOACH_CONFIG_DIR={answered_config(tmp_path)}"),
            "TERM=xterm-256color",
            shlex.quote(f"BACKCOACH_DATA_DIR={data_dir}"), shlex.quote(backcoach), "--no-sound",
        ]
    ) + f"; echo $? > {shlex.quote(str(rc_file))}"

    tmux = Tmux(tmux_bin, f"backcoach-rows-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)
    try:
        tmux.start(command)
        wait_for(
            tmux,
            "the home screen and the set-aside notice",
            lambda s: first_line(s).startswith("backcoach") and "3 sessions in your journal could not" in s,
        )
        tmux.keys("h")
        wait_for(tmux, '"History" with the good session', heading_is("History", "Streak"))
        tmux.keys("Escape")
        wait_for(tmux, "the home screen again", lambda s: first_line(s).startswith("backcoach"))
        tmux.keys("Enter")  # a session starts: the safety check reads every start time
        wait_for(tmux, '"Safety check"', heading_is("Safety check", "none of these apply"))
        tmux.keys("Escape")
        wait_for(tmux, "the home screen after the safety check", lambda s: first_line(s).startswith("backcoach"))
        tmux.keys("q")
        wait_for(tmux, "backcoach to exit", lambda s: rc_file.exists() and rc_file.read_text().strip() != "")
        final_screen = tmux.screen()
    finally:
        tmux.kill()

    assert rc_file.read_text().strip() == "0", final_screen
    assert "Traceback" not in final_screen
    side = (data_dir / "journal.json.set-aside").read_bytes()
    for raw in BAD:
        assert b"\n" + raw + b"\n" in side
