"""Synthesise backcoach's sound cues into this folder.

The cues are generated here from a few lines of arithmetic rather than
downloaded from a sound library, so they are ours to ship under the
project's licence, anyone can read exactly what they are, and they can be
rebuilt byte for byte. The script uses only the standard library.

Every cue is mono, 16-bit, 22050 Hz and meant to be gentle for someone
mid-exercise: sine tones with a quiet second harmonic, a 10-30 ms fade in,
exponential decay and a fade out (no clicks), peaking at -6 dBFS (0.5).

    python assets/sounds/generate.py          # (re)write the .wav files
    python assets/sounds/generate.py --check  # exit 1 if a committed file differs

The cue names must match ``CUE_NAMES`` in ``backcoach/sound.py``.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import wave
from array import array
from pathlib import Path

RATE = 22050
PEAK = 0.5  # -6 dBFS
FULL_SCALE = 32767
HARMONIC = 0.12  # level of the 2nd harmonic relative to the fundamental

# Note frequencies (Hz), equal temperament, A4 = 440.
C4, E4, G4 = 261.63, 329.63, 392.00
C5, D5, E5, G5 = 523.25, 587.33, 659.26, 783.99

HERE = Path(__file__).resolve().parent


def note(
    freq: float,
    seconds: float,
    *,
    to_freq: float | None = None,
    attack: float = 0.015,
    decay: float = 0.35,
    release: float = 0.03,
) -> list[float]:
    """One soft tone: sine + quiet 2nd harmonic, optionally gliding to ``to_freq``.

    ``decay`` is the time constant (seconds) of the exponential fall after the
    attack; the tone is faded to exactly zero over the last ``release`` seconds.
    A glide is exponential in frequency (even in pitch) and eased at both ends.
    """
    n = round(seconds * RATE)
    n_attack = max(1, round(attack * RATE))
    n_release = max(1, round(release * RATE))
    out = []
    phase = 0.0
    for i in range(n):
        t = i / RATE
        if to_freq is None:
            f = freq
        else:
            x = i / (n - 1)
            eased = 0.5 - 0.5 * math.cos(math.pi * x)
            f = freq * (to_freq / freq) ** eased
        sample = math.sin(phase) + HARMONIC * math.sin(2.0 * phase)
        phase += 2.0 * math.pi * f / RATE
        if phase > 2.0 * math.pi:
            phase -= 2.0 * math.pi
        env = math.exp(-t / decay)
        if i < n_attack:
            env *= 0.5 - 0.5 * math.cos(math.pi * i / n_attack)
        tail = n - 1 - i
        if tail < n_release:
            env *= 0.5 - 0.5 * math.cos(math.pi * tail / n_release)
        out.append(sample * env)
    return out


def mix(*parts: tuple[float, list[float]]) -> list[float]:
    """Lay ``(start_seconds, samples)`` parts over each other."""
    length = max(round(start * RATE) + len(samples) for start, samples in parts)
    out = [0.0] * length
    for start, samples in parts:
        offset = round(start * RATE)
        for i, s in enumerate(samples):
            out[offset + i] += s
    return out


def exhale() -> list[float]:
    # Soft falling glide, C5 -> G4: "let the breath go".
    return note(C5, 0.6, to_freq=G4, attack=0.03, decay=0.6, release=0.12)


def inhale() -> list[float]:
    # The mirror image, G4 -> C5: "breathe in".
    return note(G4, 0.6, to_freq=C5, attack=0.03, decay=0.9, release=0.12)


def hold_start() -> list[float]:
    # Two quick rising notes, D5 then G5.
    return mix(
        (0.0, note(D5, 0.16, decay=0.12, release=0.04)),
        (0.13, note(G5, 0.22, decay=0.12, release=0.06)),
    )


def hold_end() -> list[float]:
    # A warm, low falling chime, G4 then C4, letting the first ring on.
    return mix(
        (0.0, note(G4, 0.55, decay=0.25, release=0.1)),
        (0.2, note(C4, 0.6, decay=0.28, release=0.12)),
    )


def tick() -> list[float]:
    # A very short soft blip.
    return note(1046.50, 0.06, attack=0.01, decay=0.02, release=0.015)


def switch_sides() -> list[float]:
    # Ding-dong, ding-dong: E5 and C5 alternating, brighter than hold_end.
    return mix(
        (0.0, note(E5, 0.3, decay=0.14, release=0.06)),
        (0.2, note(C5, 0.3, decay=0.14, release=0.06)),
        (0.45, note(E5, 0.3, decay=0.14, release=0.06)),
        (0.65, note(C5, 0.3, decay=0.16, release=0.08)),
    )


def session_complete() -> list[float]:
    # C major arpeggio, C5 E5 G5, the last note left to ring out.
    return mix(
        (0.0, note(C5, 0.5, decay=0.3, release=0.1)),
        (0.18, note(E5, 0.5, decay=0.3, release=0.1)),
        (0.36, note(G5, 0.84, decay=0.35, release=0.2)),
    )


CUES = {
    "exhale": exhale,
    "inhale": inhale,
    "hold_start": hold_start,
    "hold_end": hold_end,
    "tick": tick,
    "switch_sides": switch_sides,
    "session_complete": session_complete,
}


def to_wav(samples: list[float]) -> bytes:
    """Normalise to PEAK and encode as a mono 16-bit little-endian WAV."""
    top = max(abs(s) for s in samples)
    scale = PEAK * FULL_SCALE / top
    pcm = array("h", (round(s * scale) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def build() -> dict[str, bytes]:
    return {f"{name}.wav": to_wav(make()) for name, make in CUES.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Synthesise backcoach's sound cues.")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if any file here differs from what would be generated",
    )
    args = parser.parse_args(argv)
    wanted = build()
    if args.check:
        stale = [
            name
            for name, data in wanted.items()
            if not (HERE / name).is_file() or (HERE / name).read_bytes() != data
        ]
        if stale:
            print(
                f"out of date in {HERE}: {', '.join(stale)} "
                f"(run python {Path(__file__).name} to regenerate)",
                file=sys.stderr,
            )
            return 1
        print(f"all {len(wanted)} cues are up to date")
        return 0
    for name, data in wanted.items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
