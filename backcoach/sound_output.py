"""Is there anywhere for sound to go on this machine, which player can take
it there, and if not, exactly what to install.

A player that exists proves nothing: on a machine with GStreamer but no
sound server ``gst-play-1.0`` exits 0 and plays nothing. So the output comes
first (a PulseAudio or PipeWire server, or an ALSA playback device), then a
player that can reach it. Everything here reads the machine through a
``Machine`` so the decisions are tested with fakes; the real one runs
``pactl`` with a time bound, and is only ever used off the UI thread.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

#: How long ``pactl info`` may take before the server counts as absent.
PACTL_TIMEOUT_SECONDS = 2.0

#: Start-up latency of each player (seconds from launch to sound), by which a
#: cue is started before the phase change it marks. paplay's is measured on a
#: PulseAudio null sink (``tests/bench/sound_latency.py``), gst-play's is
#: DESIGN's figure; the others are estimates on the low side, so a cue errs
#: towards a little late rather than early.
PLAYER_LATENCY_SECONDS: Mapping[str, float] = {
    "paplay": 0.010,
    "pw-play": 0.010,
    "aplay": 0.010,
    "gst_play": 0.056,
    "ffplay": 0.050,
    "alsa": 0.010,
}

#: Debian packages, for ``doctor``'s fixes.
PACKAGES: Mapping[str, str] = {
    "paplay": "pulseaudio-utils",
    "pactl": "pulseaudio-utils",
    "pw-play": "pipewire-bin",
    "aplay": "alsa-utils",
    "mpg123": "mpg123",
    "gst-play-1.0": "gstreamer1.0-plugins-base-apps",
    "ffplay": "ffmpeg",
}


class Machine(Protocol):
    """What detection reads; ``RealMachine`` or a fake in tests."""

    env: Mapping[str, str]

    def which(self, command: str) -> str | None: ...

    def server_answers(self) -> bool | None:
        """True if ``pactl info`` reached a server, False if not, None without pactl."""
        ...

    def exists(self, path: str) -> bool: ...

    def read_text(self, path: str) -> str: ...

    def glob(self, pattern: str) -> list[str]: ...


class RealMachine:
    """This machine. ``server_answers`` runs a subprocess: call it off the UI thread."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self.env = os.environ if env is None else env

    def which(self, command: str) -> str | None:
        return shutil.which(command)

    def server_answers(self) -> bool | None:
        pactl = self.which("pactl")
        if pactl is None:
            return None
        try:
            done = subprocess.run(
                [pactl, "info"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                timeout=PACTL_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        return done.returncode == 0

    def exists(self, path: str) -> bool:
        return os.path.exists(path)

    def read_text(self, path: str) -> str:
        try:
            return Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def glob(self, pattern: str) -> list[str]:
        return sorted(glob.glob(pattern))


@dataclass(frozen=True)
class Output:
    """Where sound can go: ``kind`` is "pulse", "pipewire", "alsa" or None."""

    kind: str | None
    detail: str


def detect_output(machine: Machine) -> Output:
    """A sound server first (what desktop players use), else an ALSA device."""
    answered = machine.server_answers()
    if answered:
        kind = "pipewire" if _pipewire_socket(machine) else "pulse"
        return Output(kind, "a sound server answers (pactl info)")
    if answered is None:
        pulse = _pulse_socket(machine)
        if pulse is not None:
            return Output("pulse", f"a PulseAudio socket is at {pulse}")
        pipewire = _pipewire_socket(machine)
        if pipewire is not None:
            return Output("pipewire", f"a PipeWire socket is at {pipewire}")
    cards = machine.read_text("/proc/asound/cards").strip()
    devices = machine.glob("/dev/snd/pcm*p")
    if cards and "no soundcards" not in cards and devices:
        return Output("alsa", f"an ALSA playback device ({devices[0]})")
    return Output(None, "no sound server answers and there is no ALSA playback device")


def _runtime_dir(machine: Machine) -> str | None:
    return machine.env.get("XDG_RUNTIME_DIR") or None


def _pulse_socket(machine: Machine) -> str | None:
    server = machine.env.get("PULSE_SERVER", "")
    if server.startswith("unix:") and machine.exists(server[5:]):
        return server[5:]
    runtime = _runtime_dir(machine)
    if runtime is not None and machine.exists(f"{runtime}/pulse/native"):
        return f"{runtime}/pulse/native"
    return None


def _pipewire_socket(machine: Machine) -> str | None:
    runtime = _runtime_dir(machine)
    if runtime is not None and machine.exists(f"{runtime}/pipewire-0"):
        return f"{runtime}/pipewire-0"
    return None


@dataclass(frozen=True)
class PlayerChoice:
    """A player that can reach the output, or None and the fixes to get one."""

    output: Output
    player: str | None
    command: tuple[str, ...] = ()
    fixes: tuple[str, ...] = field(default=())

    @property
    def latency(self) -> float:
        """How early to start a cue so it lands on its moment."""
        return PLAYER_LATENCY_SECONDS.get(self.player or "", 0.0)


def _install(*commands: str) -> str:
    packages = sorted({PACKAGES[c] for c in commands})
    return f"sudo apt install {' '.join(packages)}"


def choose_player(machine: Machine, playsound3_backend: str | None) -> PlayerChoice:
    """The best player for the output found, else the exact fix for this machine.

    The own command players (paplay, pw-play, aplay) play the WAV cues
    directly with the least start-up delay; playsound3's backend is the
    fallback. ``playsound3_backend`` is its ``DEFAULT_BACKEND`` (or None).
    """
    output = detect_output(machine)
    have = machine.which
    if output.kind is None:
        fixes = [
            "no sound server is running: install and start one "
            "(sudo apt install pulseaudio, or pipewire-pulse), or connect a sound device"
        ]
        if have("gst-play-1.0"):
            fixes.append("gst-play-1.0 is installed but exits without playing when there is nowhere for sound to go")
        return PlayerChoice(output, None, fixes=tuple(fixes))
    if output.kind in ("pulse", "pipewire"):
        for command in ("paplay", "pw-play"):
            path = have(command)
            if path is not None:
                return PlayerChoice(output, command, (path,))
        if playsound3_backend in ("gst_play", "ffplay"):
            return PlayerChoice(output, playsound3_backend)
        return PlayerChoice(output, None, fixes=(_server_fix(machine, output),))
    path = have("aplay")
    if path is not None:
        return PlayerChoice(output, "aplay", (path, "--quiet"))
    if playsound3_backend in ("gst_play", "ffplay", "alsa"):
        return PlayerChoice(output, playsound3_backend)
    fix = f"no player for the ALSA device: {_install('aplay')} (aplay plays the cues"
    fix += "; playsound3's own ALSA backend needs both aplay and mpg123: " + _install("aplay", "mpg123") + ")"
    return PlayerChoice(output, None, fixes=(fix,))


def _server_fix(machine: Machine, output: Output) -> str:
    if output.kind == "pipewire":
        return f"no player for the PipeWire server: {_install('paplay')} (paplay), or {_install('pw-play')} (pw-play)"
    fix = f"no player for the sound server: {_install('paplay')} (paplay)"
    if not machine.which("gst-play-1.0"):
        fix += f", or {_install('gst-play-1.0')} (gst-play-1.0)"
    return fix
