"""Home and History redraw when the app's history cache changes (its
``history_changed`` signal), without a screen switch to prompt them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from conftest import TODAY, ready, text_of
from factories import past_session

from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.widgets.session_table import SessionTable

SIZE = (80, 24)


async def test_home_redraws_its_status_when_a_session_is_filed(make_harness: Any) -> None:
    h = make_harness(history=[past_session(TODAY - timedelta(days=1))])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        assert "Today: not done yet" in text_of(h.app.screen, "#status")
        assert "Streak: 1 day" in text_of(h.app.screen, "#status")
        h.app.history.append(past_session(TODAY))  # as a finished session is filed
        await ready(pilot)
        assert isinstance(h.app.screen, HomeScreen)  # no screen came and went
        assert "Today: done" in text_of(h.app.screen, "#status")
        assert "Streak: 2 days" in text_of(h.app.screen, "#status")


async def test_history_redraws_while_showing_when_a_session_is_filed(make_harness: Any) -> None:
    h = make_harness(history=[past_session(TODAY - timedelta(days=d)) for d in (3, 2, 1)])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await ready(pilot)
        screen = h.app.screen
        assert isinstance(screen, HistoryScreen) and screen.view is not None
        assert len(screen.query_one(SessionTable).sessions) == 3
        shown_version = h.app.history.version
        h.app.history.append(past_session(TODAY))
        await ready(pilot)
        assert h.app.screen is screen
        assert h.app.history.version > shown_version
        assert len(screen.view.newest) == 4
        assert len(screen.query_one(SessionTable).sessions) == 4


async def test_history_opened_before_the_read_waits_for_the_apps_view(make_harness: Any) -> None:
    """``backcoach history``: the screen is up before the journal is read; the
    app's worker prepares the numbers once and the screen shows them."""
    h = make_harness(history=[past_session(TODAY - timedelta(days=d)) for d in (2, 1)])
    h.app.start = "history"
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = h.app.screen
        assert isinstance(screen, HistoryScreen) and screen.view is not None
        assert screen.view is h.app.history.prepared_view(TODAY)  # the app's, not a second computation
        assert len(screen.query_one(SessionTable).sessions) == 2
