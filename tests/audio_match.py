"""Find expected sounds, in order, in a recording: the standard library only.

Both the recording and each expected clip are reduced to one pair of numbers
per 10 ms window: loudness (RMS) and pitch (zero crossings per second). A
clip is found where the recording's loudness rises and falls as the clip's
does (Pearson correlation of the envelopes, so the playback volume does not
matter) and its pitch agrees where the clip is loud. The expected sounds are
a plain list of (name, clip file) pairs: spoken prompts join the list the
same way as tones do.
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

WINDOW_SECONDS = 0.01
#: Envelope correlation a match needs.
MIN_SHAPE = 0.8
#: Largest mean relative pitch difference (where the clip is loud) a match allows.
MAX_PITCH_ERROR = 0.15
#: Quietest recording window (RMS, full scale 1.0) that counts as audible.
AUDIBLE_RMS = 0.02


@dataclass(frozen=True)
class Features:
    """Per-window loudness and pitch of a sound."""

    rms: tuple[float, ...]
    crossings: tuple[float, ...]


@dataclass(frozen=True)
class Match:
    name: str
    at: float  # seconds from the start of the recording
    shape: float
    pitch_error: float
    level: float  # peak window RMS at the match


def pcm_from_wav(path: Path) -> tuple[array[int], int]:
    """Mono 16-bit samples and their rate (a stereo file is mixed down)."""
    with wave.open(str(path), "rb") as clip:
        if clip.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit WAV files are read")
        channels, rate = clip.getnchannels(), clip.getframerate()
        samples = array("h", clip.readframes(clip.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    if channels > 1:
        samples = array("h", (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)))
    return samples, rate


def pcm_from_raw(data: bytes) -> array[int]:
    """Little-endian signed 16-bit mono, as ``parec --format=s16le --channels=1`` writes it."""
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def features(samples: Sequence[int], rate: int) -> Features:
    size = max(1, round(rate * WINDOW_SECONDS))
    rms: list[float] = []
    crossings: list[float] = []
    for start in range(0, len(samples) - size + 1, size):
        window = samples[start : start + size]
        rms.append(math.sqrt(sum(s * s for s in window) / size) / 32768)
        flips = sum(1 for a, b in zip(window, window[1:], strict=False) if (a < 0) != (b < 0))
        crossings.append(flips / WINDOW_SECONDS)
    return Features(tuple(rms), tuple(crossings))


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def score(recording: Features, clip: Features, offset: int) -> tuple[float, float, float]:
    """(shape, pitch error, level) of ``clip`` laid at window ``offset`` of the recording."""
    n = len(clip.rms)
    rec_rms = recording.rms[offset : offset + n]
    shape = _pearson(clip.rms, rec_rms)
    loud = max(clip.rms) * 0.3
    errors = [
        abs(recording.crossings[offset + i] - clip.crossings[i]) / clip.crossings[i]
        for i in range(n)
        if clip.rms[i] >= loud and clip.crossings[i] > 0
    ]
    pitch_error = sum(errors) / len(errors) if errors else 1.0
    return shape, pitch_error, max(rec_rms)


def find_in_order(recording: Features, expected: Sequence[tuple[str, Features]]) -> tuple[list[Match], str | None]:
    """Each expected sound after the one before it: the matches, and what went wrong (or None).

    For each sound the first window where it matches is taken, then moved to
    the best-scoring window within the clip's length (the peak of the match).
    """
    found: list[Match] = []
    start = 0
    for name, clip in expected:
        n = len(clip.rms)
        hit: int | None = None
        for offset in range(start, len(recording.rms) - n + 1):
            if recording.rms[offset] < AUDIBLE_RMS / 4 and recording.rms[offset + 1] < AUDIBLE_RMS / 4:
                continue  # silence: no sound starts here
            shape, error, level = score(recording, clip, offset)
            if shape >= MIN_SHAPE and error <= MAX_PITCH_ERROR and level >= AUDIBLE_RMS:
                hit = offset
                break
        if hit is None:
            after = f" after {found[-1].name} at {found[-1].at:.2f} s" if found else ""
            return found, f"{name} (#{len(found) + 1}) was not heard{after}"
        best = max(range(hit, min(hit + max(2, n // 4), len(recording.rms) - n + 1)),
                   key=lambda o: score(recording, clip, o)[0])
        shape, error, level = score(recording, clip, best)
        found.append(Match(name, best * WINDOW_SECONDS, shape, error, level))
        start = best + max(1, n // 2)
    return found, None


def onset(recording: Features, start: float = 0.0, level: float = AUDIBLE_RMS) -> float | None:
    """When sound first rises above ``level`` after ``start`` seconds, to one window."""
    for i in range(int(start / WINDOW_SECONDS), len(recording.rms)):
        if recording.rms[i] >= level:
            return i * WINDOW_SECONDS
    return None


def sample_onset(samples: Sequence[int], rate: int, start: float = 0.0, threshold: int = 1000) -> float | None:
    """When the first sample louder than ``threshold`` comes after ``start`` seconds, to one sample."""
    for i in range(max(0, int(start * rate)), len(samples)):
        if abs(samples[i]) >= threshold:
            return i / rate
    return None
