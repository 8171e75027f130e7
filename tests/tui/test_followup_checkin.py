"""The 24-hour response on the check-in screen (CLINICAL.md section 3): asked
first, one key each, recorded; a key pressed twice never answers the next question."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from conftest import TODAY, settle, text_of
from factories import past_session
from test_session_flows import SIZE

from backcoach.tui.session.checkin import CheckinScreen
from backcoach.tui.session.intro import IntroScreen


async def to_checkin(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the short program
    await settle(pilot)
    await pilot.press("n")  # safety check: none apply
    await settle(pilot)


async def test_after_yesterdays_session_the_checkin_asks_how_the_back_did_first(make_harness: Any) -> None:
    h = make_harness(history=[past_session(TODAY - timedelta(days=1))])
    async with h.app.run_test(size=SIZE) as pilot:
        await to_checkin(pilot)
        screen = h.app.screen
        assert isinstance(screen, CheckinScreen)
        question = text_of(screen, "#followup")
        assert "Since your last session (yesterday)" in question
        assert "b  better" in question and "w  worse" in question
        # Digits mean nothing yet: the score comes after this answer.
        await pilot.press("3", "enter")
        await settle(pilot)
        assert h.app.runner is not None and h.app.runner.engine.checkin_pain is None
        # "better", twice: the second b must not answer "below the knee".
        await pilot.press("b", "b")
        await settle(pilot)
        assert not screen.query_one("#followup").display
        assert h.app.runner.engine.leg_today is None
        await pilot.press("3", "enter", "n")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)  # the check-in's 3 was the first pain check
        engine = h.app.runner.engine
        assert engine.followup == {"compared": "better", "hours_since": 24.7}
        assert engine.checkin_pain == 3
        saved = h.current()  # the session in progress, as saved so far
        assert saved is not None and saved["followup"] == {"compared": "better", "hours_since": 24.7}


async def test_no_recent_session_means_no_question(make_harness: Any) -> None:
    h = make_harness(history=[past_session(TODAY - timedelta(days=4))])
    async with h.app.run_test(size=SIZE) as pilot:
        await to_checkin(pilot)
        screen = h.app.screen
        assert isinstance(screen, CheckinScreen)
        assert not screen.query_one("#followup").display
        await pilot.press("3", "enter", "n")
        await settle(pilot)
        assert isinstance(h.app.screen, IntroScreen)  # the check-in's 3 was the first pain check
        assert h.app.runner is not None and h.app.runner.engine.followup is None
