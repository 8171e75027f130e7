"""Clinic mode with Pilot: filtering, demos at a changing speed, installing
program files, the projector display, and proof that none of it touches
the journal."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import Harness, ready, settle, text_of
from textual.widgets import Input

from backcoach.coach.plan import READY_SECONDS
from backcoach.coach.session import Stage
from backcoach.tui.clinic.browser import ClinicScreen
from backcoach.tui.clinic.demo import DemoRunner
from backcoach.tui.clinic.dialogs import ImportProgramScreen, ReplaceProgramScreen
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.drill import DrillScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.themes import PROJECTOR_THEME
from backcoach.tui.widgets.pose_figure import PoseFigure, drill_figure

SIZE = (80, 24)

GOOD_PROGRAM = """
id = "knee-rehab"
name = "After the first visit"
description = "Two drills for one patient."
locked = true

[[drills]]
id = "cat-camel"
reps = 4

[[drills]]
id = "glute-bridge"
"""


def snapshot_of(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under ``folder`` with its size, mtime and bytes."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            files[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, path.read_bytes())
    return files


async def open_clinic(h: Harness, pilot: Any) -> ClinicScreen:
    await h.app.workers.wait_for_complete()
    await pilot.press("c")
    await settle(pilot)
    screen = h.app.screen
    assert isinstance(screen, ClinicScreen)
    return screen


def shown_ids(screen: ClinicScreen) -> list[str]:
    return [drill.id for drill in screen.shown]


async def test_c_opens_the_clinic_with_the_whole_library(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        assert len(screen.shown) == len(h.app.services.library)
        assert "all categories" in text_of(screen, "#category")
        assert f"{len(h.app.services.library)} drills" in text_of(screen, "#category")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)


async def test_typed_filter_and_category_narrow_the_list(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        await pilot.press("slash", *"plank")
        await settle(pilot)
        assert shown_ids(screen) == [
            "front-plank", "incline-plank", "knee-plank", "knee-side-plank", "mcgill-curl-up", "side-plank",
            "side-lying-hip-lift",
        ]  # fmt: skip
        # Letters typed into the filter are not commands, and the arrows move the cursor.
        assert not isinstance(h.app.screen, ImportProgramScreen)
        await pilot.press("enter")  # back to the list
        await pilot.press("right")  # all -> mobility: no plank there
        await settle(pilot)
        assert screen.category == "mobility"
        assert shown_ids(screen) == []
        assert "No drill matches" in text_of(screen, "#preview-title")
        await pilot.press("left", "left")  # mobility -> all -> the last category (wraps)
        await settle(pilot)
        assert screen.category == h.app.services.library.categories()[-1]
        await pilot.press("right", "slash", *["backspace"] * 5, "escape")
        await settle(pilot)
        assert screen.category == "all"
        assert len(screen.shown) == len(h.app.services.library)
        await pilot.press("right", "right")  # all -> mobility -> core
        await settle(pilot)
        assert screen.category == "core"
        assert {d.category for d in screen.shown} == {"core"}


async def test_preview_shows_the_highlighted_drill(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        await pilot.press("slash", *"front plank", "enter")
        await settle(pilot)
        assert shown_ids(screen) == ["front-plank", "mcgill-curl-up"]  # its purpose names the side plank
        drill = h.app.services.library["front-plank"]
        figure = screen.query_one("#preview-figure", PoseFigure).figure
        assert figure is not None and figure == drill_figure(drill, None, 0.0)
        assert text_of(screen, "#preview-title").startswith("Front plank\ncore · hold · ")
        assert text_of(screen, "#preview-chain") == "Easier to harder: Incline plank -> Kneeling plank -> [Front plank]"
        details = text_of(screen, "#preview-text")
        for line in (*drill.cues, *drill.cautions, drill.breathing.cue, drill.purpose):
            assert line in details
        assert "Low back: spine kept still; body weight; lying face down" in details
        assert "Tags: flexion:none extension:none rotation:none" in details
        assert "You will need: a mat" in details
        assert "Source: Back Pain Essentials, Movement As Medicine" in details


async def test_the_preview_figure_moves_with_the_clock(make_harness: Any) -> None:
    """A cat-camel preview rounds and sags with the breath as in a session, at 10 frames a second."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        await pilot.press("slash", *"cat-camel", "enter")
        await settle(pilot)
        widget = screen.query_one("#preview-figure", PoseFigure)
        before = widget.figure
        await pilot.pause(0.3)
        assert widget.figure == before  # the clock stood still: so does the figure
        drill = h.app.services.library["cat-camel"]
        h.clock.advance(drill.breathing.phases[0].seconds / 2)
        await pilot.pause(0.3)
        assert widget.figure is not None and widget.figure != before


