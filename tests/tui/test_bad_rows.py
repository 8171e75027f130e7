"""The app over journals full of bad rows: it starts (and says so once),
History opens with the good sessions and their details, and a session
starts. Rows from ``rows_strategies``, as in the store's property tests."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from conftest import FakePlayer, ready, short_program, text_of
from hypothesis import HealthCheck, example, given, settings
from rows_strategies import dump, good_session, journal_file, journal_rows
from textual.widgets import Input

from backcoach import paths
from backcoach.coach.background import empty_background
from backcoach.coach.clock import FakeClock
from backcoach.content.library import default_library
from backcoach.store.journal import Journal
from backcoach.store.settings import Settings
from backcoach.tui.app import BackcoachApp
from backcoach.tui.history.detail import SessionDetailScreen
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.services import Services

TODAY = date(2026, 11, 30)
#: Every kind of row that crashed the app before (see tests/unit/test_store_rows.py).
EVERY_BAD_KIND = [
    dump(good_session(0)).encode(),
    dump(dict(good_session(1), started_at="30 November 2026, 8am")).encode(),  # today, not ISO 8601
    dump(dict(good_session(2), safety=["trauma"])).encode(),
    dump(good_session(3)).replace('"active_seconds": 63.0', '"active_seconds": Infinity').encode(),
    dump(good_session(4)).replace('"active_seconds": 64.0', '"active_seconds": 1e308').encode(),
    dump(good_session(5)).replace('"checkin_pain": 5', '"checkin_pain": ' + "5" * 5000).encode(),
    dump(good_session(6)).replace('"demo": false', '"demo": false, "x": ' + "[" * 900 + "]" * 900).encode(),
    dump(dict(good_session(7), started_at="0001-01-01T00:00:00")).encode(),
    dump(dict(good_session(8), program={"id": "p", "name": "Back \ud800"})).encode("utf-8", "surrogatepass"),
    dump(good_session(9)).encode().replace(b'"Morning"', b'"Morn\xffing"'),
]


def make_app(folder: Path) -> tuple[BackcoachApp, Journal]:
    library = default_library()
    journal = Journal.open(folder / "journal.json")
    services = Services(
        library=library,
        programs=[short_program()],
        journal=journal,
        settings=Settings(muted=True, health_background=empty_background()),
        save_settings=lambda settings: None,
        make_clock=lambda speed: FakeClock(),
        today=lambda: TODAY,
        wall_time=lambda: "2026-11-30T09:00:00+01:00",
    )
    return BackcoachApp(services, player=FakePlayer(muted=True)), journal


def heading(app: BackcoachApp) -> str:
    return text_of(app.screen, ".heading")


async def drive(app: BackcoachApp, good_rows: int) -> None:
    notices: list[str] = []
    real_notify = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(message)
        real_notify(message, *args, **kwargs)

    app.notify = notify
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h")
        await ready(pilot)
        assert isinstance(app.screen, HistoryScreen) and heading(app) == "History"
        assert app.screen.view is not None and len(app.screen.view.sessions) == good_rows
        await pilot.press("s")
        await ready(pilot)
        if good_rows:
            await pilot.press("enter")
            await ready(pilot)
            assert isinstance(app.screen, SessionDetailScreen)
            await pilot.press("escape")
            await ready(pilot)
        await pilot.press("escape")
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # start a session: the safety check reads every start time
        await ready(pilot)
        assert heading(app) in ("Safety check", "How is your back")
    assert not any("Could not read your history" in n for n in notices)
    assert sum("could not be used" in n or "could not be read" in n for n in notices) <= 2


def run_scenario(rows: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        (folder / "journal.json").write_bytes(journal_file(rows, pretty=False))
        paths.set_data_dir(folder)
        try:
            app, journal = make_app(folder)
            with journal:
                good = journal.count()
                asyncio.run(drive(app, good))
        finally:
            paths.set_data_dir(None)


def test_every_kind_of_bad_row_at_once() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        (folder / "journal.json").write_bytes(journal_file(EVERY_BAD_KIND, pretty=True))
        app, journal = make_app(folder)
        with journal:
            [notice] = journal.notices
            assert notice.startswith(f"{len(EVERY_BAD_KIND) - 1} sessions in your journal could not be used")
            assert journal.count() == 1
            asyncio.run(drive(app, 1))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=journal_rows())
@example(rows=EVERY_BAD_KIND[1:3])
def test_generated_journals_never_stop_the_app(rows: list[bytes]) -> None:
    run_scenario(rows)



def test_json_export_from_history_carries_the_set_aside_rows_as_stored(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "journal.json").write_bytes(journal_file(EVERY_BAD_KIND[:4], pretty=False))
    target = tmp_path / "out.json"
    paths.set_data_dir(folder)
    try:
        app, journal = make_app(folder)

        async def export() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await ready(pilot)
                await pilot.press("h")
                await ready(pilot)
                await pilot.press("e")
                await pilot.pause()
                app.screen.query_one(Input).value = str(target)
                await pilot.press("enter")
                await ready(pilot)
                assert text_of(app.screen, "#export-result") == f"Exported 4 sessions to {target}"

        with journal:
            asyncio.run(export())
    finally:
        paths.set_data_dir(None)
    data = target.read_bytes()
    assert data.startswith(b'[\n  {\n    "id": "row-0"')
    for raw in EVERY_BAD_KIND[1:4]:
        assert raw in data
