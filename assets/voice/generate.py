"""Speak backcoach's voice prompts into this folder, with espeak-ng.

Every phrase the app can ask for (``backcoach.voice_words.phrases_for`` over
the drill library: the fixed prompts, number and unit words, each drill's
name and each movement label) becomes one clip, ``<slug>.wav``. espeak-ng's
voice data is generic and its output is byte for byte the same for the same
version, so the clips are committed and the app never needs espeak-ng.

Each clip is espeak-ng's British English voice at 150 words a minute,
trimmed of leading and trailing silence, low-passed and halved to 11025 Hz
(speech needs nothing above 5 kHz; it halves the size), peaking at -3 dBFS,
mono 16-bit WAV. ``espeak-ng.txt`` records the espeak-ng version they were
made with.

    python assets/voice/generate.py          # (re)write the clips
    python assets/voice/generate.py --check  # exit 1 if a clip is missing, extra or different

Without espeak-ng, or with another version of it, ``--check`` can only
check that every phrase has a clip and no clip is left over, and says so.
It needs backcoach importable (``pip install -e .``) to read the library.
"""

from __future__ import annotations

import argparse
import io
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from concurrent.futures import ThreadPoolExecutor
from operator import mul
from pathlib import Path

from backcoach.content.library import default_library
from backcoach.voice_words import phrases_for, slug, spoken

HERE = Path(__file__).resolve().parent
VERSION_FILE = "espeak-ng.txt"
VOICE = ["-v", "en-gb", "-s", "150"]
SOURCE_RATE = 22050
RATE = SOURCE_RATE // 2
PEAK = 0.7  # -3 dBFS
FULL_SCALE = 32767
SILENCE = 300  # |sample| below this, at the ends, is trimmed
PAD = 0.03  # seconds kept before the first and after the last sound
TAPS = 31


def espeak_version() -> str | None:
    """espeak-ng's version line, or None where it is not installed."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True, timeout=30).stdout
    return out.split("Data at:")[0].strip()


def _lowpass() -> list[float]:
    """A windowed-sinc low-pass at a quarter of the source rate (Blackman window)."""
    mid = (TAPS - 1) / 2
    taps = []
    for i in range(TAPS):
        x = i - mid
        sinc = 0.5 if x == 0 else math.sin(math.pi * x / 2) / (math.pi * x)
        window = 0.42 - 0.5 * math.cos(2 * math.pi * i / (TAPS - 1)) + 0.08 * math.cos(4 * math.pi * i / (TAPS - 1))
        taps.append(sinc * window)
    total = sum(taps)
    return [t / total for t in taps]


LOWPASS = _lowpass()


def synthesise(text: str) -> list[int]:
    """espeak-ng's samples for ``text`` at 22050 Hz."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "clip.wav"
        subprocess.run(["espeak-ng", *VOICE, "-w", str(out), text], check=True, capture_output=True, timeout=60)
        with wave.open(str(out), "rb") as w:
            if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SOURCE_RATE):
                raise SystemExit(f"espeak-ng wrote an unexpected format for {text!r}")
            pcm = array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    return list(pcm)


def trim(samples: list[int]) -> list[int]:
    loud = [i for i, s in enumerate(samples) if abs(s) >= SILENCE]
    if not loud:
        raise SystemExit("espeak-ng produced silence")
    pad = round(PAD * SOURCE_RATE)
    return samples[max(0, loud[0] - pad) : loud[-1] + pad]


def halve(samples: list[int]) -> list[float]:
    """Low-pass, then keep every other sample (22050 Hz to 11025 Hz)."""
    edge = [0] * (TAPS // 2)
    padded = [*edge, *samples, *edge]
    return [sum(map(mul, LOWPASS, padded[i : i + TAPS])) for i in range(0, len(samples), 2)]


def to_wav(samples: list[float]) -> bytes:
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


def clip(phrase: str) -> bytes:
    return to_wav(halve(trim(synthesise(spoken(phrase)))))


def wanted_names() -> dict[str, str]:
    """Clip file name -> the phrase it says, for the whole library."""
    names: dict[str, str] = {}
    for phrase in sorted(phrases_for(default_library().values())):
        name = f"{slug(phrase)}.wav"
        if name in names and names[name] != phrase:
            raise SystemExit(f"{phrase!r} and {names[name]!r} would share the clip {name}")
        names[name] = phrase
    return names


def build(names: dict[str, str]) -> dict[str, bytes]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        clips = pool.map(clip, names.values())
        return dict(zip(names, clips, strict=True))


def check(folder: Path, names: dict[str, str]) -> int:
    present = {p.name for p in folder.glob("*.wav")}
    missing = sorted(set(names) - present)
    extra = sorted(present - set(names))
    problems = []
    if missing:
        problems.append(f"no clip for: {', '.join(names[n] for n in missing)}")
    if extra:
        problems.append(f"clips no phrase asks for: {', '.join(extra)}")
    version = espeak_version()
    recorded_file = folder / VERSION_FILE
    recorded = recorded_file.read_text(encoding="utf-8").strip() if recorded_file.is_file() else None
    compared = version is not None and version == recorded
    if compared and not problems:
        wanted = build(names)
        stale = sorted(n for n, data in wanted.items() if (folder / n).read_bytes() != data)
        if stale:
            problems.append(f"out of date: {', '.join(stale)}")
    if problems:
        print(f"in {folder}: " + "; ".join(problems) + f" (run python {Path(__file__).name})", file=sys.stderr)
        return 1
    if compared:
        print(f"all {len(names)} clips are up to date")
    else:
        made = recorded or "an unknown espeak-ng"
        have = version or "no espeak-ng"
        print(f"all {len(names)} phrases have a clip (made with {made}; {have} here, so not compared byte for byte)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speak backcoach's voice prompts with espeak-ng.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a clip is missing or differs")
    parser.add_argument("--dir", type=Path, default=HERE, help="the clips' folder (default: this script's)")
    args = parser.parse_args(argv)
    names = wanted_names()
    if args.check:
        return check(args.dir, names)
    version = espeak_version()
    if version is None:
        print("espeak-ng is not installed (Debian: apt-get install espeak-ng)", file=sys.stderr)
        return 1
    wanted = build(names)
    for old in args.dir.glob("*.wav"):
        if old.name not in wanted:
            old.unlink()
    for name, data in wanted.items():
        (args.dir / name).write_bytes(data)
    (args.dir / VERSION_FILE).write_text(version + "\n", encoding="utf-8")
    total = sum(len(d) for d in wanted.values())
    print(f"wrote {len(wanted)} clips ({total // 1024} KiB) with {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
