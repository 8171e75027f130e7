"""Program files checked in bounded time and memory, whatever they hold.

Run ``python tests/bench/program_files.py`` from the repository root (with
the venv's python). Each worst case of ``tests/unit/test_bounded_files.py``
(a 100 KB dotted key, 30,000 nested brackets, thousands of tables...) is
written to a file and checked with ``load_program_file`` in a fresh child
process, which reports the CPU seconds of the check and the peak of the
memory it allocates (``tracemalloc``, on a second run); the baseline is the same for a real program file
(``assets/programs/back-pain-essentials.toml``), and the ratio is the case
over the baseline. For scale, one row shows tomllib alone on a short dotted
key of 3,000 parts, which the pre-scan now refuses before tomllib sees it:
its cost grows with the square of the key's length (100 KB took 40 s and
9.8 GB). The DESIGN target is <= 1 s and <= 100 MB for any input.

PASS/FAIL is informational (exit 0) unless ``--strict`` is given.
Not collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from test_bounded_files import worst_cases  # noqa: E402

SECONDS_TARGET = 1.0
MB_TARGET = 100.0
CHILD = """
import json, sys, time
from backcoach.content.errors import ContentError
from backcoach.content.library import default_library
from backcoach.content.programs import load_program_file

library = default_library()
load_program_file(sys.argv[2], library)  # warm: imports and caches
path, mode = sys.argv[1], sys.argv[3]


def check():
    try:
        if mode == "tomllib":
            import tomllib
            tomllib.loads(open(path, encoding="utf-8").read())
        else:
            load_program_file(path, library)
    except ContentError as error:
        return str(error.problems[0])[:70]
    except Exception as error:
        return type(error).__name__
    return "ok"


start = time.process_time()
outcome = check()
cpu = time.process_time() - start
import tracemalloc  # a second run, traced: the peak of what checking allocates

tracemalloc.start()
check()
grown = tracemalloc.get_traced_memory()[1] / 1024
tracemalloc.stop()
print(json.dumps({"cpu": cpu, "mb": grown / 1024, "outcome": outcome}))
"""


def measure(path: Path, real: Path, mode: str = "check") -> dict[str, float | str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(real), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def median_of(runs: int, path: Path, real: Path, mode: str = "check") -> dict[str, float | str]:
    samples = [measure(path, real, mode) for _ in range(runs)]
    samples.sort(key=lambda sample: float(sample["cpu"]))
    middle = samples[len(samples) // 2]
    middle["mb"] = max(float(sample["mb"]) for sample in samples)
    return middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="children per case (median CPU, max memory)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()

    real = ROOT / "assets" / "programs" / "back-pain-essentials.toml"
    base = median_of(args.runs, real, real)
    baseline = max(float(base["cpu"]), 1e-6)
    print(f"python {sys.version.split()[0]}; baseline: a real program file, {float(base['cpu']) * 1000:.2f} ms CPU\n")
    print(f"{'input':<38} {'size':>7} {'CPU':>9} {'ratio':>7} {'peak MB':>9}  outcome")
    print("-" * 110)
    ok = True
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-files-") as folder:
        cases = dict(worst_cases())
        for label, text in cases.items():
            path = Path(folder) / "case.toml"
            path.write_text(text, encoding="utf-8")
            result = median_of(args.runs, path, real)
            cpu, mb = float(result["cpu"]), float(result["mb"])
            ok &= cpu <= SECONDS_TARGET and mb <= MB_TARGET
            print(
                f"{label:<38} {len(text.encode()) // 1024:>5} KB {cpu * 1000:>6.1f} ms "
                f"{cpu / baseline:>6.1f}x {mb:>8.1f}  {result['outcome']}"
            )
        contrast = Path(folder) / "contrast.toml"
        contrast.write_text("x" + ".x" * 3000 + " = 1\n", encoding="utf-8")
        result = median_of(1, contrast, real, mode="tomllib")
        print(
            f"{'(tomllib alone, 3,000-part key, 6 KB)':<38} {6:>5} KB {float(result['cpu']) * 1000:>6.1f} ms "
            f"{float(result['cpu']) / baseline:>6.1f}x {float(result['mb']):>8.1f}  {result['outcome']}"
        )
    verdict = "PASS" if ok else "FAIL"
    print(f"\nevery case <= {SECONDS_TARGET:g} s CPU and <= {MB_TARGET:g} MB peak memory: {verdict}")
    if args.strict and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
