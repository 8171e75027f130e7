"""Drills counted by how they went (``coach.drill_counts``): a session's against its
program (History's detail), and each drill over many sessions (History's Drills page);
every figure checked against counts made by hand."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from factories import drill_record, make_drill, make_program, session_doc

from backcoach.coach.drill_counts import PERIODS, DrillLine, drill_lines, drills_heading, in_period, session_tally
from backcoach.content.program_hash import program_hash
from backcoach.tui.history.detail import program_drill_count, session_facts

UK = timezone(timedelta(hours=1))
START = datetime(2026, 3, 2, 8, 0, tzinfo=UK)
FIVE = make_program(*(make_drill(f"drill-{n}") for n in range(5)), program_id="five")


def with_statuses(*statuses: str, status: str = "ended_early", **fields: Any) -> dict[str, Any]:
    drills = [drill_record(f"drill-{n}", status=s) for n, s in enumerate(statuses)]
    return session_doc("s", START, program={"id": "five", "name": "Five drills"}, status=status, drills=drills, **fields)


@pytest.mark.parametrize(
    ("statuses", "status", "program_drills", "words"),
    [
        # The case: a 5-drill program with one partial, and what the detail said ("3 of 3 done").
        (("done", "done", "partial"), "ended_early", 5, "2 of 5 done, 1 partly, 2 not reached"),
        (("done", "done", "partial", "skipped", "skipped"), "completed", 5, "2 of 5 done, 1 partly, 2 skipped"),
        (("done", "done", "partial", "skipped"), "stopped_pain", 5, "2 of 5 done, 1 partly, 1 skipped, 1 not reached"),
        (("done", "easier", "partial_easier", "left_out"), "completed", None,
         "2 of 4 done, 1 partly, 1 left out by the plan; 2 easier"),
        # A completed session recorded every drill of its program, whatever is installed now.
        (("done", "done"), "completed", 5, "2 of 2 done"),
        # The program is not known (or no longer the one it ran): the count says so.
        (("done", "skipped"), "ended_early", None,
         "1 of the 2 reached done, 1 skipped (the program's other drills are not known here)"),
        # A safety stop records no drill: all of a known program's were not reached.
        ((), "stopped_safety", 5, "0 of 5 done, 5 not reached"),
        ((), "stopped_safety", None, "none recorded"),
        (("done", "done", "done"), "interrupted", 2,
         "3 of the 3 reached done (the program's other drills are not known here)"),
    ],
)
def test_a_sessions_drills_are_counted_against_its_program(
    statuses: tuple[str, ...], status: str, program_drills: int | None, words: str
) -> None:
    assert session_tally(with_statuses(*statuses, status=status), program_drills).words() == words


def test_the_programs_drills_come_from_the_installed_program_while_it_is_the_same() -> None:
    doc = with_statuses("done", "partial")
    other = make_program(make_drill("cat-camel"), program_id="other")
    assert program_drill_count(doc, [other, FIVE]) == 5  # an older session without a hash: the id
    doc["program"]["hash"] = program_hash(FIVE)
    assert program_drill_count(doc, [FIVE]) == 5
    changed = dataclasses.replace(FIVE, items=FIVE.items[:4])
    assert program_drill_count(doc, [changed]) is None  # changed since: its drills say nothing
    assert program_drill_count(doc, [other]) is None


def test_the_detail_counts_drills_against_the_program() -> None:
    doc = with_statuses("done", "done", "partial", "skipped")
    facts = session_facts(doc, [FIVE])
    assert "Drills      2 of 5 done, 1 partly, 1 skipped, 1 not reached" in facts
    assert "Drills      2 of the 4 reached done, 1 partly, 1 skipped (the program's other drills are not known here)" in (
        session_facts(doc)
    )


def test_time_moving_says_1_minute() -> None:
    doc = with_statuses("done")
    doc["drills"][0]["active_seconds"] = 60.0
    assert "Time moving 1 minute" in session_facts(doc)
    doc["drills"][0]["active_seconds"] = 150.0
    assert "Time moving 2 minutes" in session_facts(doc)


def record(drill_id: str, status: str, pain: int, felt: str, replaced_by: str | None = None) -> dict[str, Any]:
    return drill_record(drill_id, status=status, pain=pain, difficulty=felt, replaced_by=replaced_by)


def test_each_drill_over_many_sessions() -> None:
    sessions = [
        session_doc("a", START, drills=[record("cat-camel", "done", 2, "about_right"), record("bird-dog", "skipped", 6, "too_hard")]),
        session_doc("b", START + timedelta(days=1), drills=[record("cat-camel", "partial", 4, "too_hard")]),
        session_doc("demo", START + timedelta(days=2), demo=True, drills=[record("cat-camel", "skipped", 9, "too_hard")]),
        session_doc(
            "c",
            START + timedelta(days=3),
            drills=[
                record("bird-dog", "easier", 3, "about_right", replaced_by="dead-bug"),
                record("cat-camel", "done", 1, "too_easy"),
                record("plank", "left_out", 0, "about_right"),
            ],
        ),
    ]
    library = {"cat-camel": make_drill("cat-camel"), "bird-dog": make_drill("bird-dog")}
    lines = drill_lines(sessions, library)
    # The newest session's order leads; the demo is not counted; an easier version counts as its drill.
    assert [line.drill_id for line in lines] == ["bird-dog", "cat-camel", "plank"]
    bird, cat, plank = lines
    # Done, partly, skipped, left out and easier add up to the times it came up: the easier one is not also "done".
    assert bird == DrillLine("bird-dog", "Bird dog", 2, 0, 0, 1, 0, 1, (6, 3), (0, 1, 1))
    for line in lines:
        assert line.done + line.partly + line.skipped + line.left_out + line.easier == line.reached
    assert cat == DrillLine("cat-camel", "Cat camel", 3, 2, 1, 0, 0, 0, (2, 4, 1), (1, 1, 1))
    assert plank.name == "plank" and plank.left_out == 1 and plank.reached == 1
    assert bird.pain_words == "4.5 (3-6)"
    assert cat.pain_words == "2 (1-4)"
    assert cat.felt_words == "1/1/1"
    assert DrillLine("x", "x", 1, 1, 0, 0, 0, 0, (3,), (0, 1, 0)).pain_words == "3"
    assert DrillLine("x", "x", 1, 0, 0, 1, 0, 0, (), (0, 0, 0)).pain_words == "-"


def test_the_drills_heading_names_the_program_the_period_and_the_span() -> None:
    sessions = [session_doc("a", START), session_doc("b", START + timedelta(days=9)), session_doc("d", START, demo=True)]
    assert drills_heading(sessions, "All programs") == (
        "Program: All programs (p)  ·  all time (t)  ·  2 sessions, 2026-03-02 to 2026-03-11"
    )
    assert drills_heading(sessions[:1], "Short", "last 4 weeks") == (
        "Program: Short (p)  ·  last 4 weeks (t)  ·  1 session, 2026-03-02"
    )
    assert drills_heading([], "Short") == "Program: Short (p)  ·  all time (t)  ·  no sessions"


def test_a_period_is_the_days_ending_today() -> None:
    today = date(2026, 3, 30)
    days = [date(2025, 12, 1), date(2026, 1, 5), date(2026, 1, 6), date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 30)]
    sessions = [session_doc(str(d), datetime(d.year, d.month, d.day, 8, tzinfo=UK)) for d in days]
    sessions.append(session_doc("tomorrow", datetime(2026, 3, 31, 8, tzinfo=UK)))
    assert PERIODS == (("all time", None), ("last 4 weeks", 28), ("last 12 weeks", 84))
    assert [s["id"] for s in in_period(sessions, 28, today)] == ["2026-03-03", "2026-03-30"]
    assert [s["id"] for s in in_period(sessions, 84, today)] == ["2026-01-06", "2026-03-02", "2026-03-03", "2026-03-30"]
    assert in_period(sessions, None, today) == sessions
