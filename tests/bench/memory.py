"""Peak memory: ``backcoach`` on its home screen vs a minimal Textual app, in a real terminal.

Run ``python tests/bench/memory.py`` from the repository root with the
venv's python. Each measurement is a fresh process in a private tmux server,
started through a small wrapper that runs it as a child, waits for it and
writes ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the child's peak
resident set size; the wrapper's own memory is not counted). The program is
left running until its first frame is on screen, then quit with its own key.

Subjects, alternating run by run (5 each by default):

- minimal: an ``App`` whose ``compose`` yields ``Static("ready")``;
- backcoach, empty history: the installed console script with
  ``BACKCOACH_DATA_DIR`` pointing at an empty temp folder (the DESIGN
  target, <= 1.2x the minimal app);
- backcoach with 3,650 past sessions (for information; ``--history 0``
  leaves it out).

PASS/FAIL is informational (exit 0) unless ``--strict`` is given.
Not collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from launch import build_history
from tmuxbench import (
    PYTHON,
    Tmux,
    backcoach_script,
    finish,
    median,
    verdict,
    write_minimal_app,
)

TARGET = 1.2

WRAPPER = """\
import resource, subprocess, sys
subprocess.run(sys.argv[2:])
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as out:
    out.write(str(peak_kb))
"""


def peak_mb(tmux: Tmux, wrapper: Path, out: Path, argv: list[str], env: dict[str, str],
            text: str, keys: tuple[str, ...]) -> float:
    out.unlink(missing_ok=True)
    name, _ = tmux.time_to_text([PYTHON, str(wrapper), str(out), *argv], text, env)
    if not tmux.quit(name, keys):
        print(f"  (the program in {name} ignored {keys} and was killed)", flush=True)
    deadline = time.monotonic() + 5
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return int(out.read_text()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per subject (default 5)")
    parser.add_argument("--history", type=int, default=3650, help="past sessions for the extra row (0: none)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()

    script = backcoach_script()
    base = Path(tempfile.mkdtemp(prefix="backcoach-bench-memory-"))
    try:
        wrapper = base / "peak.py"
        wrapper.write_text(WRAPPER)
        out = base / "peak.txt"
        minimal = write_minimal_app(base)
        empty = base / "empty"
        empty.mkdir()
        subjects = {
            "minimal Textual app": ([PYTHON, str(minimal)], {}, "ready", ("C-q",)),
            "backcoach, empty history": ([script], {"BACKCOACH_DATA_DIR": str(empty)}, "Choose a program", ("q",)),
        }
        if args.history:
            build_history(base / "full", args.history)
            subjects[f"backcoach, {args.history:,} sessions"] = (
                [script], {"BACKCOACH_DATA_DIR": str(base / "full")}, "Choose a program", ("q",)
            )
        print(f"python {sys.version.split()[0]}, tmux 100x30, {args.runs} alternating runs; peak = child max RSS")
        peaks: dict[str, list[float]] = {name: [] for name in subjects}
        with Tmux() as tmux:
            for run in range(args.runs):
                order = list(subjects.items())
                if run % 2:
                    order.reverse()
                for label, (argv, env, text, keys) in order:
                    peaks[label].append(peak_mb(tmux, wrapper, out, argv, env, text, keys))
    finally:
        shutil.rmtree(base, ignore_errors=True)

    base_label = next(iter(subjects))
    baseline = median(peaks[base_label])
    print(f"\n{'subject':<28} {'median':>9} {'min':>9} {'max':>9} {'ratio':>7}  target")
    print("-" * 75)
    ok = True
    for label, values in peaks.items():
        med = median(values)
        ratio = med / baseline
        line = f"{label:<28} {med:>6.1f} MB {min(values):>6.1f} MB {max(values):>6.1f} MB {ratio:>7.2f}"
        if label == "backcoach, empty history":
            passed = ratio <= TARGET
            ok = passed
            line += f"  <= {TARGET}x: {verdict(passed)}"
        elif label != base_label:
            line += "  (information)"
        print(line)
    print("\nratio = subject median / minimal app median (same run, alternating order).")
    finish(ok, args.strict)


if __name__ == "__main__":
    main()
