"""Today's plan benchmark: ``plan_today`` with ten years of sessions vs TinyDB's read-all.

Run ``python tests/bench/plan.py`` from the repository root. The session
engine works out today's plan when the check-in is answered, on the UI
thread, so it must stay a small part of a frame however long the journal
grows. It builds a journal of 3,650 daily sessions (``past_sessions``), then
measures in the same run, alternating: TinyDB's read-all of that file (the
baseline: what reading the history costs anyway), and ``plan_today`` for
each built-in program over the documents read.

Target: the plan costs no more than 0.5x the read-all (about 25 ms on a
2-core machine). Prints medians and the ratio. Not collected by pytest.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import tinydb  # noqa: E402
from past_sessions import SIZE, TZ, build_journal  # noqa: E402

from backcoach.coach.adapt import plan_today  # noqa: E402
from backcoach.coach.adapt_day import Answers  # noqa: E402
from backcoach.content.library import default_library  # noqa: E402
from backcoach.content.programs import builtin_programs  # noqa: E402

TARGET_RATIO = 0.5
ROUNDS = 15


def main() -> None:
    today = date(2026, 12, 1)
    library = default_library()
    programs = builtin_programs(library)
    with tempfile.TemporaryDirectory() as tmp:
        path = build_journal(Path(tmp) / "data", SIZE, today)
        now = datetime(today.year, today.month, today.day, 9, tzinfo=TZ)
        answers = Answers(now, checkin=3, followup="same", leg="none")
        reads: list[float] = []
        plans: list[float] = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            with tinydb.TinyDB(path) as db:
                sessions = db.table("sessions").all()
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            for program in programs:
                plan_today(program, sessions, answers, library)
            plans.append((time.perf_counter() - start) / len(programs))
        read_ms, plan_ms = statistics.median(reads) * 1000, statistics.median(plans) * 1000
        ratio = plan_ms / read_ms
        verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"sessions: {SIZE} (last {(now - timedelta(days=SIZE)).date()} .. {today})")
        print(f"TinyDB read-all: {read_ms:.1f} ms median")
        print(f"plan_today, one program: {plan_ms:.1f} ms median ({ratio:.2f}x read-all; target <= {TARGET_RATIO}x) {verdict}")


if __name__ == "__main__":
    main()
