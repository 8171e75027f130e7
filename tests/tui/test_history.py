"""The History screen through Pilot: opening it with ``h`` and from the CLI,
the loading state, filtering by program, a session's details, and export."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, Harness, ready, text_of
from history_fixture import fixed_history
from textual.widgets import ContentSwitcher, DataTable, Input

from backcoach import cli
from backcoach.store.journal import Journal
from backcoach.tui import launch as launch_module
from backcoach.tui.app import BackcoachApp
from backcoach.tui.history import screen as history_screen
from backcoach.tui.history.detail import SessionDetailScreen
from backcoach.tui.history.export import ExportScreen
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.widgets.session_table import SessionTable

SIZE = (80, 24)


async def open_history(h: Harness, pilot: Any) -> HistoryScreen:
    await ready(pilot)
    assert isinstance(h.app.screen, HomeScreen)
    await pilot.press("h")
    await ready(pilot)
    screen = h.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def file_since_startup(app: BackcoachApp, doc: dict[str, Any]) -> None:
    """A session filed after the app read its history, as ``App.session_ended`` adds it."""
    assert app.history.loaded
    app.history.append(doc)


def table_rows(screen: HistoryScreen) -> list[Any]:
    table = screen.query_one(SessionTable)
    return [table.row(i) for i in range(len(table.sessions))]


async def test_h_opens_history_with_streaks_calendar_and_pain(make_harness: Any) -> None:
    h = make_harness(history=fixed_history())
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        assert text_of(screen, ".heading") == "History"
        assert not screen.query_one("#loading").display
        assert text_of(screen, "#streaks") == "Streak 4 days (best 4)  ·  Weekly 3 weeks of 3+ days (best 6)"
        assert text_of(screen, "#counts") == "This week 1 session  ·  last 4 weeks 14 sessions on 13 days"
        # 4 days in the week of 23 March count as the 3 planned: 11 of 12.
        assert "Back pain essentials 11 of 12 planned days (92%); 1 more day with other programs" in text_of(
            screen, "#adherence"
        )
        assert "Gentle morning 2 of 28 planned days (7%); 11 more days with other programs" in text_of(
            screen, "#adherence"
        )
        assert text_of(screen, "#pain-reading") == (
            "check-in pain 6 -> 3 over 10 months: 3 points better, a change that matters"
        )
        assert "^" in text_of(screen, "#checkin-marker")
        assert screen.view is not None and screen.view.summary.heatmap.today.day == TODAY
        rows = table_rows(screen)
        assert len(rows) == len(fixed_history())
        assert rows[0].when == "2026-03-30 17:00"  # newest first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)


async def test_loading_state_while_the_journal_is_read(make_harness: Any) -> None:
    h = make_harness(history=fixed_history())
    release = threading.Event()
    real_sessions = h.journal.sessions

    def slow_sessions(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        release.wait(10)
        return real_sessions(*args, **kwargs)

    h.journal.sessions = slow_sessions
    h.app.start = "history"  # as `backcoach history` does: History before the read ends
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = h.app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.query_one("#loading").display
        assert text_of(screen, "#loading") == "Loading your history..."
        assert not screen.query_one("#pages").display
        await pilot.press("e")  # nothing to export yet: says so, opens nothing
        assert isinstance(h.app.screen, HistoryScreen)
        release.set()
        await ready(pilot)
        assert not screen.query_one("#loading").display
        assert screen.query_one("#pages").display
        assert len(table_rows(screen)) == len(fixed_history())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)  # Home is underneath


async def test_leaving_before_the_numbers_are_ready_is_harmless(
    make_harness: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_build = history_screen.build_view

    def slow_build(*args: Any) -> Any:
        release.wait(10)
        return real_build(*args)

    monkeypatch.setattr(history_screen, "build_view", slow_build)
    h = make_harness(history=fixed_history()[:-1])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # A session added since start-up: the numbers made then no longer hold,
        # so the screen computes its own (slowly, here).
        file_since_startup(h.app, fixed_history()[-1])
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(h.app.screen, HistoryScreen)
        await pilot.press("escape")  # gone before its worker finishes
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)
        release.set()
        await ready(pilot)
        assert isinstance(h.app.screen, HomeScreen)  # nothing crashed, nothing popped up
        monkeypatch.setattr(history_screen, "build_view", real_build)
        await pilot.press("h")  # and it opens normally again
        await ready(pilot)
        assert isinstance(h.app.screen, HistoryScreen) and h.app.screen.view is not None


async def test_numbers_are_prepared_at_start_and_recomputed_when_stale(
    make_harness: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real_build = history_screen.build_view

    def counting_build(sessions: Any, *args: Any) -> Any:
        calls.append(len(sessions))
        return real_build(sessions, *args)

    monkeypatch.setattr(history_screen, "build_view", counting_build)
    h = make_harness(history=fixed_history()[:-1])
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        assert calls == []  # shown from the numbers the app made after its read
        assert len(table_rows(screen)) == len(fixed_history()) - 1
        await pilot.press("escape")
        file_since_startup(h.app, fixed_history()[-1])
        screen = await open_history(h, pilot)
        assert calls == [len(fixed_history())]  # stale: computed on the way in
        assert len(table_rows(screen)) == len(fixed_history())


async def test_a_failure_to_sum_up_is_one_sentence(make_harness: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import backcoach.coach.history as history_logic

    def broken(*args: Any) -> Any:
        raise ValueError("bad document")

    monkeypatch.setattr(history_logic, "build_view", broken)
    monkeypatch.setattr(history_screen, "build_view", broken)
    h = make_harness(history=fixed_history()[:3])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await ready(pilot)
        screen = h.app.screen
        assert isinstance(screen, HistoryScreen)
        assert text_of(screen, "#loading") == (
            "Your history could not be summed up (ValueError: bad document); "
            "backcoach history export still writes every session."
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)


async def test_filter_by_program(make_harness: Any) -> None:
    h = make_harness(history=fixed_history())
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        everything = len(table_rows(screen))
        await pilot.press("p")  # first: the program used most recently
        await pilot.pause()
        rows = table_rows(screen)
        assert {r.program_id for r in rows} == {"back-pain-essentials"}
        assert len(rows) == 34
        assert screen.program == "back-pain-essentials"
        assert text_of(screen, "#program-filter") == (
            f"Program: Back pain essentials (p)  ·  34 of {everything} sessions, 1 demo not counted"
        )
        await pilot.press("p")
        await pilot.pause()
        assert {r.program_id for r in table_rows(screen)} == {"gentle-morning"}
        assert len(table_rows(screen)) == 22
        await pilot.press("p")  # and round to all programs again
        await pilot.pause()
        assert len(table_rows(screen)) == everything
        assert text_of(screen, "#program-filter") == f"Program: All programs (p)  ·  {everything} sessions, 1 demo not counted"
        # A click on the filter line does the same as p.
        await pilot.click("#program-filter")
        await pilot.pause()
        assert screen.program == "back-pain-essentials"
        # The tab bar: a click on "Overview", then on "Sessions".
        switcher = screen.query_one("#pages", ContentSwitcher)
        assert switcher.current == "sessions"
        await pilot.click("#tab-bar", offset=(3, 0))
        await pilot.pause()
        assert switcher.current == "overview"
        await pilot.click("#tab-bar", offset=(14, 0))
        await pilot.pause()
        assert switcher.current == "sessions"


async def test_session_detail_shows_every_drill_and_marks_demos(make_harness: Any) -> None:
    h = make_harness(history=fixed_history())
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert screen.query_one(SessionTable).has_focus
        await pilot.press("enter")  # the newest: ended early, four drills
        await pilot.pause()
        detail = h.app.screen
        assert isinstance(detail, SessionDetailScreen)
        facts = text_of(detail, "#facts")
        assert "ended early" in facts and "counts toward your streak" in facts
        table = detail.query_one(DataTable)
        assert table.row_count == 4
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "Segmental pelvic rolls"  # the library's name, not the id
        assert first[1:5] == ["done", "2", "green", "about right"]
        assert first[5] == "2:43"
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.screen is screen
        await pilot.press("down", "down", "enter")  # the demo
        await pilot.pause()
        demo = h.app.screen
        assert isinstance(demo, SessionDetailScreen)
        assert "DEMO" in text_of(demo, "#facts") and "not counted in streaks" in text_of(demo, "#facts")
        assert demo.query_one("#facts").has_class("demo")
        await pilot.press("escape")
        await pilot.pause()
        assert table_rows(screen)[2].demo and table_rows(screen)[2].when == "2026-03-30 07:00"


async def test_names_with_brackets_are_shown_as_written(make_harness: Any, tmp_path: Path) -> None:
    """Imported program names are the user's own text, never markup."""
    odd = {"id": "anna", "name": "Anna [week 3] [/]"}
    docs = [dict(doc, program=odd) for doc in fixed_history()[-4:]]
    h = make_harness(history=docs)
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert text_of(screen, "#program-filter").startswith("Program: Anna [week 3] [/] (p)")
        assert table_rows(screen)[0].program_name == "Anna [week 3] [/]"
        await pilot.press("enter")
        await pilot.pause()
        assert "Program     Anna [week 3] [/]" in text_of(h.app.screen, "#facts")


