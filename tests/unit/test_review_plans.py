"""A review knows the patient's plan from the sessions themselves, not from this computer's programs."""

from __future__ import annotations

from datetime import UTC

from backcoach.store.model import session_problem
from backcoach.tui.services import recorded_plans


def session(program: dict[str, object]) -> dict[str, object]:
    return {"program": program}


def test_the_latest_session_of_each_program_says_its_days_per_week() -> None:
    sessions = [
        session({"id": "anna", "days_per_week": 2}),
        session({"id": "anna", "days_per_week": 3}),
        session({"id": "old", "name": "no plan recorded"}),
        session({"id": "odd", "days_per_week": 9}),
        session({"id": "text", "days_per_week": "3"}),
    ]
    assert recorded_plans(sessions) == {"anna": 3}


def test_the_journal_accepts_the_recorded_plan_and_refuses_a_bad_one() -> None:
    from datetime import datetime

    from factories import session_doc

    doc = session_doc("s", datetime(2026, 3, 2, 8, tzinfo=UTC))
    doc["program"] = {"id": "anna", "name": "Anna", "hash": None, "locked": False, "days_per_week": 3}
    assert session_problem(doc) is None
    doc["program"]["days_per_week"] = 8
    assert session_problem(doc) is not None