async def test_the_filter_takes_direction_terms_and_explains_a_bad_one(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        await pilot.press("slash", *"extension:none position:standing")
        await settle(pilot)
        library = h.app.services.library
        expected = {
            d.id for d in library.values() if d.direction.extension == "none" and d.direction.position == "standing"
        }
        assert expected and set(shown_ids(screen)) == expected
        await pilot.press(*["backspace"] * len("position:standing"), *"disc")
        await settle(pilot)
        assert shown_ids(screen) == ["knees-to-chest", "hamstring-stretch", "sciatic-nerve-floss"]
        await pilot.press(*["backspace"] * len("extension:none disc"), *"extension:lots")
        await settle(pilot)
        assert shown_ids(screen) == []
        assert text_of(screen, "#preview-title").startswith("Extension can be none, small, mid, end (got 'lots').")


async def test_demo_runs_at_a_speed_changed_live_and_saves_nothing(make_harness: Any, data_dir: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        before = snapshot_of(data_dir)
        assert before, "the journal exists on disk before the demo"
        await pilot.press("slash", *"front plank", "enter", "enter")
        await settle(pilot)
        runner = h.app.runner
        assert isinstance(runner, DemoRunner)
        assert isinstance(h.app.screen, IntroScreen)
        assert runner.engine.stage is Stage.READY  # the countdown starts at once
        assert "DEMO x1" in text_of(h.app.screen, ".heading")

        await pilot.press("plus")
        assert runner.speed == 2.0
        assert "DEMO x2" in text_of(h.app.screen, ".heading")
        # Five get-ready seconds at x2 take 2.5 real seconds.
        h.clock.advance(READY_SECONDS / 2 - 0.1)
        runner.tick()
        assert runner.engine.stage is Stage.READY
        h.clock.advance(0.2)
        runner.tick()
        await settle(pilot)
        assert runner.engine.stage is Stage.WORK
        assert isinstance(h.app.screen, DrillScreen)
        assert "DEMO x2" in text_of(h.app.screen, ".heading")

        await pilot.press("plus", "plus", "plus")  # stops at the top speed
        assert runner.speed == 8.0
        remaining = runner.engine.timer.remaining
        h.clock.advance(1.0)
        runner.tick()
        assert runner.engine.timer.remaining == pytest.approx(remaining - 8.0)
        await pilot.press("minus")
        assert runner.speed == 4.0
        h.clock.advance(1.0)
        runner.tick()
        assert runner.engine.timer.remaining == pytest.approx(remaining - 12.0)

        # Run the rest of the drill: the demo ends back in the clinic.
        for _ in range(200):
            if h.app.runner is None:
                break
            h.clock.advance(1.0)
            runner.tick()
            await pilot.pause()
        await settle(pilot)
        assert h.app.runner is None
        assert h.app.screen is screen
        assert "hold_start" in h.player.played
        assert h.app.demos is not None and h.app.demos.speed == 4.0  # the next demo starts where this one was
    assert snapshot_of(data_dir) == before
    assert h.journal.sessions() == []


async def test_q_ends_a_demo_at_once(make_harness: Any, data_dir: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        before = snapshot_of(data_dir)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.runner, DemoRunner)
        h.clock.advance(READY_SECONDS + 1)
        h.app.runner.tick()
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert h.app.runner is None
        assert h.app.screen is screen
        # No demo: the speed keys are off (and hidden from the key bar).
        assert h.app.check_action("demo_speed", (1,)) is False
    assert snapshot_of(data_dir) == before


async def test_ending_a_demo_with_a_follow_up_ends_it_at_once_then_runs_it(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_clinic(h, pilot)
        await pilot.press("enter")
        await settle(pilot)
        runner = h.app.runner
        assert isinstance(runner, DemoRunner)
        seen: list[object] = []
        runner.ask_end("End the session and quit?", then=lambda: seen.append(h.app.runner))
        await settle(pilot)
        assert seen == [None]  # no question asked: the demo was over when the follow-up ran
        assert h.app.screen is screen


async def test_backcoach_clinic_opens_on_the_clinic(make_harness: Any) -> None:
    h = make_harness()
    h.app.start = "clinic"
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(h.app.screen, ClinicScreen)
        assert not h.app.history.loaded  # the journal is not read in the clinic
        await pilot.press("escape")
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        assert isinstance(h.app.screen, HomeScreen)
        assert h.app.history.sessions == []  # read on the way home


async def test_backcoach_clinic_never_creates_or_reads_the_journal(data_dir: Path) -> None:
    """As launched: a deferred journal on an empty data folder, a demo, a quit."""
    from conftest import TODAY, FakePlayer

    from backcoach.coach.clock import FakeClock
    from backcoach.content.library import default_library
    from backcoach.content.programs import builtin_programs
    from backcoach.store.deferred import DeferredJournal
    from backcoach.store.settings import Settings
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.services import Services

    library = default_library()
    clock = FakeClock()
    with DeferredJournal() as journal:
        services = Services(
            library=library,
            programs=builtin_programs(library),
            journal=journal,
            settings=Settings(muted=True),
            save_settings=lambda _settings: None,
            make_clock=lambda _speed: clock,
            today=lambda: TODAY,
        )
        app = BackcoachApp(services, player=FakePlayer(muted=True), start="clinic")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # demo the first drill
            clock.advance(READY_SECONDS + 2)
            assert app.runner is not None
            app.runner.tick()
            await settle(pilot)
            await pilot.press("q")
            await settle(pilot)
            await app.workers.wait_for_complete()
            assert isinstance(app.screen, ClinicScreen)
        assert sorted(p.name for p in data_dir.iterdir()) == ["journal.lock"]


async def test_projector_display_is_remembered_and_left_behind_with_the_clinic(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("t")
        await h.app.workers.wait_for_complete()
        assert h.app.theme == PROJECTOR_THEME
        assert h.saved_settings[-1]["projector"] is True
        await pilot.press("escape")
        await settle(pilot)
        assert h.app.theme == "backcoach"
        await open_clinic(h, pilot)
        assert h.app.theme == PROJECTOR_THEME
        await pilot.press("t")
        assert h.app.theme == "backcoach"


async def import_file(pilot: Any, path: Path) -> None:
    """``i``, the path, ``enter``. The path is set, not typed: a temp path is
    ~60 key presses, each a trip round the event loop, and what is under test
    is the import, not Textual's ``Input``."""
    await pilot.press("i")
    await settle(pilot)
    enter_path(pilot, path)
    await pilot.press("enter")
    await ready(pilot)  # the file is checked on a worker


def enter_path(pilot: Any, path: Path) -> None:
    pilot.app.screen.query_one("#import-path", Input).value = str(path)


async def test_importing_a_good_file_lists_it_on_home(make_harness: Any, data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "patient.toml"
    source.write_text(GOOD_PROGRAM, encoding="utf-8")
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await import_file(pilot, source)
        assert isinstance(h.app.screen, ClinicScreen)
        installed = data_dir / "programs" / "knee-rehab.toml"
        assert installed.read_text(encoding="utf-8") == GOOD_PROGRAM
        program = next(p for p in h.app.services.programs if p.id == "knee-rehab")
        assert program.locked and program.origin == "imported"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        labels = [str(option.prompt) for option in h.app.screen.query_one("#programs").options]
        assert any(label.startswith("After the first visit") for label in labels)


async def test_importing_a_bad_file_explains_and_installs_nothing(
    make_harness: Any, data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "typo.toml"
    source.write_text(GOOD_PROGRAM.replace("reps = 4", "reps = 400").replace('"glute-bridge"', '"glute-brige"'))
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        count = len(h.app.services.programs)
        await import_file(pilot, source)
        dialog = h.app.screen
        assert isinstance(dialog, ImportProgramScreen)
        error = text_of(dialog, "#import-error")
        assert "reps" in error and "glute-brige" in error and "glute-bridge" in error
        assert not (data_dir / "programs" / "knee-rehab.toml").exists()
        assert len(h.app.services.programs) == count
        enter_path(pilot, tmp_path / "missing.toml")
        await pilot.press("enter")
        await ready(pilot)
        assert "missing.toml" in text_of(dialog, "#import-error")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, ClinicScreen)


@pytest.mark.parametrize("answer", ["y", "n"])
async def test_importing_the_same_id_asks_before_replacing(
    make_harness: Any, data_dir: Path, tmp_path: Path, answer: str
) -> None:
    unlocked = GOOD_PROGRAM.replace("locked = true\n", "")  # a locked one: see test_clinic_locked.py
    first = tmp_path / "first.toml"
    first.write_text(unlocked, encoding="utf-8")
    second = tmp_path / "second.toml"
    second_text = unlocked.replace("After the first visit", "After the second visit")
    second.write_text(second_text, encoding="utf-8")
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await import_file(pilot, first)
        await import_file(pilot, second)
        assert isinstance(h.app.screen, ReplaceProgramScreen)
        assert '- name: "After the first visit" -> "After the second visit"' in h.app.screen.detail
        await pilot.press(answer)
        await ready(pilot)
        installed = (data_dir / "programs" / "knee-rehab.toml").read_text(encoding="utf-8")
        names = [p.name for p in h.app.services.programs if p.id == "knee-rehab"]
        if answer == "y":
            assert installed == second_text
            assert names == ["After the second visit"]
            assert isinstance(h.app.screen, ClinicScreen)
        else:
            assert installed == unlocked
            assert names == ["After the first visit"]
            assert "Nothing changed" in text_of(h.app.screen, "#import-error")


def test_data_dir_snapshot_sees_changes(tmp_path: Path) -> None:
    """The journal check above would notice a write: a guard on the guard."""
    (tmp_path / "journal.json").write_text("{}")
    before = snapshot_of(tmp_path)
    os.utime(tmp_path / "journal.json", ns=(1, 1))
    assert snapshot_of(tmp_path) != before


async def test_b_builds_a_program_empty_or_from_a_copy(make_harness: Any) -> None:
    from backcoach.tui.clinic.builder import BuilderScreen
    from backcoach.tui.clinic.dialogs import StartFromScreen

    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        clinic = await open_clinic(h, pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(h.app.screen, StartFromScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert h.app.screen is clinic

        await pilot.press("b", "enter")  # the first choice: an empty program
        await settle(pilot)
        builder = h.app.screen
        assert isinstance(builder, BuilderScreen)
        assert builder.draft.items == ()
        await pilot.press("escape")  # nothing changed: no question
        await settle(pilot)
        assert h.app.screen is clinic

        second = h.app.services.programs[1]
        await pilot.press("b", "down", "down", "down", "enter")  # past "An empty program" and "From a file"
        await settle(pilot)
        builder = h.app.screen
        assert isinstance(builder, BuilderScreen)
        assert [item.drill.id for item in builder.draft.items] == [item.drill.id for item in second.items]


async def test_the_command_palette_starts_no_session_from_the_clinic(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in h.app.get_system_commands(h.app.screen)]
        assert any(t.startswith("Start: ") for t in titles) and "Clinic" in titles
        await open_clinic(h, pilot)
        titles = [c.title for c in h.app.get_system_commands(h.app.screen)]
        assert not any(t.startswith("Start: ") for t in titles)
        assert "Clinic" not in titles  # never a second clinic over the first
        assert "Import a program file" in titles


async def test_the_text_cursor_is_steady_in_pilot_tests(make_harness: Any) -> None:
    """``no_cursor_blink`` (autouse) holds: a blinking cursor would make every
    snapshot with an Input depend on the moment it was taken."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("i")
        await settle(pilot)
        field = h.app.screen.query_one("#import-path", Input)
        assert field.has_focus and field.cursor_blink is False


async def test_the_next_demo_starts_at_the_last_speed_even_after_leaving_the_clinic(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("enter")  # demo the first drill
        await settle(pilot)
        await pilot.press("plus", "plus")
        assert isinstance(h.app.runner, DemoRunner) and h.app.runner.speed == 4.0
        await pilot.press("q")  # ends the demo at once
        await settle(pilot)
        await pilot.press("escape")  # home, then back to the clinic
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        await open_clinic(h, pilot)
        await pilot.press("enter")
        await settle(pilot)
        runner = h.app.runner
        assert isinstance(runner, DemoRunner) and runner.speed == 4.0
        assert "DEMO x4" in text_of(h.app.screen, ".heading")
