"""Journal benchmark: per-drill save, open and history read vs plain TinyDB.

Run ``python tests/bench/journal.py`` from the repository root. For each
history size it builds a journal of realistic past sessions (six drills
each) and measures, in the same run and on the same disk:

- per-drill save: median of ``Journal.save_session`` of the session in
  progress with one more drill, as the app's writer saves it (the DESIGN
  target is <= 10 ms at 3,650 past sessions);
- plain TinyDB insert: median of ``TinyDB(path).table("sessions").insert``
  with the default JSONStorage on a copy of the same data (what a naive
  per-drill save would cost), and the ratio of the two;
- journal open, ``sessions()`` (the history screen's read) and the save of
  the finished session (one whole-journal write, once per session).

Not collected by pytest (the file is not named ``test_*``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tinydb  # noqa: E402

from backcoach.store.journal import Journal  # noqa: E402
from backcoach.store.schema import CURRENT_SCHEMA_VERSION  # noqa: E402
from backcoach.store.timefmt import now_iso  # noqa: E402

SIZES = (0, 1000, 3650, 10000)
DRILLS = ("cat-cow", "pelvic-tilt", "bird-dog", "glute-bridge", "dead-bug", "side-plank")
TZ = timezone(timedelta(hours=1))


def drill(n: int, drill_id: str) -> dict:
    return {
        "drill_id": drill_id,
        "replaced_by": None if n % 5 else f"{drill_id}-easier",
        "planned": {"sets": 2, "reps": 10, "hold_seconds": None, "tempo_seconds": 4},
        "status": "done" if n % 7 else "easier",
        "gate_pain": n % 6,
        "gate_band": "green" if n % 6 < 4 else "amber",
        "difficulty": ("too_easy", "about_right", "too_hard")[n % 3],
        "active_seconds": 60.0 + n % 40,
        "reps_done": 10,
        "sets_done": 2,
    }


def past_session(i: int) -> dict:
    start = datetime(2015, 1, 1, 7, 30, tzinfo=TZ) + timedelta(days=i)
    return {
        "id": uuid.uuid4().hex,
        "program": {"id": "core-basics", "name": "Core basics"},
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=22)).isoformat(timespec="seconds"),
        "status": "completed",
        "demo": False,
        "speed": 1.0,
        "checkin_pain": i % 5,
        "final_pain": i % 4,
        "safety": {"answers": {k: False for k in ("saddle", "bladder", "weakness", "fever", "trauma", "night")}},
        "drills": [drill(i + j, name) for j, name in enumerate(DRILLS)],
    }


def build_journal(folder: Path, size: int) -> Path:
    folder.mkdir(parents=True)
    path = folder / "journal.json"
    data = {
        "meta": {"1": {"schema_version": CURRENT_SCHEMA_VERSION}},
        "sessions": {str(i + 1): past_session(i) for i in range(size)},
    }
    path.write_text(json.dumps(data, separators=(",", ":")))
    return path


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def median_ms(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def measure(base: Path, size: int, drill_saves: int) -> dict[str, float]:
    path = build_journal(base / f"journal-{size}", size)
    plain_path = base / f"plain-{size}" / "journal.json"
    plain_path.parent.mkdir()
    shutil.copyfile(path, plain_path)
    heavy = size >= 3650
    results: dict[str, float] = {"size_mb": path.stat().st_size / 1e6}

    results["open"] = median_ms(lambda: Journal.open(path).close(), 3 if heavy else 7)
    with Journal.open(path) as journal:
        results["history"] = median_ms(journal.sessions, 3 if heavy else 7)
        # Whole documents, as the app's writer saves them (Journal.save_session).
        doc: dict[str, Any] = {
            "id": uuid.uuid4().hex,
            "program": {"id": "core-basics", "name": "Core basics"},
            "status": "running",
            "started_at": now_iso(),
            "checkin_pain": 2,
            "drills": [],
        }
        journal.save_session(doc)
        counter = iter(range(10**6))

        def drill_saved() -> None:
            doc["drills"].append(drill(next(counter), "bird-dog"))
            journal.save_session(doc)

        results["drill"] = median_ms(drill_saved, drill_saves)
        finished = dict(doc, status="completed", ended_at=now_iso(), final_pain=1)
        results["finish"] = timed(lambda: journal.save_session(finished))

    with tinydb.TinyDB(plain_path) as db:
        table = db.table("sessions")
        results["plain"] = median_ms(lambda: table.insert(past_session(size)), 3 if heavy else 9)
    results["ratio"] = results["drill"] / results["plain"]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where to build the journals (default: a temp dir)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--drills", type=int, default=30, help="per-drill saves per size")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="backcoach-bench-", dir=args.dir))
    print(f"journals in {base} (python {sys.version.split()[0]}, tinydb {tinydb.__version__})")
    header = (
        f"{'past sessions':>13} {'file MB':>8} {'drill save':>11} {'plain insert':>13} "
        f"{'ratio':>7} {'open':>9} {'sessions()':>11} {'finish':>9}"
    )
    print(header)
    print("-" * len(header))
    rows = {}
    try:
        for size in args.sizes:
            r = measure(base, size, args.drills)
            rows[size] = r
            print(
                f"{size:>13,} {r['size_mb']:>8.1f} {r['drill']:>8.2f} ms {r['plain']:>10.1f} ms "
                f"{r['ratio']:>7.3f} {r['open']:>6.1f} ms {r['history']:>8.1f} ms {r['finish']:>6.1f} ms",
                flush=True,
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(
        "\ndrill save = median Journal.save_session of the session in progress (current_session.json: temp + fsync + "
        "rename + dir fsync);\nplain insert = median TinyDB default JSONStorage insert of one "
        "session on the same data; ratio = drill save / plain insert."
    )
    if 3650 in rows:
        ok = rows[3650]["drill"] <= 10.0
        print(f"target per-drill save <= 10 ms median at 3,650 sessions: "
              f"{rows[3650]['drill']:.2f} ms -> {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
