"""``backcoach --version`` vs ``python -c pass`` with the same interpreter.

Run ``python tests/bench/version.py`` from the repository root with the
venv's python: the subject is the installed console script next to it
(``<venv>/bin/backcoach --version``, which is how a user runs it), the
baseline the bare interpreter start-up (``<venv>/bin/python -c pass``).
The two alternate run by run (30 each by default, after one warm-up each);
the medians and their ratio are printed. The DESIGN target is <= 3x.

PASS/FAIL is informational (exit 0) unless ``--strict`` is given.
Not collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 3.0


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{argv} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs per subject (default 30)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()

    bin_dir = Path(sys.executable).parent
    script = bin_dir / "backcoach"
    if not script.exists():
        sys.exit(f"no console script at {script}; install first: {sys.executable} -m pip install -e '.[test]'")
    subjects = {
        "backcoach --version": [str(script), "--version"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    out = subprocess.run(subjects["backcoach --version"], capture_output=True, text=True).stdout.strip()
    print(f"{script} -> {out!r}; python {sys.version.split()[0]} at {sys.executable}")
    for argv in subjects.values():  # warm-up: .pyc files and the page cache
        timed(argv)
    times: dict[str, list[float]] = {name: [] for name in subjects}
    for run in range(args.runs):
        order = list(subjects.items())
        if run % 2:
            order.reverse()
        for name, argv in order:
            times[name].append(timed(argv))

    subject, baseline = (statistics.median(v) for v in times.values())
    ratio = subject / baseline
    ok = ratio <= TARGET
    print(f"\n{'subject':<22} {'median':>9} {'min':>9} {'max':>9}")
    for name, values in times.items():
        print(
            f"{name:<22} {statistics.median(values) * 1000:>6.1f} ms {min(values) * 1000:>6.1f} ms "
            f"{max(values) * 1000:>6.1f} ms"
        )
    print(f"\nratio {ratio:.2f}x ({args.runs} alternating runs each); target <= {TARGET:g}x: "
          f"{'PASS' if ok else 'FAIL'}")
    sys.exit(1 if args.strict and not ok else 0)


if __name__ == "__main__":
    main()
