"""Where sound can go, which player reaches it, and doctor's fix: table-driven over fake machines."""

from __future__ import annotations

import pytest

from backcoach.sound_output import (
    PLAYER_LATENCY_SECONDS,
    PlayerChoice,
    RealMachine,
    choose_player,
    detect_output,
)
from tests.sound_fakes import ALSA_CARDS, RUNTIME, FakeMachine

ALSA = {"cards": ALSA_CARDS, "pcm": ("/dev/snd/pcmC0D0p",)}
PULSE_SOCKET = frozenset({f"{RUNTIME}/pulse/native"})
PIPEWIRE_SOCKET = frozenset({f"{RUNTIME}/pipewire-0", f"{RUNTIME}/pulse/native"})

OUTPUTS = [
    # (what the machine has, the output kind found)
    ({}, None),
    ({"server": True}, "pulse"),
    ({"server": True, "files": PIPEWIRE_SOCKET}, "pipewire"),
    ({"server": False, "files": PULSE_SOCKET}, None),  # a stale socket: pactl says no one is there
    ({"server": None, "files": PULSE_SOCKET}, "pulse"),  # no pactl: the socket is the evidence
    ({"server": None, "files": frozenset({f"{RUNTIME}/pipewire-0"})}, "pipewire"),
    ({"server": None, "env": {"PULSE_SERVER": "unix:/tmp/pa/native"}, "files": frozenset({"/tmp/pa/native"})}, "pulse"),
    ({"server": None, "env": {}, "files": PULSE_SOCKET}, None),  # no runtime dir: not looked for
    (ALSA, "alsa"),
    ({"cards": "--- no soundcards ---\n", "pcm": ("/dev/snd/pcmC0D0p",)}, None),
    ({"cards": ALSA_CARDS, "pcm": ()}, None),  # a capture-only card
    ({"server": False, **ALSA}, "alsa"),
]


@pytest.mark.parametrize(("machine", "kind"), OUTPUTS)
def test_the_output_is_found_where_sound_can_really_go(machine, kind):
    assert detect_output(FakeMachine(**machine)).kind == kind


CHOICES = [
    # (commands, output, playsound3 backend, player chosen, words every fix must contain)
    ({"gst-play-1.0"}, {}, "gst_play", None, ("pulseaudio", "pipewire-pulse", "exits without playing")),
    ({"paplay", "gst-play-1.0"}, {"server": True}, "gst_play", "paplay", ()),
    ({"pw-play"}, {"server": True, "files": PIPEWIRE_SOCKET}, None, "pw-play", ()),
    ({"gst-play-1.0"}, {"server": True}, "gst_play", "gst_play", ()),
    (set(), {"server": True}, None, None, ("sudo apt install pulseaudio-utils", "gstreamer1.0-plugins-base-apps")),
    ({"gst-play-1.0"}, {"server": True, "files": PIPEWIRE_SOCKET}, "alsa", None, ("pulseaudio-utils", "pipewire-bin")),
    ({"aplay"}, ALSA, None, "aplay", ()),
    ({"aplay", "mpg123"}, ALSA, "alsa", "aplay", ()),
    ({"mpg123"}, ALSA, None, None, ("sudo apt install alsa-utils", "sudo apt install alsa-utils mpg123")),
    ({"gst-play-1.0"}, ALSA, "gst_play", "gst_play", ()),
]


@pytest.mark.parametrize(("commands", "output", "backend", "player", "words"), CHOICES)
def test_a_player_that_reaches_the_output_or_the_exact_fix(commands, output, backend, player, words):
    choice = choose_player(FakeMachine(commands=frozenset(commands), **output), backend)
    assert choice.player == player
    if player is None:
        assert choice.fixes and choice.command == ()
        text = " ".join(choice.fixes)
        for word in words:
            assert word in text, text
    else:
        assert choice.fixes == ()
        assert choice.latency == PLAYER_LATENCY_SECONDS[player] > 0


def test_own_players_run_with_their_full_path():
    paplay = choose_player(FakeMachine(commands=frozenset({"paplay"}), server=True), None)
    assert paplay.command == ("/usr/bin/paplay",)
    aplay = choose_player(FakeMachine(commands=frozenset({"aplay"}), **ALSA), None)
    assert aplay.command == ("/usr/bin/aplay", "--quiet")
    gst = choose_player(FakeMachine(commands=frozenset({"gst-play-1.0"}), server=True), "gst_play")
    assert gst.command == ()  # playsound3 runs its own backends


def test_no_player_means_no_latency():
    assert PlayerChoice(detect_output(FakeMachine()), None).latency == 0.0


def test_the_real_machine_answers_without_pactl_in_bounded_time(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert RealMachine().server_answers() is None
    assert RealMachine({}).read_text("/nonexistent/cards") == ""
