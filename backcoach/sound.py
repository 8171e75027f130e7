"""Sound cues: lazy, off the UI thread, never fatal, and never trusted blind.

Importing playsound3 probes for players with subprocesses (~80 ms), so the
probe happens on first use from a background thread, never at start-up. It
first looks for somewhere sound can go (``sound_output``: a PulseAudio or
PipeWire server, or an ALSA device), then for a player that reaches it.
Every run of the player is then checked: one that fails, or that ends far
sooner than its clip could have played (``gst-play-1.0`` with no server
exits 0 at once), proves there is no sound. Any failure turns sound off for
the rest of the run and leaves one plain sentence in ``problem``; the
session goes on with visual cues only.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcoach.paths import assets_dir
from backcoach.sound_output import PlayerChoice, RealMachine, choose_player

#: Every cue the engine can ask for, by file name (without ``.wav``).
CUE_NAMES: tuple[str, ...] = (
    "exhale",
    "inhale",
    "hold_start",
    "hold_end",
    "tick",
    "switch_sides",
    "session_complete",
)

NO_BACKEND_HINT = (
    "no sound player was found; install GStreamer (gst-play-1.0), ffmpeg (ffplay) or alsa-utils (aplay) to hear cues"
)

#: A run that ends in less than this share of its clip played nothing.
SHORTEST_SHARE = 0.5
#: Clips shorter than this are not judged by their run time (start-up noise).
JUDGED_CLIP_SECONDS = 0.3
#: A player still running this long after its clip should have ended is stopped.
OVERRUN_SECONDS = 10.0


def sounds_dir() -> Path:
    return assets_dir() / "sounds"


@dataclass(frozen=True)
class SoundStatus:
    available: bool
    backend: str | None
    reason: str
    #: The player's own command line, when backcoach runs it itself (paplay, pw-play, aplay).
    command: tuple[str, ...] = ()
    #: Seconds a cue is started ahead of the moment it marks.
    latency: float = 0.0
    #: What to install or start on this machine when there is no sound.
    fixes: tuple[str, ...] = ()


def probe(choose: Callable[[str | None], PlayerChoice] | None = None) -> SoundStatus:
    """Find where sound goes and a player for it (slow: runs subprocesses)."""
    missing = [name for name in CUE_NAMES if not (sounds_dir() / f"{name}.wav").is_file()]
    if missing:
        return SoundStatus(False, None, f"sound files are missing from {sounds_dir()}: {', '.join(missing)}")
    logging.getLogger("playsound3").setLevel(logging.ERROR)
    try:
        import playsound3
    except Exception as exc:  # a broken install must not stop a session
        return SoundStatus(False, None, f"playsound3 could not be loaded ({exc})")
    backend = playsound3.DEFAULT_BACKEND
    if choose is None:
        machine = RealMachine()
        choice = choose_player(machine, backend)
    else:
        choice = choose(backend)
    if choice.player is None:
        if choice.output.kind is None:
            return SoundStatus(False, None, f"{choice.output.detail}, so nothing can be heard", fixes=choice.fixes)
        return SoundStatus(False, None, NO_BACKEND_HINT, fixes=choice.fixes)
    reason = f"playing cues with {choice.player}: {choice.output.detail}"
    return SoundStatus(True, choice.player, reason, choice.command, choice.latency)


def clip_seconds(path: Path) -> float:
    """How long a WAV clip plays; 0 when it cannot be read (then it is not judged)."""
    try:
        with wave.open(str(path), "rb") as clip:
            return clip.getnframes() / clip.getframerate()
    except (OSError, EOFError, wave.Error):
        return 0.0


def run_problem(code: int | None, elapsed: float, clip: float) -> str | None:
    """Why a finished player run proves there is no sound, or None if it may have played."""
    if code is None:
        return f"the sound player was still running {elapsed:.0f} s into a {clip:.1f} s cue"
    if code != 0:
        return f"the sound player stopped with an error (exit code {code})"
    if clip >= JUDGED_CLIP_SECONDS and elapsed < SHORTEST_SHARE * clip:
        return f"the sound player finished a {clip:.1f} s cue in {elapsed:.2f} s, so nothing was played"
    return None


class CuePlayer:
    """Plays cues on a daemon thread so the UI never waits for a player.

    ``on_problem`` is called once, from a worker thread, with a sentence to
    show the user the first time sound turns out not to work; ``on_status``
    once the probe has decided (so a key bar can say what ``m`` does).
    ``play`` returns what it started (a ``Popen``, a playsound3 ``Sound``, or
    None); a process is watched on its own thread and judged by
    ``run_problem`` with ``monotonic`` as the clock.
    """

    def __init__(
        self,
        muted: bool = False,
        on_problem: Callable[[str], None] | None = None,
        play: Callable[[Path], Any] | None = None,
        prober: Callable[[], SoundStatus] = probe,
        on_status: Callable[[SoundStatus], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.muted = muted
        self.problem: str | None = None
        self._on_problem = on_problem
        self._on_status = on_status
        self._play = play
        self._prober = prober
        self._monotonic = monotonic
        #: Cue names, or the path of a WAV file to play (a spoken prompt, ``play_file``).
        self._queue: queue.Queue[str | Path | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._status: SoundStatus | None = None
        self._fail_lock = threading.Lock()

    @property
    def status(self) -> SoundStatus | None:
        """None until the background probe has run."""
        return self._status

    @property
    def working(self) -> bool | None:
        """None while not yet known, False once sound is known not to work."""
        if self.problem is not None:
            return False
        if self._status is None:
            return None
        return self._status.available

    @property
    def latency(self) -> float:
        """How early to start a cue so it lands on its moment (0 until known)."""
        status = self._status
        return status.latency if status is not None and status.available else 0.0

    def start(self) -> None:
        """Start the worker thread; it probes for a player first."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="backcoach-sound", daemon=True)
            self._thread.start()

    def cue(self, name: str) -> None:
        """Queue a cue; returns at once. Unknown names are a programming error."""
        if name not in CUE_NAMES:
            raise ValueError(f"unknown cue {name!r}")
        if self.muted or self.problem is not None:
            return
        self.start()
        self._queue.put(name)

    def play_file(self, path: Path) -> None:
        """Queue any WAV file (the voice's prompts) behind the cues, through the
        same worker and player; returns at once. The voice waits for a tone
        to end before it hands one over, so the two never pile up here."""
        if self.muted or self.problem is not None:
            return
        self.start()
        self._queue.put(path)

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)

    def _run(self) -> None:
        try:
            status = self._prober()
        except Exception as exc:  # a probe that breaks means no sound, not a crash
            status = SoundStatus(False, None, f"checking for a sound player failed ({exc})")
        self._status = status
        if self._on_status is not None:
            self._on_status(status)
        if not status.available:
            short = "no sound player was found" if status.reason == NO_BACKEND_HINT else status.reason
            self._fail(f"Sound is off: {short}. `backcoach doctor` says more.")
            return
        play = self._play or self._default_player(status)
        while True:
            name = self._queue.get()
            if name is None:
                return
            # Drop a backlog: a late cue is worse than a missing one.
            while not self._queue.empty():
                newer = self._queue.get()
                if newer is None:
                    return
                name = newer
            if self.muted or self.problem is not None:
                continue
            path = name if isinstance(name, Path) else sounds_dir() / f"{name}.wav"
            started = self._monotonic()
            try:
                sound = play(path)
            except Exception as exc:
                self._fail(f"Sound is off: the sound player failed ({exc}).")
                return
            self._watch(sound, started, clip_seconds(path))

    def _watch(self, sound: Any, started: float, clip: float) -> None:
        """Judge the run on its own thread, so cues may overlap and the queue never waits."""
        process = getattr(sound, "subprocess", sound)
        wait = getattr(process, "wait", None)
        if wait is None:
            return

        def judge() -> None:
            try:
                code: int | None = wait(timeout=clip + OVERRUN_SECONDS)
            except subprocess.TimeoutExpired:
                process.terminate()
                code = None
            except Exception as exc:  # noqa: BLE001 - a broken wait is no sound, never a crash
                self._fail(f"Sound is off: the sound player failed ({exc}).")
                return
            problem = run_problem(code, self._monotonic() - started, clip)
            if problem is not None:
                self._fail(f"Sound is off: {problem}. `backcoach doctor` says more.")

        threading.Thread(target=judge, name="backcoach-sound-watch", daemon=True).start()

    def _default_player(self, status: SoundStatus) -> Callable[[Path], Any]:
        if status.command:
            command = status.command

            def run(path: Path) -> Any:
                return subprocess.Popen(
                    [*command, str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )

            return run
        import playsound3

        backend = status.backend

        def play(path: Path) -> Any:
            return playsound3.playsound(path, block=False, backend=backend)

        return play

    def _fail(self, sentence: str) -> None:
        with self._fail_lock:  # two watched runs may fail at once: one sentence
            if self.problem is not None:
                return
            self.problem = sentence
        self._queue.put(None)  # the worker has nothing left to do
        if self._on_problem is not None:
            self._on_problem(sentence)
