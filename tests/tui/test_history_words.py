"""History's words and room (issue 14, item 7): "1 session", program names whole
where there is room, and a session's detail counting drills against the program's
(at 80x24 and 120x40)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import TODAY, Harness, ready, text_of
from factories import drill_record, session_doc

from backcoach.tui.history.detail import SessionDetailScreen
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.widgets.session_table import SessionTable

UK = timezone(timedelta(hours=1))
GLUTES = {"id": "glutes-first", "name": "Glutes first"}  # a built-in program of 5 drills
GLUTES_DRILLS = ("half-kneeling-glute", "prone-lumbar-extension", "knee-to-wall", "hip-hinge-dowel", "band-hip-hinge")


def at(days_ago: int) -> datetime:
    return datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0, tzinfo=UK) - timedelta(days=days_ago)


async def history(h: Harness, pilot: Any) -> HistoryScreen:
    await ready(pilot)
    assert isinstance(h.app.screen, HomeScreen)
    await pilot.press("h")
    await ready(pilot)
    assert isinstance(h.app.screen, HistoryScreen)
    return h.app.screen


def screen_lines(h: Harness) -> list[str]:
    strips = h.app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


async def test_one_session_is_1_session(make_harness: Any) -> None:
    h = make_harness(history=[session_doc("only", at(1))])
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await history(h, pilot)
        await pilot.press("s")
        await ready(pilot)
        assert text_of(screen, "#program-filter") == "Program: All programs (p)  ·  1 session"


async def test_a_filtered_list_counts_of_all_sessions(make_harness: Any) -> None:
    docs = [session_doc("a", at(2), program=GLUTES), session_doc("b", at(1))]
    h = make_harness(history=docs)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await history(h, pilot)
        await pilot.press("p")
        await ready(pilot)
        assert text_of(screen, "#program-filter") == "Program: Short test program (p)  ·  1 of 2 sessions"


@pytest.mark.parametrize(
    ("width", "name", "shown"),
    [
        (80, "Back pain essentials", "Back pain essentials"),  # was "Back pain essen…"
        (80, "Anna, weeks 3 and 4 after the review", "Anna, weeks 3 and 4 …"),
        (120, "Anna, weeks 3 and 4 after the review", "Anna, weeks 3 and 4 after the review"),
    ],
)
async def test_program_names_are_whole_where_there_is_room(
    make_harness: Any, width: int, name: str, shown: str
) -> None:
    doc = session_doc("s", at(1), program={"id": "anna", "name": name}, checkin=10, final=10)
    h = make_harness(history=[doc])
    async with h.app.run_test(size=(width, 24)) as pilot:
        await history(h, pilot)
        await pilot.press("s")
        await ready(pilot)
        table = h.app.screen.query_one(SessionTable)
        row = next(line for line in screen_lines(h) if line.startswith(" 20"))
        assert f"  {shown}  " in row
        assert "10→10" in row  # the pain column is never cut, even at 10 and 10
        assert row.rstrip().endswith("10→10")
        assert table.size.width == width - 2


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_detail_counts_the_programs_drills(make_harness: Any, size: tuple[int, int]) -> None:
    """A 5-drill program ended after four drills: two done, one partly, one skipped, one never reached
    (the detail said "3 of 3 done" for such a session, partial counted as done, the rest not at all)."""
    drills = [
        drill_record(GLUTES_DRILLS[0]),
        drill_record(GLUTES_DRILLS[1], status="partial"),
        drill_record(GLUTES_DRILLS[2], status="skipped"),
        drill_record(GLUTES_DRILLS[3], status="easier", replaced_by="wall-hinge"),
    ]
    doc = session_doc("s", at(1), program=GLUTES, status="ended_early", drills=drills)
    h = make_harness(history=[doc])
    async with h.app.run_test(size=size) as pilot:
        await history(h, pilot)
        await pilot.press("s", "enter")
        await ready(pilot)
        detail = h.app.screen
        assert isinstance(detail, SessionDetailScreen)
        words = "Drills      2 of 5 done, 1 partly, 1 skipped, 1 not reached; 1 easier"
        lines = screen_lines(h)
        assert any(line.startswith(f" {words}") for line in lines), "\n".join(lines)
        assert any("Half-kneeling glute" in line for line in lines)  # the table is on screen too


async def test_drill_counts_come_from_a_worker_and_a_stale_one_is_dropped(make_harness: Any) -> None:
    from backcoach.tui.history.drills import DrillsPage

    docs = [session_doc("a", at(2), program=GLUTES), session_doc("b", at(1))]
    h = make_harness(history=docs)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await history(h, pilot)
        await pilot.press("d")
        await ready(pilot)
        page = screen.query_one(DrillsPage)
        assert text_of(screen, "#drills-heading") == (
            "Program: All programs (p)  ·  all time (t)  ·  2 sessions, 2026-03-28 to 2026-03-29"
        )
        page._show(page._asked - 1, "an older count", [])  # finished after a newer one was asked for
        assert text_of(screen, "#drills-heading").startswith("Program: All programs")
        await pilot.press("p")  # the next program, counted again, on the same page
        await ready(pilot)
        assert text_of(screen, "#drills-heading") == (
            "Program: Short test program (p)  ·  all time (t)  ·  1 session, 2026-03-29"
        )
        assert isinstance(h.app.screen, HistoryScreen)
