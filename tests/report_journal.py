"""A small journal written out by hand, row by row, for the report's tests.

Every figure the report tests expect was counted by hand from these rows
(see the comments in ``unit/test_report_figures.py``). Program ``p`` (3 days a
week) changes content between the sessions of 18 and 23 March (hash
``aaa…`` -> ``bbb…``, now locked); program ``q`` sets no days and records no
hash (an older row). Today is Monday 30 March 2026; the report's period
starts on Monday 16 March.
"""

from __future__ import annotations

from datetime import date
from typing import Any

TODAY = date(2026, 3, 30)
SINCE = date(2026, 3, 16)
PLANS = {"p": 3}
OLD, NEW = "aaaaaaaaaaaa", "bbbbbbbbbbbb"


def _program(content: str | None, locked: bool | None = None, pid: str = "p") -> dict[str, Any]:
    program: dict[str, Any] = {"id": pid, "name": "Core basics" if pid == "p" else "Other <one>"}
    if content is not None:
        program |= {"hash": content, "locked": locked}
    return program


def _drill(drill_id: str, status: str, pain: int | None, band: str | None, difficulty: str | None,
           seconds: float, planned: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "drill_id": drill_id,
        "replaced_by": extra.pop("replaced_by", None),
        "planned": planned,
        "replacement_dose": extra.pop("replacement_dose", None),
        "status": status,
        "gate_pain": pain,
        "gate_band": band,
        "leg_spread": extra.pop("leg_spread", False),
        "difficulty": difficulty,
        "active_seconds": seconds,
        "reps_done": 0,
        "sets_done": 0,
        "adapted": extra.pop("adapted", None),
    }


CAT8 = {"kind": "reps", "sets": 1, "reps": 8}
CAT10 = {"kind": "reps", "sets": 1, "reps": 10}
CAT12 = {"kind": "reps", "sets": 1, "reps": 12}
BEAR = {"kind": "hold", "sets": 3, "hold_seconds": 20, "rest_seconds": 20}
PLANK = {"kind": "hold", "sets": 3, "hold_seconds": 20, "rest_seconds": 30}
KNEE = {"kind": "hold", "sets": 3, "hold_seconds": 20, "rest_seconds": 20}
BIRD = {"kind": "hold", "sets": 5, "hold_seconds": 8, "rest_seconds": 5, "sides": 2}
CLEAR = {"answers": {"saddle_numbness": False}, "outcome": "clear", "levels": {}}


def _session(sid: str, started: str, program: dict[str, Any], status: str, checkin: int | None,
             final: int | None, drills: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "program": program,
        "started_at": started,
        "ended_at": started[:11] + "09:00:00+01:00",
        "status": status,
        "demo": extra.pop("demo", False),
        "speed": 1.0,
        "checkin_pain": checkin,
        "leg_today": extra.pop("leg_today", None),
        "followup": extra.pop("followup", None),
        "final_pain": final,
        "safety": extra.pop("safety", CLEAR),
        "last_gate": None,
        "drills": drills,
    }


def journal() -> list[dict[str, Any]]:
    """The whole journal, oldest first."""
    return [
        # Before the period: the old content, completed, so its drill list is known whole.
        _session("s0", "2026-03-13T08:00:00+01:00", _program(OLD, False), "completed", 4, 4, [
            _drill("cat-camel", "done", 4, "amber", "about_right", 55.0, CAT8),
            _drill("bear-hold", "done", 4, "amber", "about_right", 60.0, BEAR),
            _drill("front-plank", "done", 4, "amber", "about_right", 60.0, PLANK),
        ]),
        _session("s1", "2026-03-16T08:00:00+01:00", _program(OLD, False), "completed", 4, 3, [
            _drill("cat-camel", "done", 3, "green", "about_right", 60.0, CAT8),
            _drill("bear-hold", "easier", 5, "amber", "too_hard", 40.0, BEAR,
                   replaced_by="hands-knees-brace", replacement_dose={"kind": "hold", "sets": 3, "hold_seconds": 20}),
            _drill("front-plank", "skipped", 7, "red", None, 0.0, PLANK),
        ], leg_today="none"),
        _session("s2", "2026-03-18T08:00:00+01:00", _program(OLD, False), "ended_early", 3, 4, [
            _drill("cat-camel", "partial", 2, "green", "too_easy", 30.0, CAT10, adapted={
                "from": {"drill_id": "cat-camel", **CAT8}, "to": {"drill_id": "cat-camel", **CAT10},
                "level": {"drill_id": "cat-camel", **CAT10}, "rules": ["3.progression.6"],
                "why": ["2 more reps: it felt too easy twice"],
            }),
            _drill("bear-hold", "skipped", 2, "green", None, 0.0, BEAR),
            _drill("front-plank", "partial_easier", 4, "amber", "too_hard", 20.0, PLANK,
                   replaced_by="knee-plank", replacement_dose=KNEE),
        ], leg_today="thigh", followup={"compared": "same", "hours_since": 46.0}),
        # A demo: left out of every figure.
        _session("s3", "2026-03-20T08:00:00+01:00", _program(NEW, True), "completed", 9, 9, [
            _drill("cat-camel", "done", 9, "stop", "too_hard", 100.0, CAT12),
        ], demo=True),
        # The new content: bear hold gone, bird dog added, cat-camel at 12 reps; locked.
        _session("s4", "2026-03-23T08:00:00+01:00", _program(NEW, True), "completed", 5, 5, [
            _drill("cat-camel", "done", 4, "amber", "about_right", 65.0, CAT12),
            _drill("front-plank", "skipped", 8, "stop", None, 0.0, PLANK, leg_spread=True),
            _drill("bird-dog", "left_out", None, None, None, 0.0, BIRD),
        ], leg_today="below_knee", followup={"compared": "worse", "hours_since": 70.5}),
        _session("s5", "2026-03-25T08:00:00+01:00", _program(NEW, True), "stopped_safety", None, None, [], safety={
            "answers": {"saddle_numbness": False, "fever_unwell": True},
            "levels": {"fever_unwell": "doctor_today"},
            "outcome": "doctor_today",
        }),
        _session("s6", "2026-03-27T08:00:00+01:00", _program(None, pid="q"), "completed", 2, 1, [
            _drill("cat-camel", "done", 1, "green", "too_hard", 50.0, CAT8),
        ]),
    ]
