"""Build a BackcoachApp for Pilot tests: a real journal in a temp folder, a
fake clock, a fake sound player and a fixed "today"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from backcoach import paths
from backcoach.coach.background import empty_background
from backcoach.coach.clock import FakeClock
from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import builtin_programs, parse_program
from backcoach.store.journal import Journal
from backcoach.store.settings import Settings
from backcoach.tui.app import BackcoachApp
from backcoach.tui.services import Services
from backcoach.tui.session import runner as session_runner

TODAY = date(2026, 3, 30)
#: A health background already answered, all no (pass ``background=None``
#: to a harness to meet the first-use question).
CLEAR_BACKGROUND = empty_background()

#: Tiny doses so a whole session takes a few fake seconds.
SHORT_PROGRAM = """
id = "short"
name = "Short test program"
description = "Three drills with tiny doses."

[[drills]]
id = "cat-camel"
reps = 2
tempo = 2

[[drills]]
id = "front-plank"
sets = 2
hold = 5
rest = 5

[[drills]]
id = "hamstring-stretch"
seconds = 10
"""


@dataclass
class FakePlayer:
    muted: bool = False
    played: list[str] = field(default_factory=list)
    #: WAV files the voice handed over (``CuePlayer.play_file``).
    files: list[Path] = field(default_factory=list)
    working: bool | None = True
    problem: str | None = None
    latency: float = 0.0

    def cue(self, name: str) -> None:
        if not self.muted:
            self.played.append(name)

    def play_file(self, path: Path) -> None:
        if not self.muted:
            self.files.append(path)

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class Harness:
    app: BackcoachApp
    clock: FakeClock
    journal: Journal
    player: FakePlayer
    saved_settings: list[dict[str, Any]]

    def sessions(self) -> list[dict[str, Any]]:
        """What the journal holds once every queued write is done."""
        assert self.app.writer.flush(timeout=10)
        return self.journal.sessions()

    def current(self) -> dict[str, Any] | None:
        assert self.app.writer.flush(timeout=10)
        return self.journal.current_session()


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking text cursor is drawn or not depending on when a picture is
    taken: every Pilot and snapshot test runs with it steady (as harlequin's
    functional tests do)."""
    from textual.widgets import Input

    monkeypatch.setattr(Input.__dict__["cursor_blink"], "_default", False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


def short_program() -> Program:
    return parse_program(SHORT_PROGRAM, "short.toml", default_library())


@pytest.fixture
def make_harness(data_dir: Path) -> Iterator[Any]:
    journals: list[Journal] = []

    def factory(
        programs: list[Program] | None = None,
        speed: float = 1.0,
        start_program: Program | None = None,
        history: list[dict[str, Any]] | None = None,
        background: dict[str, bool] | None = CLEAR_BACKGROUND,
        now: datetime | None = None,
    ) -> Harness:
        """``now``: the day and local time the app runs at (default: 09:00 on ``TODAY``)."""
        library = default_library()
        journal = Journal.open()
        journals.append(journal)
        for doc in history or []:
            journal.record_standalone(doc)
        clock = FakeClock()
        saved: list[dict[str, Any]] = []
        services = Services(
            library=library,
            programs=programs if programs is not None else [short_program(), *builtin_programs(library)],
            journal=journal,
            settings=Settings(muted=False, health_background=background),
            save_settings=lambda s: saved.append(s.to_dict()),
            make_clock=lambda _speed: clock,
            today=lambda: now.date() if now is not None else TODAY,
            wall_time=lambda: now.isoformat() if now is not None else "2026-03-30T09:00:00+01:00",
        )
        player = FakePlayer()
        app = BackcoachApp(services, speed=speed, player=player, start_program=start_program)  # type: ignore[arg-type]
        return Harness(app, clock, journal, player, saved)

    yield factory
    for journal in journals:
        journal.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "real_ticks: keep the session runner's real 20 Hz timer (see manual_ticks)")


@pytest.fixture(autouse=True)
def manual_ticks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the runner's 20 Hz timer from ever firing; tests tick by hand.

    With a fake clock the timer only redraws the same state, but every redraw
    keeps the CPU busy enough that Pilot's idle waits run to their maximum,
    and what a test sees would depend on how many ticks the machine managed.
    ``run_time`` calls ``runner.tick()`` exactly as the timer would. A test
    about the timer itself opts out with ``@pytest.mark.real_ticks``.
    """
    if request.node.get_closest_marker("real_ticks") is None:
        monkeypatch.setattr(session_runner, "TICK_SECONDS", 3600.0)


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.pause()


async def run_time(h: Harness, pilot: Any, seconds: float, step: float = 0.5) -> None:
    """Move the fake clock forward, ticking like the real 20 Hz timer would."""
    runner = h.app.runner
    assert runner is not None
    done = 0.0
    while done < seconds:
        h.clock.advance(step)
        done += step
        before = (runner.engine.stage, runner.engine.index)
        runner.tick()
        if (runner.engine.stage, runner.engine.index) != before:
            await pilot.pause()  # let the next screen mount
    await pilot.pause()


def text_of(screen: Any, selector: str) -> str:
    """What a Static on ``screen`` shows, as plain text."""
    from textual.widgets import Static

    return str(screen.query_one(selector, Static).render())


async def ready(pilot: Any) -> None:
    """Let every worker finish (history read, history view, saves) and the UI catch up.

    A cancelled worker has finished too: a dialog that dismisses itself from
    its own worker's last callback (the import, a file written) cancels that
    worker on the way out, its work done. Whether the dismissal comes before
    the worker's own end is up to the machine's load, so it is not an error
    here; what the worker did is what the tests check.
    """
    from textual.worker import WorkerCancelled

    for _ in range(2):
        for worker in list(pilot.app.workers):
            try:
                await worker.wait()
            except WorkerCancelled:
                pass
        await pilot.pause()


async def plan_lines_done(pilot: Any) -> None:
    """Every worker done and Home's line about today's plan shown. That line is worked
    out on daemon threads (not workers, so quitting never waits), one after another:
    each is joined, then the next one its result started, if any."""
    import asyncio

    from backcoach.tui.home import HomeScreen

    homes = [s for s in pilot.app.screen_stack if isinstance(s, HomeScreen)]
    for _ in range(20):
        await ready(pilot)
        thread = homes[0].plan_thread if homes else None
        if thread is None or not thread.is_alive():
            return
        await asyncio.to_thread(thread.join)
    raise AssertionError("Home kept starting plan lines")


def ready_left(h: Harness) -> float:
    """What is left of a get-ready countdown (it starts by itself after a
    green or amber pain check, and the first drill's is the longer one)."""
    runner = h.app.runner
    assert runner is not None
    return runner.engine.timer.remaining


async def end_here(pilot: Any) -> None:
    """``escape`` then ``y``: end the session where it stands."""
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
