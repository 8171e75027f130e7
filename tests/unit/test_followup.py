"""The 24-hour response (CLINICAL.md section 3, "Follow-up"): when it is asked,
what is recorded, and that the engine keeps it in the session document."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from factories import make_drill, make_program, session_doc

from backcoach.coach.clock import FakeClock
from backcoach.coach.followup import FOLLOWUP_WINDOW_HOURS, Compared, FollowupDue, followup_due
from backcoach.coach.session import InvalidAction, SessionEngine
from backcoach.store.model import session_problem
from backcoach.store.schema import CURRENT_SCHEMA_VERSION, migrate

UK = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UK)
DONE = [{"drill_id": "cat-camel", "status": "done"}]


def ended_hours_ago(hours: float, **fields: Any) -> dict[str, Any]:
    """A session of 20 minutes that ended ``hours`` before NOW."""
    doc = session_doc(f"s-{hours}", NOW - timedelta(hours=hours, minutes=20), drills=DONE)
    doc.update(fields)
    return doc


# (rule, history, asked?, hours since, days ago in words)
CASES: list[tuple[str, list[dict[str, Any]], bool, float | None, str | None]] = [
    ("3.followup: no history, nothing to compare with", [], False, None, None),
    ("3.followup: a session yesterday", [ended_hours_ago(24)], True, 24.0, "yesterday"),
    ("3.followup: earlier today", [ended_hours_ago(2)], True, 2.0, "earlier today"),
    ("3.followup: two days ago", [ended_hours_ago(47)], True, 47.0, "two days ago"),
    ("3.followup: exactly 72 hours is within", [ended_hours_ago(72)], True, 72.0, "three days ago"),
    ("3.followup: more than 72 hours is not", [ended_hours_ago(72.1)], False, None, None),
    ("3.followup: the latest counted session decides", [ended_hours_ago(80), ended_hours_ago(30)], True, 30.0,
     "yesterday"),
    ("3.followup: a demo is not a counted session", [ended_hours_ago(24, demo=True)], False, None, None),
    ("3.followup: a session with nothing done is not counted",
     [ended_hours_ago(24, drills=[{"drill_id": "cat-camel", "status": "skipped"}])], False, None, None),
    ("3.followup: a safety stop is not counted", [ended_hours_ago(24, status="stopped_safety", drills=[])], False,
     None, None),
    ("3.followup: no end time: its start counts",
     [ended_hours_ago(10, ended_at=None)], True, 10.0 + 20 / 60, "yesterday"),
    ("3.followup: a session in the future (clock set back) is not asked about", [ended_hours_ago(-3)], False, None,
     None),
    ("3.followup: an unreadable time is skipped", [ended_hours_ago(24, ended_at="soon", started_at="never")], False,
     None, None),
]


@pytest.mark.parametrize(("rule", "history", "asked", "hours", "when"), CASES, ids=[c[0] for c in CASES])
def test_when_the_followup_is_asked(
    rule: str, history: list[dict[str, Any]], asked: bool, hours: float | None, when: str | None
) -> None:
    due = followup_due(history, NOW)
    assert (due is not None) is asked, rule
    if due is not None:
        assert due.hours == pytest.approx(hours)
        assert due.when == when


def test_the_window_is_clinicals_72_hours() -> None:
    assert FOLLOWUP_WINDOW_HOURS == 72


def test_a_local_time_without_an_offset_never_asks() -> None:
    assert followup_due([ended_hours_ago(24)], NOW.replace(tzinfo=None)) is None


def test_the_record_rounds_hours_to_a_tenth() -> None:
    due = FollowupDue(hours=23.456, days_ago=1)
    assert due.record(Compared.WORSE) == {"compared": "worse", "hours_since": 23.5}


def engine(due: FollowupDue | None) -> SessionEngine:
    return SessionEngine(
        make_program(make_drill()),
        FakeClock(),
        easier_of=lambda drill: None,
        needs_safety_check=False,
        followup_due=due,
        wall_time=lambda: NOW.isoformat(),
    )


def test_the_answer_is_kept_in_the_session_document_and_saved() -> None:
    session = engine(FollowupDue(hours=24.0, days_ago=1))
    assert session.document()["followup"] is None
    assert session.view().followup_due is not None and not session.view().followup_answered
    session.answer_followup(Compared.SAME)
    doc = session.document()
    assert doc["followup"] == {"compared": "same", "hours_since": 24.0}
    assert session.outbox[-1].document == doc  # saved at once
    assert session.view().followup_answered
    assert session_problem(doc) is None


def test_the_followup_is_answered_once_and_only_when_due() -> None:
    session = engine(FollowupDue(hours=24.0, days_ago=1))
    session.answer_followup(Compared.BETTER)
    with pytest.raises(InvalidAction):
        session.answer_followup(Compared.WORSE)
    with pytest.raises(InvalidAction):
        engine(None).answer_followup(Compared.BETTER)


def test_older_journals_gain_an_unasked_followup() -> None:
    data: dict[str, Any] = {"meta": {"1": {"schema_version": 2}}, "sessions": {"1": {"id": "a", "drills": []}}}
    migrate(data)
    assert data["sessions"]["1"]["followup"] is None
    assert data["meta"]["1"]["schema_version"] == CURRENT_SCHEMA_VERSION


@pytest.mark.parametrize(
    "followup",
    [{"compared": "same", "hours_since": -1}, {"compared": 3, "hours_since": 2.0}, "same", {"compared": "same"}],
)
def test_a_malformed_followup_is_a_bad_row(followup: object) -> None:
    doc = session_doc("x", NOW)
    doc["followup"] = followup
    if followup == {"compared": "same"}:
        # A missing key is read as null, like every other optional field of the model.
        assert session_problem(doc) is None
    else:
        assert session_problem(doc) is not None
