"""Hold accuracy: how late the real app notices the end of a 60 s hold, with two busy CPU loops.

Run ``python tests/bench/hold_accuracy.py`` from the repository root
(``--seconds 5`` for a quick check). Two child processes spin
(``while True: pass``) for the whole run, so on a two-core machine the app
competes for CPU as it would next to a busy browser. Then, alternating the
order run by run:

- hold: the real ``BackcoachApp`` (headless, ``App.run_test``) with a real
  monotonic clock runs a session whose one drill is a single hold
  (``front-plank``, ``sets = 1``, ``hold = 60``, parsed with
  ``parse_program``): safety check, check-in, pain gate and "go" are
  answered through the session runner, then the get-ready countdown and the
  hold run in real time. Lateness = the clock time at which the engine's
  tick saw the hold's end (the stage left WORK and the HOLD_END cue was
  queued) minus the hold's deadline on the same monotonic clock. Measured
  twice per run: with the runner as it is (20 Hz tick plus a one-shot
  wake-up at each deadline), and with only its 20 Hz tick (the wake-up
  switched off by replacing ``SessionRunner._arm_deadline``).
- baseline: a bare Textual app's ``set_interval(0.05)``: the error of each
  interval against 50 ms, and a one-shot ``set_timer`` every ~0.3 s: how
  late it fires after the time it was due.

The DESIGN target is <= 20 ms late. PASS/FAIL is informational (exit 0)
unless ``--strict`` is given. Not collected by pytest (not ``test_*``).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from backcoach import paths  # noqa: E402
from backcoach.coach.background import empty_background  # noqa: E402
from backcoach.coach.clock import MonotonicClock  # noqa: E402
from backcoach.coach.plan import READY_SECONDS  # noqa: E402
from backcoach.coach.safety import all_clear  # noqa: E402
from backcoach.coach.session import LegReach, Stage  # noqa: E402
from backcoach.content.library import default_library  # noqa: E402
from backcoach.content.programs import parse_program  # noqa: E402
from backcoach.store.journal import Journal  # noqa: E402
from backcoach.store.settings import Settings  # noqa: E402
from backcoach.tui.app import BackcoachApp  # noqa: E402
from backcoach.tui.services import Services  # noqa: E402
from backcoach.tui.session import runner as session_runner  # noqa: E402
from backcoach.tui.session.start import start_session  # noqa: E402

TARGET_MS = 20.0
TICK = session_runner.TICK_SECONDS
HOLD_PROGRAM = """
id = "one-hold"
name = "One hold"
description = "A single plank hold, for the hold accuracy benchmark."

