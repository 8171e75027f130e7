"""The installed ``backcoach review FILE`` in a real terminal, on a clinic laptop's data folder.

The patient's export opens on History labelled with the file's name as typed,
its Drills page shows, ``escape`` closes it with exit status 0, and the data
folder (a journal, a session left running, a temp file, settings, an imported
program) is exactly as it was: no lock taken, nothing recovered or cleaned
up, no cache or settings written, no file added.
"""

from __future__ import annotations

import os
import shlex
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import drill_record, session_doc
from review_data import clinic_data, folder_state
from test_tmux_session import (  # noqa: F401 - tools is a fixture
    Tmux,
    heading_is,
    tools,
    wait_for,
)

from backcoach.store.export import export_json, write_export

pytestmark = pytest.mark.e2e
UK = timezone(timedelta(hours=1))


def test_review_in_a_real_terminal_leaves_the_data_folder_alone(tmp_path: Path, tools: tuple[str, str]) -> None:  # noqa: F811
    tmux_bin, backcoach = tools
    data_dir = tmp_path / "clinic"
    clinic_data(data_dir)
    before = folder_state(data_dir)
    patient = tmp_path / "from-anna"
    patient.mkdir()
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UK)
    sessions = [
        session_doc(f"anna-{n}", start + timedelta(days=2 * n), program={"id": "quick-start", "name": "Quick start"},
                    drills=[drill_record("pelvic-tilt"), drill_record("cat-camel", status="partial")])
        for n in range(5)
    ]
    write_export(patient / "anna.json", export_json(sessions))
    rc_file = tmp_path / "exit-status"
    config = tmp_path / "tmux.conf"
    config.write_text(
        "set -g remain-on-exit on\nset -g status off\nset -s escape-time 0\nset -g default-shell /bin/sh\n",
        encoding="utf-8",
    )
    command = (
        f"cd {shlex.quote(str(patient))} && env -u NO_COLOR -u BACKCOACH_CONFIG_DIR -u BACKCOACH_CACHE_DIR "
        f"TERM=xterm-256color {shlex.quote(f'BACKCOACH_DATA_DIR={data_dir}')} "
        f"{shlex.quote(backcoach)} --no-sound review anna.json; echo $? > {shlex.quote(str(rc_file))}"
    )
    tmux = Tmux(tmux_bin, f"backcoach-review-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)
    try:
        tmux.start(command)
        wait_for(tmux, "the review of anna.json", heading_is("Reviewing anna.json — read only", "Streak"))
        tmux.keys("d")
        wait_for(tmux, "the Drills page", lambda s: "Times Done Partly" in s and "Cat-camel" in s)
        tmux.keys("e")
        wait_for(tmux, "the refused export", lambda s: "read-only" in s and "exported" in s)
        tmux.keys("Escape")
        wait_for(tmux, "backcoach to exit", lambda s: rc_file.exists() and rc_file.read_text().strip() != "")
        final_screen = tmux.screen()
    finally:
        tmux.kill()

    assert rc_file.read_text().strip() == "0", final_screen
    assert "Traceback" not in final_screen
    after = folder_state(data_dir)
    assert sorted(after) == sorted(before)
    assert after == before
