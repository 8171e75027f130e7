"""The session's record through the app: the engine's document is what the
journal stores, what the summary's streak counts and what Home's history
gains, with nothing rebuilt from events on the way."""

from __future__ import annotations

from typing import Any

from conftest import settle, text_of
from test_session_flows import SIZE, finish_drill, gate, start_short

from backcoach.coach.plan import SWITCH_SECONDS
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.summary import SummaryScreen


async def test_the_engines_document_is_what_is_stored_counted_and_remembered(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        runner = h.app.runner
        assert runner is not None and runner.sink is h.app.writer
        await finish_drill(h, pilot, 2 * 4)  # the check-in's 2 was its pain check
        await gate(pilot, "2", "s")  # skip the plank at its Get ready
        await gate(pilot, "3")
        await finish_drill(h, pilot, 10 + SWITCH_SECONDS + 10)  # per side, with the switch
        assert isinstance(h.app.screen, SummaryScreen)
        await settle(pilot)
        (stored,) = h.sessions()
        assert stored == runner.saved_doc == runner.engine.document()
        assert [d["status"] for d in stored["drills"]] == ["done", "skipped", "done"]
        # Today's session, counted the moment it is saved (nothing else on record).
        assert "Streak         1 day" in text_of(h.app.screen, "#facts")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        assert "Streak: 1 day" in text_of(h.app.screen, "#status")  # Home has it too


async def test_a_session_ended_before_its_safety_check_hands_home_no_record(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the short program: its safety check first
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None and runner.saved_doc is None
        assert h.app.writer.flush(timeout=10)
        assert h.journal.current_session() is None and h.sessions() == []



async def test_the_record_carries_the_programs_content_hash_and_lock(make_harness: Any) -> None:
    from conftest import short_program

    from backcoach.content.program_hash import program_hash

    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await start_short(h, pilot)
        runner = h.app.runner
        assert runner is not None
        program = short_program()
        assert runner.engine.document()["program"] == {
            "id": program.id,
            "name": program.name,
            "hash": program_hash(program),
            "locked": program.locked,
            "days_per_week": program.days_per_week,
        }
