"""CPU while a drill runs with its moving figure, vs a minimal Textual app updating ``Digits`` at 20 Hz.

Run ``python tests/bench/figure_cpu.py`` from the repository root with the
venv's python (``--seconds 5 --runs 1`` for a quick check). Each subject
runs in a private tmux server at 100x30 (a real terminal, so the cost of
writing frames counts), and its CPU time (user + system, from
``/proc/PID/stat``) is sampled over a window once it is on screen:

- minimal: an ``App`` with one ``Digits`` updated from ``monotonic()`` by
  ``set_interval(0.05)`` (the baseline the DESIGN target names);
- reps: the installed ``backcoach`` running a program of one long
  cat-camel (50 reps: the figure moves every tick), reached with the keys
  a person presses (health background, safety check, check-in, pain
  check, go, begin), measured once the drill is running;
- hold: the same with one long front plank (the figure breathes).

Subjects alternate run by run (3 runs each by default). The target is each
drill's median <= 1.5x the minimal app's median, measured in the same run. PASS/FAIL is informational (exit 0) unless ``--strict`` is given. Not
collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tmuxbench import PYTHON, Tmux, backcoach_script, finish, median, verdict

TARGET = 1.5
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")

DIGITS_APP = '''\
from time import monotonic

from textual.app import App, ComposeResult
from textual.widgets import Digits


class Clock(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("0.00")

    def on_mount(self) -> None:
        self.start = monotonic()
        self.set_interval(0.05, self.tick)

    def tick(self) -> None:
        self.query_one(Digits).update(f"{monotonic() - self.start:.2f}")


if __name__ == "__main__":
    Clock().run()
'''

PROGRAM = """\
id = "bench-{name}"
name = "Bench {name}"
description = "One long drill, for the CPU bench."

[[drills]]
id = "{drill}"
{dose}
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND


def press_through(tmux: Tmux, name: str, rules: list[tuple[tuple[str, ...], str]], running: str) -> None:
    """Answer whatever screen shows (the first rule whose texts are all on it) until ``running`` shows.

    Rules rather than a fixed script: a fresh folder asks the health
    background and the safety check, a second run in the same day may not.
    """
    deadline = time.monotonic() + 90
    last = ""
    while time.monotonic() < deadline:
        screen = tmux.capture(name)
        if running in screen:
            return
        if screen != last:
            for texts, key in rules:
                if all(text in screen for text in texts):
                    tmux.send_keys(name, key)
                    last = screen
                    break
        time.sleep(0.1)
    raise SystemExit(f"{running!r} did not appear; screen:\n{tmux.capture(name)}")


def measure(tmux: Tmux, argv: list[str], env: dict[str, str], ready: str,
            rules: list[tuple[tuple[str, ...], str]], running: str, seconds: float) -> float:
    """CPU share (of one core) over ``seconds`` once ``running`` is on screen."""
    name, _ = tmux.time_to_text(argv, ready, env)
    try:
        press_through(tmux, name, rules, running)
        time.sleep(1.0)  # past the first frames of the screen
        pid = tmux.pane_pid(name)
        start_cpu, start = cpu_seconds(pid), time.monotonic()
        time.sleep(seconds)
        return (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start)
    finally:
        tmux.kill(name)


#: (texts on the screen, key): a person's answers from Home to a running drill, most specific first.
SESSION_RULES: list[tuple[tuple[str, ...], str]] = [
    (("Health background", "Your answers"), "Enter"),
    (("Health background", "Question"), "n"),
    (("none of these apply",), "n"),
    (("Where does leg pain reach",), "n"),
    (("better, the same, or worse",), "s"),  # asked when the data folder already holds a session
    (("How is your back", "2/10"), "Enter"),
    (("How is your back",), "2"),
    (("go: full dose",), "Enter"),
    (("Pain check", "2/10"), "Enter"),
    (("Pain check",), "2"),
    (("Get ready", "Begin"), "Enter"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per subject (default 3)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring window (default 10 s)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()

    script = backcoach_script()
    base = Path(tempfile.mkdtemp(prefix="backcoach-bench-figure-"))
    try:
        digits = base / "digits_app.py"
        digits.write_text(DIGITS_APP)
        programs = {
            "reps": ("cat-camel", "reps = 50", "Rep 1 of 50"),
            "hold": ("front-plank", "hold = 600\nsets = 1", "Set 1 of 1"),
        }
        subjects: dict[str, tuple[list[str], dict[str, str], str, list[tuple[tuple[str, ...], str]], str]] = {
            "minimal Digits app, 20 Hz": ([PYTHON, str(digits)], {}, "─", [], "─"),
        }
        for label, (drill, dose, running) in programs.items():
            path = base / f"{label}.toml"
            path.write_text(PROGRAM.format(name=label, drill=drill, dose=dose))
            data = base / f"data-{label}"
            subjects[f"backcoach, {label} drill"] = (
                [script, "--no-sound", "run", str(path)],
                {"BACKCOACH_DATA_DIR": str(data), "BACKCOACH_CONFIG_DIR": str(base / f"config-{label}")},
                "Help",  # the key bar of any first screen
                SESSION_RULES,
                running,
            )
        print(f"python {sys.version.split()[0]}, tmux 100x30, {args.runs} alternating runs of {args.seconds:g} s")
        shares: dict[str, list[float]] = {label: [] for label in subjects}
        with Tmux() as tmux:
            for run in range(args.runs):
                order = list(subjects.items())
                if run % 2:
                    order.reverse()
                for label, (argv, env, ready, rules, running) in order:
                    for key in ("BACKCOACH_DATA_DIR", "BACKCOACH_CONFIG_DIR"):
                        if key in env:
                            shutil.rmtree(env[key], ignore_errors=True)
                    shares[label].append(measure(tmux, argv, env, ready, rules, running, args.seconds))
    finally:
        shutil.rmtree(base, ignore_errors=True)

    base_label = next(iter(subjects))
    baseline = median(shares[base_label])
    print(f"\n{'subject':<28} {'median':>8} {'min':>8} {'max':>8} {'ratio':>7}  target")
    print("-" * 72)
    ok = True
    for label, values in shares.items():
        med = median(values)
        ratio = med / baseline if baseline else float("inf")
        line = f"{label:<28} {med:>7.1%} {min(values):>7.1%} {max(values):>7.1%} {ratio:>7.2f}"
        if label != base_label:
            ok = ok and ratio <= TARGET
            line += f"  <= {TARGET}x: {verdict(ratio <= TARGET)}"
        print(line)
    print("\nCPU = (user + system time) / wall time of the program's process; ratio = median / minimal app median.")
    finish(ok, args.strict)


if __name__ == "__main__":
    main()
