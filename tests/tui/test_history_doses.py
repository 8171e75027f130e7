"""History shows the course of doses: each drill's planned dose and the dose
done in a session's detail, and each program's steps on the Overview."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

import pytest
from conftest import TODAY, ready, text_of
from factories import UK, drill_record, session_doc
from rich.console import Console
from textual.widgets import DataTable, Static

from backcoach.coach.history import DrillRow
from backcoach.tui.history.detail import SessionDetailScreen, plan_line
from backcoach.tui.history.screen import HistoryScreen

ESSENTIALS = {"id": "back-pain-essentials", "name": "Back pain essentials"}
SIZE = (80, 24)


def cat_camel(reps: int) -> dict[str, Any]:
    return {"drill_id": "cat-camel", "kind": "reps", "sets": 1, "sides": 1, "reps": reps, "tempo": [4.0, 4.0],
            "rest_seconds": 0}  # fmt: skip


STEP_UP = {
    "from": cat_camel(8),
    "to": cat_camel(10),
    "level": cat_camel(10),
    "rules": ["3.progression.6"],
    "why": ["2 more reps: it felt too easy in your last two sessions and your back was the same the next day"],
}


def at(days_ago: int, *drills: dict[str, Any], sid: str) -> dict[str, Any]:
    start = datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0, tzinfo=UK) - timedelta(days=days_ago)
    return session_doc(sid, start, program=ESSENTIALS, drills=list(drills))


def history() -> list[dict[str, Any]]:
    plain = {**drill_record("cat-camel"), "adapted": None}
    stepped = {**drill_record("cat-camel", reps=10), "adapted": STEP_UP}
    return [at(3, plain, sid="before"), at(1, stepped, {**drill_record("bear-hold"), "adapted": None}, sid="stepped")]


def plain_text(renderable: Any) -> str:
    console = Console(width=76, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


async def test_overview_says_each_programs_dose_steps(make_harness: Any) -> None:
    h = make_harness(history=history())
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await ready(pilot)
        screen = h.app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.query_one("#dose-course").display
        assert text_of(screen, "#dose-course") == "Back pain essentials: 1 step up in 4 weeks"


async def test_overview_has_no_dose_line_without_sessions(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await ready(pilot)
        assert not h.app.screen.query_one("#dose-course").display


async def test_detail_shows_the_doses_and_why_of_the_highlighted_drill(make_harness: Any) -> None:
    h = make_harness(history=history())
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await ready(pilot)
        await pilot.press("s", "enter")  # the newest session: the step up
        await pilot.pause()
        detail = h.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert "Plan        1 dose changed (see below)" in text_of(detail, "#facts")
        table = detail.query_one(DataTable)
        assert [cell.style for cell in table.get_row_at(0)][:2] == ["bold", "bold"]  # the changed drill stands out
        assert [cell.style for cell in table.get_row_at(1)][:2] == ["", ""]
        shown = plain_text(detail.query_one("#dose", Static).content)
        assert "Planned  1 x 8 reps, 4/4 s per breath" in shown
        assert "Done     1 x 10 reps, 4/4 s per breath" in shown
        assert "Why      2 more reps: it felt too easy" in shown
        assert "[3.progression.6]" in shown
        await pilot.press("down")
        await pilot.pause()
        shown = plain_text(detail.query_one("#dose", Static).content)
        assert shown.startswith("Bear hold") and "Why" not in shown


async def test_an_old_session_has_no_plan_line(make_harness: Any) -> None:
    h = make_harness(history=history()[:1])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await ready(pilot)
        await pilot.press("s", "enter")
        await pilot.pause()
        detail = h.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert "Plan " not in text_of(detail, "#facts")
        shown = plain_text(detail.query_one("#dose", Static).content)
        assert "Planned  1 x 8 reps" in shown and "Why" not in shown


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        (["", ""], None),
        (["changed", ""], "Plan        1 dose changed (see below)"),
        (["changed", "changed", "held", "left out"],
         "Plan        2 doses changed, 1 held, 1 drill left out (see below)"),
        (["left out", "left out"], "Plan        2 drills left out (see below)"),
    ],
)  # fmt: skip
def test_plan_line_counts_what_the_plan_did(changes: list[str], line: str | None) -> None:
    rows = [DrillRow("Cat-camel", "done", 2, "green", "about right", 60.0, "", "", change, ()) for change in changes]
    assert plan_line(rows) == line