[[drills]]
id = "front-plank"
sets = 1
hold = {seconds}
"""


class RecordingClock(MonotonicClock):
    """The real monotonic clock, remembering the last time it was read."""

    last = 0.0

    def now(self) -> float:
        self.last = time.monotonic()
        return self.last


class RecordingPlayer:
    """Stands in for the sound player: notes when each cue was handed over."""

    def __init__(self) -> None:
        self.muted = False
        self.problem: str | None = None
        self.latency = 0.0  # hand each cue over at its moment: that is what is measured
        self.played: list[tuple[str, float]] = []

    def cue(self, name: str) -> None:
        self.played.append((name, time.monotonic()))

    def play_file(self, path: object) -> None:
        """A spoken prompt (the voice): not a cue, not timed here."""

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass


def spin_up(count: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.kill()
    for process in processes:
        process.wait()


async def hold_once(seconds: int, deadline_timer: bool) -> dict[str, float]:
    """Run one session of a single hold in the real app; lateness in ms."""
    folder = Path(tempfile.mkdtemp(prefix="backcoach-bench-hold-"))
    paths.set_data_dir(folder)
    arm = getattr(session_runner.SessionRunner, "_arm_deadline", None)
    if arm is not None and not deadline_timer:
        session_runner.SessionRunner._arm_deadline = lambda self: None
    journal = Journal.open()
    try:
        library = default_library()
        program = parse_program(HOLD_PROGRAM.format(seconds=seconds), "one-hold.toml", library)
        clock = RecordingClock()
        services = Services(
            library=library,
            programs=[program],
            journal=journal,
            settings=Settings(muted=False, health_background=empty_background()),
            save_settings=lambda _settings: None,
            make_clock=lambda _speed: clock,
        )
        player = RecordingPlayer()
        app = BackcoachApp(services, player=player)
        seen: dict[str, float] = {}
        async with app.run_test(headless=True, size=(100, 30)):
            while not app.history.loaded:
                await asyncio.sleep(0.01)
            start_session(app, program)
            runner = app.runner
            assert runner is not None
            engine = runner.engine
            engine_tick = engine.tick

            def observed_tick() -> None:
                timer = engine.timer
                if engine.stage is Stage.WORK and timer.running:
                    seen["deadline"] = timer.deadline
                engine_tick()
                if engine.stage is Stage.RATING and "observed" not in seen:
                    seen["observed"] = clock.last

            engine.tick = observed_tick
            if engine.stage is Stage.SAFETY:
                runner.answer_safety(all_clear())
            # A person presses the key at no particular moment of the 20 Hz tick;
            # a fixed wait here would line the hold's end up with the tick.
            await asyncio.sleep(0.2 + random.uniform(0.0, TICK))
            runner.checkin(0, LegReach.NONE)  # green: its get-ready starts by itself
            limit = time.monotonic() + engine.timer.ready_seconds + seconds + 10
            while "observed" not in seen:
                if time.monotonic() > limit:
                    raise RuntimeError(f"the hold never ended; stage {engine.stage}")
                await asyncio.sleep(0.1)
            await asyncio.sleep(0.1)
        cue_at = next((t for name, t in player.played if name == "hold_end"), float("nan"))
        return {
            "tick": (seen["observed"] - seen["deadline"]) * 1000,
            "cue": (cue_at - seen["deadline"]) * 1000,
        }
    finally:
        journal.close()
        paths.set_data_dir(None)
        if arm is not None:
            session_runner.SessionRunner._arm_deadline = arm
        shutil.rmtree(folder, ignore_errors=True)


class TickApp(App[None]):
    """A bare Textual app: a 20 Hz interval and a one-shot timer now and then."""

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[float] = []
        self.one_shot_late: list[float] = []

    def compose(self) -> ComposeResult:
        yield Static("ready")

    def on_mount(self) -> None:
        self.set_interval(TICK, lambda: self.ticks.append(time.monotonic()))
        self._arm()

    def _arm(self) -> None:
        delay = random.uniform(0.1, 0.5)
        due = time.monotonic() + delay

        def fired() -> None:
            self.one_shot_late.append((time.monotonic() - due) * 1000)
            self._arm()

        self.set_timer(delay, fired)


async def baseline_once(seconds: float) -> dict[str, list[float]]:
    app = TickApp()
    async with app.run_test(headless=True, size=(100, 30)):
        await asyncio.sleep(seconds)
    intervals = [(b - a) * 1000 for a, b in itertools.pairwise(app.ticks)]
    return {
        "interval_error": [abs(ms - TICK * 1000) for ms in intervals],
        "one_shot_late": app.one_shot_late,
    }


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the hold (default 60)")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs (default 3)")
    parser.add_argument("--baseline-seconds", type=float, default=10.0, help="timer baseline per run")
    parser.add_argument("--busy", type=int, default=2, help="busy CPU loops (default 2)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()

    has_deadline_timer = hasattr(session_runner.SessionRunner, "_arm_deadline")
    shipped = "hold, runner as is"
    variants = {shipped: True}
    if has_deadline_timer:
        variants["hold, 20 Hz tick only"] = False
    print(
        f"python {sys.version.split()[0]}; {args.busy} busy loops; {args.runs} runs of a "
        f"{args.seconds} s hold (+{READY_SECONDS:g} s get-ready) per variant; runner tick {TICK * 1000:.0f} ms; "
        f"deadline wake-up in the runner: {'yes' if has_deadline_timer else 'no'}",
        flush=True,
    )
    holds: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    base: dict[str, list[float]] = {"interval_error": [], "one_shot_late": []}
    busy = spin_up(args.busy)
    try:
        time.sleep(0.5)
        for run in range(args.runs):
            steps: list[tuple[str, Any]] = [("baseline", None), *variants.items()]
            if run % 2:
                steps.reverse()
            for name, flag in steps:
                if name == "baseline":
                    result = asyncio.run(baseline_once(args.baseline_seconds))
                    for key, values in result.items():
                        base[key].extend(values)
                    print(
                        f"  run {run + 1}: baseline interval error median "
                        f"{statistics.median(result['interval_error']):.2f} ms",
                        flush=True,
                    )
                else:
                    late = asyncio.run(hold_once(args.seconds, flag))
                    holds[name].append(late)
                    print(
                        f"  run {run + 1}: {name}: end seen {late['tick']:.1f} ms late "
                        f"(cue handed to the player {late['cue']:.1f} ms late)",
                        flush=True,
                    )
    finally:
        stop(busy)

    errors, one_shot = base["interval_error"], base["one_shot_late"]
    print(f"\nbaseline, bare Textual app under the same load ({len(errors)} intervals, {len(one_shot)} one-shots):")
    print(
        f"  set_interval({TICK:g}) interval error: median {statistics.median(errors):.2f} ms, "
        f"p95 {pct(errors, 0.95):.2f} ms, max {max(errors):.2f} ms"
    )
    print(
        f"  set_timer lateness:              median {statistics.median(one_shot):.2f} ms, "
        f"p95 {pct(one_shot, 0.95):.2f} ms, max {max(one_shot):.2f} ms"
    )
    print(f"\n{'variant':<26} {'median late':>12} {'max late':>10}  runs (ms)")
    ok = True
    for name, results in holds.items():
        lates = [r["tick"] for r in results]
        med = statistics.median(lates)
        line = (
            f"{name:<26} {med:>9.1f} ms {max(lates):>7.1f} ms  "
            + ", ".join(f"{v:.1f}" for v in lates)
        )
        if name == shipped:
            passed = max(lates) <= TARGET_MS
            ok = passed
            line += f"   target <= {TARGET_MS:g} ms every run: {'PASS' if passed else 'FAIL'}"
        print(line)
    print(
        "\nlate = monotonic time the engine's tick saw the hold end (stage left WORK, HOLD_END queued)\n"
        "minus the hold's deadline; a 20 Hz tick alone sees it anywhere from 0 to ~50 ms late."
    )
    sys.exit(1 if args.strict and not ok else 0)


if __name__ == "__main__":
    main()
