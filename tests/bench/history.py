"""History screen benchmark: open time with 3,650 past sessions vs TinyDB's read-all.

Run ``python tests/bench/history.py`` from the repository root. It builds a
journal of ten years of daily sessions (six drills each, a mix of programs,
statuses, demos and pain scores) through ``Journal.record_standalone``, then
measures in the same run, on the same file, alternating the order, each
measurement in a fresh interpreter (so no run inherits another's heap):

- TinyDB read-all: ``TinyDB(path).table("sessions").all()`` with the default
  JSONStorage on a copy of the journal (open, parse, build documents);
- History open, h from Home: the app runs headless (``App.run_test``), its
  start-up history read is done, and the time runs from pushing the History
  screen to the first refresh after its data is shown (calendar, streaks,
  pain chart and the full session list);
- the same after a new session: a session was added to the cache since
  start-up, so the numbers prepared then no longer hold and the screen
  computes them in its own worker on the way in;
- ``backcoach history``: the app starts on History before the journal has
  been read, so the time also covers the app's read (``Journal.sessions()``)
  and Home's first frame underneath;
- for each, the longest gap between 5 ms UI timer ticks while the screen
  opened: how long the UI thread was ever blocked.

The DESIGN target is <= 150 ms for the open with 3,650 sessions. Prints
medians, and each time as a ratio to the read-all.
Not collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tinydb  # noqa: E402
from past_sessions import SIZE, build_journal, past_session  # noqa: E402

from backcoach.content.library import default_library  # noqa: E402
from backcoach.content.programs import builtin_programs  # noqa: E402
from backcoach.store.journal import Journal  # noqa: E402
from backcoach.store.settings import Settings  # noqa: E402
from backcoach.tui.app import BackcoachApp  # noqa: E402
from backcoach.tui.history import screen as history_module  # noqa: E402
from backcoach.tui.services import Services  # noqa: E402

TARGET_MS = 150.0


class Probe:
    """Times one History screen open, and the UI thread's longest stall meanwhile."""

    def __init__(self) -> None:
        self.started = 0.0
        self.rendered = asyncio.Event()
        self.open_ms = 0.0
        self.last_tick = 0.0
        self.longest_gap = 0.0

    def tick(self) -> None:
        now = time.perf_counter()
        if self.last_tick and not self.rendered.is_set():
            self.longest_gap = max(self.longest_gap, now - self.last_tick)
        self.last_tick = now


def probed_screen_class(probe: Probe) -> type:
    class ProbedHistoryScreen(history_module.HistoryScreen):
        CSS_PATH = str(Path(history_module.__file__).with_name(str(history_module.HistoryScreen.CSS_PATH)))

        def __init__(self) -> None:
            probe.started = time.perf_counter()
            super().__init__()

        def _show(self, view: Any) -> None:
            super()._show(view)
            self.call_after_refresh(self._rendered)

        def _rendered(self) -> None:
            probe.open_ms = (time.perf_counter() - probe.started) * 1000
            probe.rendered.set()

    return ProbedHistoryScreen


def make_app(journal: Journal, today: date, start: str) -> BackcoachApp:
    library = default_library()
    services = Services(
        library=library,
        programs=builtin_programs(library),
        journal=journal,
        settings=Settings(muted=True),
        save_settings=lambda settings: None,
        today=lambda: today,
    )
    return BackcoachApp(services, start=start)


async def open_once(journal: Journal, today: date, cold: bool, stale: bool = False) -> tuple[float, float]:
    probe = Probe()
    original = history_module.HistoryScreen
    app = make_app(journal, today, "history" if cold else "home")
    # The app imports HistoryScreen from this module when it opens History.
    history_module.HistoryScreen = probed_screen_class(probe)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.set_interval(0.005, probe.tick)
            if not cold:
                await app.workers.wait_for_complete()  # Home has loaded the cache
                await pilot.pause()
                assert app.history.loaded
                if stale:  # a session filed since start-up: the screen computes its numbers itself
                    app.history.append(past_session(SIZE, today))  # as App.session_ended does
                probe.last_tick = 0.0
                history_module.open_history(app)
            await asyncio.wait_for(probe.rendered.wait(), 30)
            screen = app.screen
            assert isinstance(screen, original) and screen.view is not None
            assert len(screen.view.newest) == journal.count() + (1 if stale else 0)
    finally:
        history_module.HistoryScreen = original
    return probe.open_ms, probe.longest_gap * 1000


