"""``backcoach doctor``'s sound lines on fake machines: the exact fix for each."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach import cli, paths, sound
from tests.sound_fakes import ALSA_CARDS, FakeMachine

ALSA = {"cards": ALSA_CARDS, "pcm": ("/dev/snd/pcmC0D0p",)}

CASES = [
    # (machine, playsound3's backend, the sound lines doctor prints)
    (
        FakeMachine(commands=frozenset({"gst-play-1.0"})),
        "gst_play",
        [
            "sound:         off: no sound server answers and there is no ALSA playback device, "
            "so nothing can be heard",
            "sound:         fix: no sound server is running: install and start one "
            "(sudo apt install pulseaudio, or pipewire-pulse), or connect a sound device",
            "sound:         fix: gst-play-1.0 is installed but exits without playing when there is nowhere "
            "for sound to go",
        ],
    ),
    (
        FakeMachine(server=True),
        None,
        [
            f"sound:         off: {sound.NO_BACKEND_HINT}",
            "sound:         fix: no player for the sound server: sudo apt install pulseaudio-utils (paplay), "
            "or sudo apt install gstreamer1.0-plugins-base-apps (gst-play-1.0)",
        ],
    ),
    (
        FakeMachine(commands=frozenset({"mpg123"}), **ALSA),
        None,
        [
            f"sound:         off: {sound.NO_BACKEND_HINT}",
            "sound:         fix: no player for the ALSA device: sudo apt install alsa-utils (aplay plays the cues; "
            "playsound3's own ALSA backend needs both aplay and mpg123: sudo apt install alsa-utils mpg123)",
        ],
    ),
    (
        FakeMachine(commands=frozenset({"paplay"}), server=True),
        "gst_play",
        ["sound:         playing cues with paplay: a sound server answers (pactl info)"],
    ),
]


@pytest.mark.parametrize(("machine", "backend", "lines"), CASES)
def test_doctor_gives_the_exact_sound_fix_for_this_machine(
    machine: FakeMachine,
    backend: str | None,
    lines: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    playsound3 = pytest.importorskip("playsound3")
    monkeypatch.setattr(playsound3, "DEFAULT_BACKEND", backend)
    monkeypatch.setattr(sound, "RealMachine", lambda: machine)
    paths.set_data_dir(tmp_path / "data")
    try:
        code = cli.main(["doctor"])
    finally:
        paths.set_data_dir(None)
    out, err = capsys.readouterr()
    assert err == "" and code == 0  # no sound is not a broken install: the session runs with visual cues
    assert [line for line in out.splitlines() if line.startswith("sound:")] == lines
