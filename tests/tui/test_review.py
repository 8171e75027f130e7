"""``backcoach review FILE`` through Pilot: a patient's export opened read-only in History.

It opens on History alone, labelled with the file's name; it shows the same
numbers the patient's own History shows; write keys are refused with a
sentence; and the clinic laptop's own data folder is left exactly as it was,
byte for byte, mtimes included, with no file added (while ``backcoach
history`` on the same folder changes it: the check can fail).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAR_BACKGROUND, TODAY, FakePlayer, ready, short_program, text_of
from factories import session_doc
from history_fixture import fixed_history
from review_data import clinic_data, folder_state

from backcoach import cli
from backcoach.coach.clock import FakeClock
from backcoach.content import cache as content_cache
from backcoach.content.library import default_library
from backcoach.content.programs import builtin_programs
from backcoach.store.export import export_json, write_export
from backcoach.store.export_read import read_export
from backcoach.store.settings import Settings
from backcoach.tui import launch as launch_module
from backcoach.tui.app import BackcoachApp
from backcoach.tui.history.detail import SessionDetailScreen
from backcoach.tui.history.export import ExportScreen
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.services import Services, keep_settings_in_memory
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.session_table import SessionTable

SIZE = (80, 24)
UK = timezone(timedelta(hours=1))


def patient_export(folder: Path, raw_rows: tuple[bytes, ...] = (), extra: list[dict[str, Any]] | None = None) -> Path:
    """The patient's file, as their own ``backcoach history export --format json`` wrote it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "anna.json"
    write_export(path, export_json([*fixed_history(), *(extra or [])], list(raw_rows)))
    return path


def review_app(path: Path, name: str = "anna.json") -> BackcoachApp:
    """The app as ``backcoach review`` builds it (see ``tui.launch``), on a fixed day."""
    library = default_library()
    export = read_export(path, name)
    services = Services(
        library=library,
        programs=[short_program(), *builtin_programs(library)],
        journal=export,
        settings=Settings(muted=True, health_background=CLEAR_BACKGROUND),
        save_settings=keep_settings_in_memory,
        make_clock=lambda _speed: FakeClock(),
        today=lambda: TODAY,
        review=export,
    )
    return BackcoachApp(services, player=FakePlayer())  # type: ignore[arg-type]