async def test_new_sessions_show_when_history_comes_back(make_harness: Any) -> None:
    h = make_harness(history=fixed_history()[:5])
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        assert len(table_rows(screen)) == 5
        await pilot.press("s", "enter")
        await pilot.pause()
        assert h.app.history.loaded
        file_since_startup(h.app, fixed_history()[-2])  # e.g. a session run from the palette
        await pilot.press("escape")
        await ready(pilot)
        assert len(table_rows(screen)) == 6


async def test_export_modal_writes_the_report_and_shows_the_path(
    make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    h = make_harness(history=fixed_history())
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_history(h, pilot)
        await pilot.press("e")
        await pilot.pause()
        modal = h.app.screen
        assert isinstance(modal, ExportScreen)
        field = modal.query_one(Input)
        assert field.value == "~/backcoach-history-2026-03-30.md"  # ~ is this test's tmp_path
        assert field.has_focus
        assert text_of(modal, "#export-format") == "Writes a report (Markdown) of all 56 sessions."

        # A folder that does not exist: one sentence, and the dialog stays.
        field.value = str(tmp_path / "nowhere" / "report.md")
        await pilot.press("enter")
        await ready(pilot)
        assert h.app.screen is modal
        assert text_of(modal, "#export-error") == (
            f"Could not write {tmp_path / 'nowhere' / 'report.md'}: No such file or directory."
        )

        field.value = "~/backcoach-history-2026-03-30.md"
        await pilot.pause()
        await pilot.press("enter")
        await ready(pilot)
        assert h.app.screen is screen
        written = tmp_path / "backcoach-history-2026-03-30.md"
        report = written.read_text(encoding="utf-8")
        assert report.startswith("# backcoach history report")
        assert "| Back pain essentials | 2026-01-19 | 3 |" in report  # adherence: measured from its first session
        message = f"Exported 56 sessions to {written}"
        assert text_of(screen, "#export-result") == message
        assert screen.query_one("#export-result").display

        # CSV by name; escape cancels without writing.
        await pilot.press("e")
        await pilot.pause()
        h.app.screen.query_one(Input).value = str(tmp_path / "h.csv")
        await pilot.pause()
        assert "a spreadsheet (CSV)" in text_of(h.app.screen, "#export-format")
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.screen is screen and not (tmp_path / "h.csv").exists()


def test_backcoach_history_command_opens_the_history_screen(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backcoach history` end to end, with the terminal swapped for a headless Pilot."""
    with Journal.open() as journal:
        for doc in fixed_history()[:12]:
            journal.record_standalone(doc)
    seen: dict[str, Any] = {}

    def headless_run(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        async def drive() -> None:
            async with self.run_test(size=SIZE) as pilot:
                await ready(pilot)
                seen["screen"] = type(self.screen)
                seen["rows"] = len(table_rows(self.screen))
                await pilot.press("escape")
                await pilot.pause()
                seen["after"] = type(self.screen)

        asyncio.run(drive())

    monkeypatch.setattr(BackcoachApp, "run", headless_run)
    monkeypatch.setattr(launch_module, "terminal_problem", lambda: None)  # Pilot is the terminal
    assert cli.main(["--no-sound", "history"]) == 0
    assert seen == {"screen": HistoryScreen, "rows": 12, "after": HomeScreen}
