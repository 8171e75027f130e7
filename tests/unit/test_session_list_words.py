"""How History's session detail puts each drill record in words: its status,
the program's dose, the dose done, and what today's plan changed and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from typing import Any

import pytest
from factories import make_drill

from backcoach.coach.session_list import drill_rows
from backcoach.content.model import Drill

LIBRARY: dict[str, Drill] = {
    "cat-camel": make_drill("cat-camel", reps=8),
    "pelvic-tilt": replace(make_drill("pelvic-tilt", reps=6), name="Pelvic tilt"),
    "bear-hold": make_drill("bear-hold", "hold", hold=20),
}


@pytest.mark.parametrize(
    ("record", "shown"),
    [
        ({"status": "done"}, "done"),
        ({"status": "partial"}, "partly done"),
        ({"status": "easier", "replaced_by": "pelvic-tilt"}, "easier"),
        ({"status": "partial_easier", "replaced_by": "pelvic-tilt"}, "easier, partly"),
        ({"status": "skipped", "leg_spread": True}, "skipped, leg spread"),
        ({"status": "left_out"}, "left out"),
        ({"status": "something-new"}, "something-new"),
        ({}, "-"),
    ],
)
def test_drill_status_words(record: dict[str, object], shown: str) -> None:
    (row,) = drill_rows({"drills": [{"drill_id": "cat-camel", **record}]}, LIBRARY)
    assert row.status == shown


def dose(reps: int, drill_id: str = "cat-camel", **more: Any) -> dict[str, Any]:
    """A recorded dose as ``adapted`` holds it (coach.adapt.dose_dict)."""
    return {"drill_id": drill_id, "kind": "reps", "sets": 1, "sides": 1, "reps": reps, "tempo": [4.0, 4.0],
            "rest_seconds": 0, **more}  # fmt: skip


PLANNED = {"kind": "reps", "sets": 1, "sides": 1, "reps": 8, "tempo": [4.0, 4.0], "rest_seconds": 0}
EIGHT = "1 x 8 reps, 4/4 s per breath"
TEN = "1 x 10 reps, 4/4 s per breath"
UP = {"from": dose(8), "to": dose(10), "level": dose(10), "rules": ["3.progression.6"],
      "why": ["2 more reps: it felt too easy in your last two sessions"]}  # fmt: skip
UP_WHY = (("2 more reps: it felt too easy in your last two sessions", "3.progression.6"),)

# (what it checks, the record (drill cat-camel unless it says), (planned, done, change, why))
ROWS: list[tuple[str, dict[str, Any], tuple[str, str, str, tuple[tuple[str, str], ...]]]] = [
    ("schema 1: planned only", {"status": "done", "planned": {"kind": "reps", "sets": 1, "reps": 8}},
     (EIGHT, EIGHT, "", ())),
    ("adapted null: as planned", {"status": "done", "planned": PLANNED, "adapted": None}, (EIGHT, EIGHT, "", ())),
    ("the tempo it was recorded at", {"status": "done", "planned": {**PLANNED, "tempo": [3, 3]}},
     ("1 x 8 reps, 3/3 s per breath",) * 2 + ("", ())),
    ("no planned dose at all", {"status": "done"}, ("", "", "", ())),
    ("a drill no longer in the library", {"drill_id": "gone", "status": "done", "planned": PLANNED}, ("", "", "", ())),
    ("a dose of another kind than the drill's", {"status": "done", "planned": {"kind": "hold", "hold_seconds": 20}},
     ("", "", "", ())),
    ("a dose field that is not a count", {"status": "done", "planned": {**PLANNED, "reps": "8"}}, ("", "", "", ())),
    ("a step up: the program's dose, today's, and why", {"status": "done", "planned": PLANNED, "adapted": UP},
     (EIGHT, TEN, "changed", UP_WHY)),
    ("held for a stated reason",
     {"status": "done", "adapted": {**UP, "to": dose(8), "level": dose(8), "rules": ["3.progression.locked"],
                                    "why": ["same dose: tell your physiotherapist it felt easy"]}},
     (EIGHT, EIGHT, "held", (("same dose: tell your physiotherapist it felt easy", "3.progression.locked"),))),
    ("left out today",
     {"status": "left_out", "adapted": {**UP, "to": None, "rules": ["4.nerve"], "why": ["left out today: leg pain"]}},
     (EIGHT, "left out", "left out", (("left out today: leg pain", "4.nerve"),))),
    ("swapped for direction: names the drill done",
     {"status": "done", "adapted": {**UP, "to": dose(8, "pelvic-tilt"), "level": dose(8), "rules": ["4.direction"],
                                    "why": ["Pelvic tilt instead of Cat camel"]}},
     (EIGHT, f"Pelvic tilt, {EIGHT}", "changed", (("Pelvic tilt instead of Cat camel", "4.direction"),))),
    ("easier at the pain check: the easier version's own dose, whatever the plan said",
     {"status": "easier", "replaced_by": "pelvic-tilt", "adapted": UP,
      "replacement_dose": {k: v for k, v in dose(10).items() if k != "drill_id"}},
     (EIGHT, f"Pelvic tilt, {TEN}", "changed", UP_WHY)),
    ("easier before schema 2: its dose was not kept", {"status": "easier", "replaced_by": "pelvic-tilt",
                                                      "planned": PLANNED}, (EIGHT, "", "", ())),
    ("skipped: none done", {"status": "skipped", "adapted": UP}, (EIGHT, "skipped", "changed", UP_WHY)),
    ("an adapted without today's dose says nothing of a change",
     {"status": "done", "planned": PLANNED, "adapted": {"from": dose(8), "rules": [], "why": []}},
     (EIGHT, EIGHT, "", ())),
    ("reasons without matching rule ids keep their words",
     {"status": "done", "adapted": {**UP, "rules": [], "why": ["a reason", ""]}}, (EIGHT, TEN, "changed",
                                                                               (("a reason", ""),))),
]  # fmt: skip


@pytest.mark.parametrize(("record", "expected"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_drill_doses_and_changes(record: dict[str, Any], expected: tuple[Any, ...]) -> None:
    (row,) = drill_rows({"drills": [{"drill_id": "cat-camel", **record}]}, LIBRARY)
    assert (row.planned, row.done, row.change, row.why) == expected


def test_a_hold_reads_as_a_hold() -> None:
    record = {"drill_id": "bear-hold", "status": "done",
              "adapted": {"from": {"drill_id": "bear-hold", "kind": "hold", "sets": 1, "sides": 1, "hold_seconds": 20},
                          "to": {"drill_id": "bear-hold", "kind": "hold", "sets": 2, "sides": 1, "hold_seconds": 10,
                                 "rest_seconds": 15},
                          "level": {}, "rules": ["3.flare"], "why": ["half the usual amount"]}}  # fmt: skip
    (row,) = drill_rows({"drills": [record]}, LIBRARY)
    assert (row.planned, row.done) == ("1 x 20 s hold", "2 x 10 s hold, rest 15 s")


@pytest.mark.parametrize(
    ("statuses", "done"),
    [
        (("done", "partial"), 1),
        (("partial", "skipped", "easier"), 1),
        (("done", "easier", "partial_easier", "left_out"), 2),
    ],
)
def test_the_session_list_counts_only_drills_done_in_full(statuses: tuple[str, ...], done: int) -> None:
    """A partly done drill is not "done": the list, the detail and the report count alike."""
    from datetime import datetime

    from factories import session_doc

    from backcoach.coach.session_list import session_row

    doc = session_doc("s", datetime(2026, 3, 2, 8, tzinfo=UTC), drills=[{"drill_id": "cat-camel", "status": s} for s in statuses])
    row = session_row(doc)
    assert (row.drills_done, row.drills_total) == (done, len(statuses))