def screen_text(app: BackcoachApp) -> str:
    """The terminal's text, line by line, as the person sees it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def messages(app: BackcoachApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# ---- what it shows ----------------------------------------------------------------------


async def test_review_opens_history_alone_labelled_with_the_file(tmp_path: Path) -> None:
    app = review_app(patient_export(tmp_path / "from-anna"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert not [s for s in app.screen_stack if isinstance(s, HomeScreen)]  # nothing to start a session from
        assert text_of(screen, ".heading") == "Reviewing anna.json — read only"
        # The patient's own History shows these for the same sessions (test_history.py).
        assert text_of(screen, "#streaks") == "Streak 4 days (best 4)  ·  Weekly 3 weeks of 3+ days (best 6)"
        assert text_of(screen, "#counts") == "This week 1 session  ·  last 4 weeks 14 sessions on 13 days"
        assert text_of(screen, "#pain-reading") == (
            "check-in pain 6 -> 3 over 10 months: 3 points better, a change that matters"
        )
        assert screen.view is not None and screen.view.summary.heatmap.today.day == TODAY
        table = screen.query_one(SessionTable)
        assert len(table.sessions) == len(fixed_history())
        assert table.row(0).when == "2026-03-30 17:00"

        await pilot.press("s", "down", "enter")
        await ready(pilot)
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert text_of(detail, ".heading") == "Reviewing anna.json  ·  session of 2026-03-30 08:00"
        facts = text_of(detail, "#facts")
        assert "Program     Back pain essentials" in facts
        assert "Drills      2 of 6 done, 4 not reached" in facts  # a pain stop after two drills
        await pilot.press("escape")
        await ready(pilot)

        await pilot.press("d")
        await ready(pilot)
        shown = screen_text(app)
        assert " Drill                        Times Done Partly Skipped Easier    Pain     Felt " in shown
        assert " Segmental pelvic rolls          55   38      0       8      9 5 (2-5) 18/19/18 " in shown
        assert text_of(screen, "#drills-heading") == (
            "Program: All programs (p)  ·  all time (t)  ·  55 sessions, 2025-06-02 to 2026-03-30"
        )
        await pilot.press("p")  # the program filter stays on the Drills page
        await ready(pilot)
        assert text_of(screen, "#drills-heading").startswith("Program: Back pain essentials (p)  ·  all time (t)  ·  33")
        await pilot.press("t")  # since the last visit, four weeks ago
        await ready(pilot)
        assert text_of(screen, "#drills-heading") == (
            "Program: Back pain essentials (p)  ·  last 4 weeks (t)  ·  14 sessions, 2026-03-05 to 2026-03-30"
        )


async def test_rows_that_cannot_be_read_are_counted_in_the_label(tmp_path: Path) -> None:
    bad = session_doc("bad", datetime(2026, 3, 1, 8, tzinfo=UK), checkin=42)  # pain out of the scale
    path = patient_export(tmp_path, raw_rows=(b'{"id": "nan", "final_pain": NaN}',), extra=[bad])
    app = review_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert text_of(app.screen, ".heading") == "Reviewing anna.json — read only  ·  2 rows could not be read"
        shown = len(fixed_history())
        assert f"anna.json: 2 rows could not be read; {shown} sessions shown, the rest left out." in messages(app)
        assert len(app.screen.query_one(SessionTable).sessions) == shown


async def test_keys_that_would_write_are_refused(tmp_path: Path) -> None:
    app = review_app(patient_export(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        keys = str(screen.query_one(KeyBar).render())
        assert "Export" not in keys and "esc Close" in keys
        await pilot.press("e")
        await ready(pilot)
        assert app.screen is screen and not isinstance(app.screen, ExportScreen)
        assert (
            "This is a read-only review: nothing is exported from here (anna.json is the patient's export)."
            in messages(app)
        )
        # The palette starts no session, opens no clinic (its builder saves programs), imports nothing.
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Learn" in titles
        assert not [t for t in titles if t.startswith(("Start", "Get ready", "Clinic", "Import"))]
        with pytest.raises(Exception, match="read-only review of anna.json"):
            app.services.journal.save_session(fixed_history()[0])
        await pilot.press("escape")  # closes the review
        await ready(pilot)
        assert app.return_code == 0


def test_review_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await ready(pilot)
        await ready(pilot)

    assert snap_compare(review_app(patient_export(tmp_path)), terminal_size=SIZE, run_before=run_before)


# ---- the clinic laptop's own data: untouched, byte for byte --------------------------------


def run_headless(monkeypatch: pytest.MonkeyPatch, argv: list[str], keys: tuple[str, ...]) -> dict[str, Any]:
    """``backcoach ARGV`` end to end, the terminal swapped for a headless Pilot pressing ``keys``, then q."""
    seen: dict[str, Any] = {}
    # The program file was written a moment ago; content that fresh is never cached (see
    # content.cache). Without the wait, the app proper writes the cache, and a review must not.
    monkeypatch.setattr(content_cache, "RACY_SECONDS", 0.0)

    def headless_run(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        async def drive() -> None:
            async with self.run_test(size=SIZE) as pilot:
                await ready(pilot)
                seen["screen"] = type(self.screen)
                seen["heading"] = text_of(self.screen, ".heading")
                for key in keys:
                    await pilot.press(key)
                    await ready(pilot)
                seen["voice"] = self.services.settings.voice
                while not isinstance(self.screen, (HistoryScreen, HomeScreen)):
                    await pilot.press("escape")
                    await ready(pilot)
                await pilot.press("escape" if isinstance(self.screen, HistoryScreen) else "q")
                await ready(pilot)
                if self.return_code is None:  # ``history``: escape went Home; q quits
                    await pilot.press("q")
                    await ready(pilot)

        asyncio.run(drive())

    monkeypatch.setattr(BackcoachApp, "run", headless_run)
    monkeypatch.setattr(launch_module, "terminal_problem", lambda: None)  # Pilot is the terminal
    seen["status"] = cli.main(argv)
    return seen


def test_review_leaves_the_clinic_laptops_data_as_it_was(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic_data(data_dir)
    before = folder_state(data_dir)
    path = patient_export(tmp_path / "from-anna")
    monkeypatch.chdir(path.parent)
    # Every page, a detail, the refused export, and v (a settings change) before closing.
    seen = run_headless(monkeypatch, ["review", "anna.json"], ("d", "s", "enter", "escape", "e", "v", "o"))
    assert seen["status"] == 0
    assert seen["screen"] is HistoryScreen and seen["heading"] == "Reviewing anna.json — read only"
    assert seen["voice"] is False  # v worked, for this review only
    after = folder_state(data_dir)
    assert sorted(after) == sorted(before)  # no file added or removed
    assert after == before  # and none changed: bytes, size, mode, mtime


def test_history_on_the_same_folder_does_change_it(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The proof above can fail: the app proper files the session left running,
    removes the temp file, writes the content cache and saves the settings."""
    clinic_data(data_dir)
    before = folder_state(data_dir)
    seen = run_headless(monkeypatch, ["history"], ("v",))
    assert seen["status"] == 0 and seen["screen"] is HistoryScreen
    after = folder_state(data_dir)
    assert ".journal.json.half.tmp" in before and ".journal.json.half.tmp" not in after
    assert before["journal.json"] != after["journal.json"]
    assert before["config/settings.json"] != after["config/settings.json"]
    assert "cache/startup-content.json" in after
