"""Launch benchmark: ``backcoach`` to its first frame in a real terminal vs a minimal Textual app.

Run ``python tests/bench/launch.py`` from the repository root (with the
venv's python; the console script next to it is what gets started). It runs
a private tmux server and, alternating the subjects run by run:

- minimal: an ``App`` whose ``compose`` yields ``Static("ready")``, started
  as ``python minimal_app.py`` with the same interpreter;
- backcoach, empty: the installed ``backcoach`` console script with
  ``BACKCOACH_DATA_DIR`` pointing at an empty temp folder (the home screen);
- backcoach, 3,650: the same with a journal of 3,650 past sessions (ten
  years of daily sessions, six drills each), filed with
  ``Journal.record_standalone``.

"First frame" is the moment a known text ("ready", "Choose a program")
shows in ``tmux capture-pane -p``, polled every 5 ms, timed from just before
``new-session``. Each program is then quit with its own key and waited for
before the next run starts. The DESIGN target is <= 1.15x the minimal app.

Prints medians and the ratio to the minimal app's median in the same run;
PASS/FAIL is informational (exit 0) unless ``--strict`` is given.
Not collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from past_sessions import build_journal
from tmuxbench import (
    PYTHON,
    ROOT,
    Tmux,
    backcoach_script,
    finish,
    median,
    verdict,
    write_minimal_app,
)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


TARGET = 1.15
HISTORY = 3650
def build_history(folder: Path, size: int) -> float:
    """File ``size`` daily sessions ending yesterday; returns the journal's size in MB."""
    path = build_journal(folder, size, date.today())
    return path.stat().st_size / 1e6


def quit_and_wait(tmux: Tmux, name: str, keys: tuple[str, ...]) -> None:
    """Quit with the program's own key and wait until it has exited."""
    if not tmux.quit(name, keys):
        print(f"  (the program in {name} ignored {keys} and was killed)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per subject (default 10)")
    parser.add_argument("--history", type=int, default=HISTORY, help="past sessions in the big journal")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()

    script = backcoach_script()
    base = Path(tempfile.mkdtemp(prefix="backcoach-bench-launch-"))
    try:
        minimal = write_minimal_app(base)
        empty = base / "empty"
        empty.mkdir()
        full = base / "full"
        t0 = time.perf_counter()
        size_mb = build_history(full, args.history)
        print(
            f"python {sys.version.split()[0]}, tmux 100x30, {args.runs} alternating runs; "
            f"journal of {args.history:,} sessions ({size_mb:.1f} MB) built in {time.perf_counter() - t0:.1f} s"
        )
        subjects = {
            "minimal Textual app": ([PYTHON, str(minimal)], {}, "ready", ("C-q",)),
            "backcoach, empty history": (
                [script], {"BACKCOACH_DATA_DIR": str(empty)}, "Choose a program", ("q",)
            ),
            f"backcoach, {args.history:,} sessions": (
                [script], {"BACKCOACH_DATA_DIR": str(full)}, "Choose a program", ("q",)
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in subjects}
        with Tmux() as tmux:
            # One untimed warm-up each: .pyc files, the page cache, and
            # backcoach's content cache (beside the redirected data dir), as
            # any start after the first one after an install finds them.
            for argv, env, text, keys in subjects.values():
                name, _ = tmux.time_to_text(argv, text, env)
                quit_and_wait(tmux, name, keys)
            for run in range(args.runs):
                order = list(subjects.items())
                if run % 2:
                    order.reverse()
                for label, (argv, env, text, keys) in order:
                    name, seconds = tmux.time_to_text(argv, text, env)
                    quit_and_wait(tmux, name, keys)
                    times[label].append(seconds)
                    time.sleep(0.1)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    base_label = next(iter(subjects))
    baseline = median(times[base_label])
    print(f"\n{'subject':<28} {'median':>9} {'min':>9} {'max':>9} {'ratio':>7}  target")
    print("-" * 75)
    ok = True
    for label, values in times.items():
        med = median(values)
        ratio = med / baseline
        line = f"{label:<28} {med * 1000:>6.0f} ms {min(values) * 1000:>6.0f} ms {max(values) * 1000:>6.0f} ms {ratio:>7.2f}"
        if label != base_label:
            passed = ratio <= TARGET
            ok &= passed
            line += f"  <= {TARGET}x: {verdict(passed)}"
        print(line)
    print(
        "\nmedian = median seconds from just before tmux new-session to the text on screen;\n"
        "ratio = subject median / minimal app median (same run, alternating order)."
    )
    finish(ok, args.strict)


if __name__ == "__main__":
    main()
