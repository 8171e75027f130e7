"""Realistic past sessions for the benchmarks: one shared generator, so every
benchmark measures the same kind of history.

Sessions follow the journal's session document (see README, "The session
document"): three programs of six drills, a slowly falling pain score, a mix
of statuses and a demo now and then.
"""

from __future__ import annotations

import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from backcoach.coach.safety import DAILY_IDS  # noqa: E402
from backcoach.store.journal import Journal  # noqa: E402

#: Ten years of daily sessions.
SIZE = 3650
TZ = timezone(timedelta(hours=1))
PROGRAMS = (
    ("back-pain-essentials", "Back pain essentials", ("segmental-rolls", "bear-hold", "front-plank",
                                                      "quadruped-hip-extension", "hip-hinge-dowel", "cat-camel")),
    ("gentle-morning", "Gentle morning", ("morning-pelvic-rocks", "knee-rocks", "knees-to-chest",
                                          "pelvic-tilt", "cat-camel", "walking")),
    ("glutes-first", "Glutes first", ("half-kneeling-glute", "prone-lumbar-extension", "hip-hinge-dowel",
                                      "band-hip-hinge", "glute-bridge", "bridge-hold")),
)
STATUSES = ("completed",) * 14 + ("ended_early", "ended_early", "stopped_pain", "interrupted")


def past_session(i: int, day: date, size: int = SIZE) -> dict[str, Any]:
    program_id, name, drill_ids = PROGRAMS[(i // 7) % len(PROGRAMS)]
    start = datetime(day.year, day.month, day.day, 7 + i % 12, (i * 7) % 60, tzinfo=TZ)
    pain = max(0, min(10, 7 - i * 5 // max(size, 1) + (i % 5) - 2))
    drills = []
    for j, drill_id in enumerate(drill_ids):
        n = i + j
        status = ("done", "done", "done", "easier", "partial", "skipped")[n % 6]
        gate = max(0, min(10, pain + n % 3 - 1))
        drills.append(
            {
                "drill_id": drill_id,
                "replaced_by": f"{drill_id}-easier" if status == "easier" else None,
                "planned": {"kind": "reps", "sets": 2, "reps": 10, "tempo": [3, 3], "rest_seconds": 30},
                "status": status,
                "gate_pain": gate,
                "gate_band": "green" if gate <= 3 else "amber" if gate <= 5 else "red",
                "difficulty": ("too_easy", "about_right", "too_hard")[n % 3],
                "active_seconds": 0.0 if status == "skipped" else 60.0 + n % 90,
                "reps_done": 10,
                "sets_done": 2,
            }
        )
    return {
        "id": uuid.uuid4().hex,
        "program": {"id": program_id, "name": name},
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=22)).isoformat(timespec="seconds"),
        "status": STATUSES[i % len(STATUSES)],
        "demo": i % 97 == 0,
        "speed": 10.0 if i % 97 == 0 else 1.0,
        "checkin_pain": pain,
        "final_pain": max(0, pain - 1),
        "safety": {"answers": {qid: False for qid in DAILY_IDS}, "outcome": "clear"},
        "drills": drills,
    }


def build_journal(folder: Path, size: int, today: date) -> Path:
    """File ``size`` daily sessions ending yesterday through ``record_standalone``.

    Only the per-insert whole-file rewrite is held back and done once at the
    end (3,650 rewrites of a growing file take minutes and give the same bytes).
    """
    folder.mkdir(parents=True)
    with Journal.open(folder / "journal.json") as journal:
        storage = journal._storage
        real_write = storage.write

        def keep_in_memory(data: dict[str, Any]) -> None:
            storage._cache = data

        storage.write = keep_in_memory
        first = today - timedelta(days=size)
        for i in range(size):
            journal.record_standalone(past_session(i, first + timedelta(days=i), size))
        storage.write = real_write
        real_write(storage.read() or {})
        assert journal.count() == size
        return journal.path

