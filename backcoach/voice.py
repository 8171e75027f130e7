"""The voice: spoken prompts from committed clips, through the cue player.

The runner tells the voice about every cue tone it plays (``tone``) and
every new session view (``follow``); ``voice_script`` says what to say,
``voice_queue`` when. An utterance is the phrases' clips joined into one
short WAV (so one player start per prompt, and dose numbers compose from
number clips), written to a private temporary folder and handed to the same
non-blocking ``CuePlayer`` as the cues (``CuePlayer.play_file``): muting
(``m``) silences the voice too, and a player found not to work turns both off.

Reading the clips' headers, joining clips and speaking live happen on the
voice's own worker thread, never on the UI thread. A phrase without a clip
(a drill added since the clips were made) is spoken live with espeak-ng
where it is installed; where it is not, the prompt is left out and the
person is told once: the screen and the tones still cue every step.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from backcoach.coach.session_view import SessionView
from backcoach.content.model import Drill
from backcoach.paths import assets_dir
from backcoach.sound import CUE_NAMES, sounds_dir
from backcoach.voice_queue import Utterance, VoiceQueue, Words
from backcoach.voice_script import context_of, prompts_between
from backcoach.voice_words import phrases_for, slug, spoken

#: Silence between the phrases of one prompt.
JOIN_SECONDS = 0.1
#: How long live speech takes, roughly, per character (espeak-ng at 150 wpm).
LIVE_SECONDS_PER_CHAR = 0.075
ESPEAK_VOICE = ("-v", "en-gb", "-s", "150")


def voice_dir() -> Path:
    return assets_dir() / "voice"


class Speaker(Protocol):
    """What the voice needs of the cue player (``backcoach.sound.CuePlayer``)."""

    muted: bool

    @property
    def problem(self) -> str | None: ...

    def play_file(self, path: Path) -> None: ...


def wav_seconds(path: Path) -> float | None:
    """A WAV file's length, or None where it is not a readable mono 16-bit WAV."""
    try:
        with wave.open(str(path), "rb") as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                return None
            return w.getnframes() / w.getframerate()
    except (OSError, EOFError, wave.Error):
        return None


