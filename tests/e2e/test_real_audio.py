"""The installed app, really heard: a tiny program at real speed in a real
terminal, playing into a private PulseAudio null sink whose monitor is
recorded; every expected cue and spoken prompt must be audible in the
recording, in order.

The server is this test's own (``tests/pulse_server.py``), so no other sound
on the machine is recorded. Without PulseAudio the test is skipped with the
reason; ``.ci/run`` sets ``BACKCOACH_REQUIRE_AUDIO=1`` so there it fails
instead, and it checks the test really passed.

``EXPECTED`` is a list of clip names (each a WAV file found by ``clip_path``:
a cue tone, or ``voice/`` and a spoken phrase's clip). Only prompts that are
certain to be said are expected: the one after a drill's last tone ("how did
that feel") and the last one ("session complete"); others are dropped when
the session moves on first, by design (``backcoach.voice_queue``).
"""

from __future__ import annotations

import json
import os
import shlex
import uuid
import wave
from pathlib import Path

import pytest

from backcoach.sound import sounds_dir
from backcoach.voice import voice_dir
from tests.audio_match import Features, features, find_in_order, pcm_from_raw, pcm_from_wav
from tests.e2e.test_tmux_session import Tmux, answered_config, first_line, heading_is, tools, wait_for
from tests.pulse_server import RATE, PulseServer, Recorder

pytestmark = pytest.mark.e2e

__all__ = ["tools"]  # the fixture, shared with the session test

#: One short reps drill and one short hold: about 30 s at real speed.
PROGRAM = """
id = "real-audio"
name = "Real audio check"
description = "One short reps drill and one short hold, to hear every kind of cue."

[[drills]]
id = "cat-camel"
reps = 2
tempo = 2

[[drills]]
id = "knee-plank"
hold = 5
sets = 1
"""

COUNTDOWN = ["tick", "tick", "tick"]  # the get-ready's last three seconds
#: What the program must sound like, in order.
EXPECTED = [
    *COUNTDOWN,
    "exhale", "inhale", "exhale", "inhale",  # cat-camel: 2 reps, exhale with flexion
    "voice/how-did-that-feel",
    *COUNTDOWN,
    "hold_start", "tick", "tick", "tick", "hold_end",  # knee-plank: a 5 s hold
    "voice/how-did-that-feel",
    "session_complete",
    "voice/session-complete",
]  # fmt: skip


def clip_path(name: str) -> Path:
    if name.startswith("voice/"):
        return voice_dir() / f"{name.removeprefix('voice/')}.wav"
    return sounds_dir() / f"{name}.wav"


def clip(name: str) -> Features:
    samples, rate = pcm_from_wav(clip_path(name))
    return features(samples, rate)


def bar_offers_mute(screen: str) -> bool:
    lines = screen.rstrip().splitlines()
    return bool(lines) and lines[-1].endswith(" m Mute")


def test_every_cue_is_heard_in_order(tmp_path: Path, tools: tuple[str, str]) -> None:
    tmux_bin, backcoach = tools
    server = PulseServer(tmp_path)
    server.start()
    recorder = Recorder(server)
    program = tmp_path / "real-audio.toml"
    program.write_text(PROGRAM, encoding="utf-8")
    settings = answered_config(tmp_path) / "settings.json"
    # The shortest get-ready (5 s; the first drill's twice that): the test hears its last three ticks.
    settings.write_text(json.dumps({**json.loads(settings.read_text()), "ready_seconds": 5}), encoding="utf-8")
    rc_file = tmp_path / "exit-status"
    config = tmp_path / "tmux.conf"
    config.write_text("set -g remain-on-exit on\nset -g status off\nset -s escape-time 0\n"
                      "set -g default-shell /bin/sh\n", encoding="utf-8")  # fmt: skip
    env = [f"{key}={server.env[key]}" for key in ("PULSE_SERVER", "PULSE_RUNTIME_PATH")]
    command = " ".join(
        shlex.quote(part)
        for part in [
            "env", "-u", "NO_COLOR", "TERM=xterm-256color", *env,
            f"BACKCOACH_DATA_DIR={tmp_path / 'data'}", f"BACKCOACH_CONFIG_DIR={tmp_path / 'config'}",
            backcoach, "run", str(program),
        ]
    ) + f"; echo $? > {shlex.quote(str(rc_file))}"  # fmt: skip
    tmux = Tmux(tmux_bin, f"backcoach-audio-{os.getpid()}-{uuid.uuid4().hex[:8]}", config)
    try:
        recorder.start()
        tmux.start(command)
        wait_for(tmux, '"Safety check"', heading_is("Safety check", "none of these apply"))
        tmux.keys("n")
        wait_for(tmux, 'the check-in "How is your back"', heading_is("How is your back"))
        tmux.keys("2")
        wait_for(tmux, "the check-in to show 2/10", heading_is("How is your back", "2/10"))
        tmux.keys("Enter")
        wait_for(tmux, "the leg question", heading_is("How is your back", "Where does leg pain reach"))
        tmux.keys("n")  # the check-in is the first drill's pain check: Get ready starts by itself
        for number in (1, 2):
            of = f"drill {number} of 2"
            if number > 1:
                wait_for(tmux, f'"Pain check" before {of}', heading_is("Pain check", of))
                tmux.keys("2")  # one key: green, Get ready starts by itself
            wait_for(tmux, f'"Get ready" for {of}', heading_is("Get ready", of))
            wait_for(tmux, "the key bar to offer Mute (a working player found)", bar_offers_mute)
            wait_for(tmux, f'"How did that feel" after {of}', heading_is("How did that feel"), timeout=60)
            recorder.wait_quiet(0.5)  # the drill's last cue plays out, as it would for a person rating it
            tmux.keys("2")
        wait_for(tmux, '"Session complete"', heading_is("Session complete"))
        wait_for(tmux, "the session to be saved", heading_is("Session complete", "Saved to your journal."))
        recorder.wait_quiet()  # the last cues have played out before the app quits
        assert bar_offers_mute(tmux.screen()), tmux.screen()  # no run of the player was judged silent
        tmux.keys("Enter")
        wait_for(tmux, "the home screen", lambda s: first_line(s).startswith("backcoach"))
        tmux.keys("q")
        wait_for(tmux, "backcoach to exit", lambda s: rc_file.exists() and rc_file.read_text().strip() != "")
        final_screen = tmux.screen()
    finally:
        tmux.kill()
        raw = recorder.stop()
        server.stop()
    assert rc_file.read_text().strip() == "0", final_screen
    recording = features(pcm_from_raw(raw), RATE)
    matches, problem = find_in_order(recording, [(name, clip(name)) for name in EXPECTED])
    heard = ", ".join(f"{m.name}@{m.at:.2f}s" for m in matches)
    if problem is not None:
        kept = tmp_path / "recording.wav"
        with wave.open(str(kept), "wb") as out:  # to listen to, or to run the checker on again
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(raw)
        pytest.fail(f"{problem}; heard in order: {heard}; the recording is {kept}")
    assert [m.name for m in matches] == EXPECTED
    # A cue started twice (early, and again when the engine queued it) sums to twice as loud.
    doubled = [f"{m.name}@{m.at:.2f}s" for m in matches if m.level > 1.5 * max(clip(m.name).rms)]
    assert not doubled, f"played twice at once: {doubled}"