def read_all_ms(path: Path) -> float:
    start = time.perf_counter()
    with tinydb.TinyDB(path) as db:
        docs = db.table("sessions").all()
    elapsed = (time.perf_counter() - start) * 1000
    assert docs
    return elapsed


def measure_once(kind: str, path: Path, today: date) -> tuple[float, float]:
    """One measurement, in this (fresh) process: (milliseconds, UI stall ms)."""
    if kind == "read-all":
        return read_all_ms(path), 0.0
    with Journal.open(path) as journal:
        return asyncio.run(open_once(journal, today, cold=kind == "cold", stale=kind == "stale"))


def in_fresh_process(kind: str, path: Path, today: date) -> tuple[float, float]:
    """Each measurement starts from a fresh interpreter (imports done, untimed),
    so one run's heap and caches never help or hurt the next."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", kind, "--path", str(path), "--today", today.isoformat()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout
    ms, stall = out.split()[-2:]
    return float(ms), float(stall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=7, help="runs of each measurement (default 7)")
    parser.add_argument("--dir", type=Path, help="where to build the journal (default: a temp dir)")
    parser.add_argument("--one", choices=("read-all", "warm", "stale", "cold"), help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        ms, stall = measure_once(args.one, args.path, args.today)
        print(f"{ms:.3f} {stall:.3f}")
        return

    today = date.today()
    base = Path(tempfile.mkdtemp(prefix="backcoach-bench-history-", dir=args.dir))
    try:
        t0 = time.perf_counter()
        path = build_journal(base / "data", args.sessions, today)
        plain = base / "plain" / "journal.json"
        plain.parent.mkdir()
        shutil.copyfile(path, plain)
        print(
            f"python {sys.version.split()[0]}, tinydb {tinydb.__version__}; journal of "
            f"{args.sessions:,} sessions ({path.stat().st_size / 1e6:.1f} MB) built in "
            f"{time.perf_counter() - t0:.1f} s; {args.runs} runs each, alternating, "
            "each in a fresh process",
            flush=True,
        )
        results: dict[str, list[tuple[float, float]]] = {"read-all": [], "warm": [], "stale": [], "cold": []}
        in_fresh_process("warm", path, today)  # warm-up: .pyc files, page cache
        for run in range(args.runs):
            order = [("read-all", plain), ("warm", path), ("stale", path), ("cold", path)]
            for kind, target in order if run % 2 == 0 else reversed(order):
                results[kind].append(in_fresh_process(kind, target, today))
    finally:
        shutil.rmtree(base, ignore_errors=True)

    read_all = [v[0] for v in results["read-all"]]
    base_ms = statistics.median(read_all)
    print(f"\n{'measurement':<40} {'median':>9} {'min':>9} {'max':>9} {'ratio':>6}  {'UI stall':>9}")
    print("-" * 88)
    print(f"{'TinyDB read-all (default JSONStorage)':<40} {base_ms:>6.1f} ms {min(read_all):>6.1f} ms "
          f"{max(read_all):>6.1f} ms {1.0:>6.2f}")
    ok = True
    labels = (
        ("warm", "History open, h from Home"),
        ("stale", "... after a new session (computed)"),
        ("cold", "backcoach history (read + open)"),
    )
    for kind, label in labels:
        opens = [v[0] for v in results[kind]]
        stalls = [v[1] for v in results[kind]]
        med = statistics.median(opens)
        if kind == "warm":
            ok = med <= TARGET_MS
        print(f"{label:<40} {med:>6.1f} ms {min(opens):>6.1f} ms {max(opens):>6.1f} ms "
              f"{med / base_ms:>6.2f}  {statistics.median(stalls):>6.1f} ms")
    print(
        "\nratio = median / TinyDB read-all median (same run, same data, alternating order);\n"
        "UI stall = the longest gap between 5 ms UI timer ticks while the screen opened (median).\n"
        "h from Home: the history read at start-up is done (numbers prepared by that worker);\n"
        "after a new session: the same, but a session was added since, so the screen computes\n"
        "its numbers in its own worker on the way in; backcoach history: the app starts on\n"
        "History, so the time also covers reading the journal and Home's first frame."
    )
    print(f"target History open (h from Home) <= {TARGET_MS:.0f} ms with {args.sessions:,} sessions: "
          f"{'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