class Clips:
    """The committed clips by slug, with their lengths (read once, off the UI thread)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seconds: dict[str, float] = {}
        self.rate: int | None = None
        for path in sorted(folder.glob("*.wav")) if folder.is_dir() else ():
            length = wav_seconds(path)
            if length is not None:
                self.seconds[path.stem] = length
        if self.seconds:
            with wave.open(str(folder / f"{next(iter(self.seconds))}.wav"), "rb") as w:
                self.rate = w.getframerate()

    def has(self, phrase: str) -> bool:
        return slug(phrase) in self.seconds

    def length(self, words: Words) -> float | None:
        """How long the joined clips take; None if any phrase has no clip."""
        if not all(self.has(w) for w in words):
            return None
        return sum(self.seconds[slug(w)] for w in words) + JOIN_SECONDS * (len(words) - 1)

    def join(self, words: Words, target: Path) -> None:
        """Write the phrases' clips, one after another, as one WAV."""
        assert self.rate is not None
        gap = b"\x00\x00" * round(JOIN_SECONDS * self.rate)
        parts: list[bytes] = []
        for word in words:
            with wave.open(str(self.folder / f"{slug(word)}.wav"), "rb") as w:
                if w.getframerate() != self.rate:
                    raise ValueError(f"the clip for {word!r} is at {w.getframerate()} Hz, not {self.rate} Hz")
                parts.append(w.readframes(w.getnframes()))
        with wave.open(str(target), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(gap.join(parts))


def espeak_path() -> str | None:
    return shutil.which("espeak-ng")


def speak_live(espeak: str, words: Words, target: Path) -> None:
    """Have espeak-ng say ``words`` into a WAV file."""
    text = ", ".join(spoken(w) for w in words)
    subprocess.run([espeak, *ESPEAK_VOICE, "-w", str(target), text], check=True, capture_output=True, timeout=30)


class Voice:
    """Says the session's prompts; ``enabled`` is the ``v`` setting.

    ``run`` hands a job to the worker thread (tests pass one that runs it at
    once); ``on_notice`` gets the one sentence said when the voice cannot speak.
    """

    def __init__(
        self,
        speaker: Speaker,
        enabled: bool = True,
        on_notice: Callable[[str], None] | None = None,
        folder: Path | None = None,
        espeak: Callable[[], str | None] = espeak_path,
        run: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        self.speaker = speaker
        self.enabled = enabled
        self._on_notice = on_notice
        self._folder = folder
        self._find_espeak = espeak
        self._run = run or self._submit
        self._queue = VoiceQueue()
        self._clips: Clips | None = None
        self._espeak: str | None = None
        self._tones: dict[str, float] = {}
        self._last: SessionView | None = None
        self._notified = False
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._made: dict[Words, Path] = {}
        self._tmp: Path | None = None
        self._starting = False

    @property
    def ready(self) -> bool:
        """The clips have been read (``start``)."""
        return self._clips is not None

    def start(self) -> None:
        """Read the clips and look for espeak-ng, on the worker; say once if nothing can speak."""
        if self._starting:
            return
        self._starting = True
        self._run(self._load)

    def tone(self, cue: str, now: float) -> None:
        """A cue tone was just handed to the player: nothing is said over it."""
        self._queue.tone(now, self._tones.get(cue, 1.0))

    def follow(self, view: SessionView, now: float) -> None:
        """The session's new view at real time ``now``: queue its prompts, start one if due."""
        before, self._last = self._last, view
        if not self.speaking:
            self._queue.clear()
            return
        for prompt in prompts_between(before, view, now):
            self._queue.offer(prompt)
        utterance = self._queue.next(now, context_of(view), self._length)
        if utterance is not None:
            self._run(lambda: self._say(utterance))

    @property
    def speaking(self) -> bool:
        """Switched on, sound on and working, and the clips read."""
        speaker = self.speaker
        return self.enabled and self.ready and not speaker.muted and speaker.problem is None

    def close(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    # ---- the worker ----------------------------------------------------------

    def _submit(self, job: Callable[[], None]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="backcoach-voice", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception as exc:  # a voice that breaks is a notice, never a crash
                self._notice(f"Voice is off: a prompt could not be spoken ({exc}).")
                self.enabled = False

    def _load(self) -> None:
        self._tones = {name: wav_seconds(sounds_dir() / f"{name}.wav") or 1.0 for name in CUE_NAMES}
        self._espeak = self._find_espeak()
        folder = self._folder or voice_dir()
        self._clips = Clips(folder)
        if not self._clips.seconds and self._espeak is None:
            self._notice(
                f"Voice is off: there are no voice clips in {folder} and espeak-ng is not installed; "
                "the screen and the tones still cue every step."
            )

    def _length(self, words: Words) -> float | None:
        clips = self._clips
        assert clips is not None
        length = clips.length(words)
        if length is not None:
            return length
        if self._espeak is None:
            missing = ", ".join(repr(w) for w in words if not clips.has(w))
            sentence = (
                f"The voice has no clip for {missing} and espeak-ng is not installed, so it leaves such "
                "prompts out; the screen and the tones still cue every step."
            )
            self._run(lambda: self._notice(sentence))  # told from the worker, like every notice
            return None
        return sum(len(spoken(w)) for w in words) * LIVE_SECONDS_PER_CHAR

    def _say(self, utterance: Utterance) -> None:
        words = utterance.words
        clips = self._clips
        assert clips is not None
        path = self._made.get(words)
        if len(words) == 1 and clips.has(words[0]):
            path = clips.folder / f"{slug(words[0])}.wav"  # one phrase: its own clip, nothing to join
        if path is None:
            if self._tmp is None:
                self._tmp = Path(tempfile.mkdtemp(prefix="backcoach-voice-"))
            path = self._tmp / f"{len(self._made)}.wav"
            if clips.length(words) is not None:
                clips.join(words, path)
            else:
                assert self._espeak is not None
                speak_live(self._espeak, words, path)
            self._made[words] = path
        self.speaker.play_file(path)

    def _notice(self, sentence: str) -> None:
        if not self._notified:
            self._notified = True
            if self._on_notice is not None:
                self._on_notice(sentence)


def voice_report(drills: Iterable[Drill], enabled: bool, folder: Path | None = None) -> str:
    """``doctor``'s voice line: on or off, the clips, and what has none."""
    where = folder or voice_dir()
    clips = Clips(where)
    espeak = espeak_path()
    setting = "on" if enabled else "off in the settings (v turns it on)"
    if not clips.seconds and espeak is None:
        return f"off: no voice clips in {where} and espeak-ng is not installed (Debian: apt-get install espeak-ng)"
    missing = sorted(p for p in phrases_for(drills) if not clips.has(p))
    line = f"{setting}; {len(clips.seconds)} clips in {where}"
    if missing:
        fallback = "spoken live with espeak-ng" if espeak else "left out: espeak-ng is not installed"
        line += f"; {len(missing)} phrase(s) without a clip ({fallback}): {', '.join(missing[:5])}"
    elif espeak:
        line += "; espeak-ng for anything new"
    return line
