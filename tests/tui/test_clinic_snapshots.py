"""SVG snapshots of clinic mode: the browser at two sizes, a demo in each
display, and the import dialog showing a bad file's problems.

Update after an intended change with
``pytest tests/tui/test_clinic_snapshots.py --snapshot-update`` and look at them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Harness, settle
from textual.screen import Screen

from backcoach.coach.plan import READY_SECONDS
from backcoach.tui.clinic import dialogs
from backcoach.tui.clinic.browser import ClinicScreen
from backcoach.tui.clinic.dialogs import ImportProgramScreen
from backcoach.tui.session.drill import DrillScreen

Steps = Callable[[Harness, Any], Awaitable[None]]


def shoot(
    snap_compare: Any, h: Harness, expect: type[Screen[Any]], steps: Steps, size: tuple[int, int] = (80, 24)
) -> None:
    shown: list[Screen[Any]] = []

    async def run_before(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("c")
        await settle(pilot)
        await steps(h, pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        shown.append(pilot.app.screen)

    matched = snap_compare(h.app, terminal_size=size, run_before=run_before)
    assert shown and type(shown[0]) is expect, f"expected {expect.__name__}, got {shown}"
    assert matched


async def find_front_plank(h: Harness, pilot: Any) -> None:
    await pilot.press("slash", *"plank", "enter")


async def demo_plank_hold(h: Harness, pilot: Any) -> None:
    await find_front_plank(h, pilot)
    await pilot.press("enter", "plus", "plus")
    runner = h.app.runner
    assert runner is not None
    h.clock.advance(READY_SECONDS / 4 + 3 / 4)  # x4: get ready, then 3 s into the hold
    runner.tick()
    await settle(pilot)


def test_clinic_browser(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), ClinicScreen, find_front_plank)


def test_clinic_browser_small(snap_compare: Any, make_harness: Any) -> None:
    async def core_category(h: Harness, pilot: Any) -> None:
        await pilot.press("right", "right", "down")

    shoot(snap_compare, make_harness(), ClinicScreen, core_category, size=(60, 20))


def test_clinic_demo(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), DrillScreen, demo_plank_hold)


def test_clinic_demo_projector(snap_compare: Any, make_harness: Any) -> None:
    async def projector_demo(h: Harness, pilot: Any) -> None:
        await pilot.press("t")
        h.app.clear_notifications()  # the toast's timeout is real time
        await demo_plank_hold(h, pilot)

    shoot(snap_compare, make_harness(), DrillScreen, projector_demo)


def test_clinic_import_problem(
    snap_compare: Any, make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A relative path, read from the folder the dialog shows (named here: the temp folder varies).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(dialogs, "shown_folder", lambda: "/home/physio/patients")
    Path("p.toml").write_text('id = "x"\nname = "Mine"\ndescription = "d"\n\n[[drills]]\nid = "cat-camle"\nreps = 99\n')

    async def import_bad(h: Harness, pilot: Any) -> None:
        await pilot.press("i", *"p.toml", "enter")

    shoot(snap_compare, make_harness(), ImportProgramScreen, import_bad)


def test_clinic_replace_locked(
    snap_compare: Any, make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_clinic_locked import EDITED, GOOD_PROGRAM

    from backcoach.tui.clinic.replace_locked import ReplaceLockedScreen

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(dialogs, "shown_folder", lambda: "/home/physio/patients")
    Path("physio.toml").write_text(GOOD_PROGRAM, encoding="utf-8")
    Path("mine.toml").write_text(EDITED, encoding="utf-8")

    async def import_over_the_locked_one(h: Harness, pilot: Any) -> None:
        await pilot.press("i", *"physio.toml", "enter")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        h.app.clear_notifications()  # the toast's timeout is real time
        await pilot.press("i", *"mine.toml", "enter")

    shoot(snap_compare, make_harness(), ReplaceLockedScreen, import_over_the_locked_one)


async def standing_without_extension_tags_shown(h: Harness, pilot: Any) -> None:
    """Filter by direction tags, then scroll the preview down to its tags, equipment and source."""
    from textual.containers import VerticalScroll

    await pilot.press("slash", *"extension:none position:standing", "enter")
    await settle(pilot)
    pilot.app.screen.query_one("#preview", VerticalScroll).scroll_end(animate=False)
    await settle(pilot)


def test_clinic_preview_with_tags(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), ClinicScreen, standing_without_extension_tags_shown, size=(100, 30))
