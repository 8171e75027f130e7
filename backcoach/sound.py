"""Sound cues over playsound3: lazy, off the UI thread, never fatal.

Importing playsound3 probes for players with subprocesses (~80 ms), so it
happens on first use from a background thread, never at start-up. Any
failure (no backend, a missing file, a player that errors) turns sound off
for the rest of the run and leaves one plain sentence in ``problem``; the
session goes on with visual cues only.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcoach.paths import assets_dir

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
    "no sound player was found; install GStreamer (gst-play-1.0), ffmpeg (ffplay) "
    "or alsa-utils (aplay) to hear cues"
)


def sounds_dir() -> Path:
    return assets_dir() / "sounds"


@dataclass(frozen=True)
class SoundStatus:
    available: bool
    backend: str | None
    reason: str


def probe() -> SoundStatus:
    """Find a usable player and check every cue file exists (slow: runs subprocesses)."""
    missing = [name for name in CUE_NAMES if not (sounds_dir() / f"{name}.wav").is_file()]
    if missing:
        return SoundStatus(False, None, f"sound files are missing from {sounds_dir()}: {', '.join(missing)}")
    logging.getLogger("playsound3").setLevel(logging.ERROR)
    try:
        import playsound3
    except Exception as exc:  # a broken install must not stop a session
        return SoundStatus(False, None, f"playsound3 could not be loaded ({exc})")
    backend = playsound3.DEFAULT_BACKEND
    if not backend:
        return SoundStatus(False, None, NO_BACKEND_HINT)
    return SoundStatus(True, backend, f"playing cues with {backend}")


class CuePlayer:
    """Plays cues on a daemon thread so the UI never waits for a player.

    ``on_problem`` is called once, from the worker thread, with a sentence
    to show the user the first time sound turns out not to work.
    """

    def __init__(
        self,
        muted: bool = False,
        on_problem: Callable[[str], None] | None = None,
        play: Callable[[Path], Any] | None = None,
        prober: Callable[[], SoundStatus] = probe,
    ) -> None:
        self.muted = muted
        self.problem: str | None = None
        self._on_problem = on_problem
        self._play = play
        self._prober = prober
        #: Cue names, or the path of a WAV file to play (a spoken prompt, ``play_file``).
        self._queue: queue.Queue[str | Path | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._status: SoundStatus | None = None

    @property
    def status(self) -> SoundStatus | None:
        """None until the background probe has run."""
        return self._status

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
        if not status.available:
            short = "no sound player was found" if status.reason == NO_BACKEND_HINT else status.reason
            self._fail(f"Sound is off: {short}. `backcoach doctor` says more.")
            return
        play = self._play or self._default_player(status.backend)
        last: Any = None
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
            if self.muted:
                continue
            failed = _exit_failure(last)
            if failed is not None:
                self._fail(f"Sound is off: the sound player stopped with an error ({failed}).")
                return
            try:
                last = play(name if isinstance(name, Path) else sounds_dir() / f"{name}.wav")
            except Exception as exc:
                self._fail(f"Sound is off: the sound player failed ({exc}).")
                return

    def _default_player(self, backend: str | None) -> Callable[[Path], Any]:
        import playsound3

        def play(path: Path) -> Any:
            return playsound3.playsound(path, block=False, backend=backend)

        return play

    def _fail(self, sentence: str) -> None:
        if self.problem is None:
            self.problem = sentence
            if self._on_problem is not None:
                self._on_problem(sentence)


def _exit_failure(sound: Any) -> str | None:
    """A previous cue's player that exited non-zero (e.g. no audio device)."""
    process = getattr(sound, "subprocess", None)
    poll = getattr(process, "poll", None)
    if poll is None:
        return None
    code = poll()
    if code in (None, 0):
        return None
    return f"exit code {code}"
