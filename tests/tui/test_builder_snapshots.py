"""SVG snapshots of the program builder at 80x24 and 120x40 (pytest-textual-snapshot).

The builder is opened over Home with a built-in program, as the Clinic
screen opens it; every worker is waited for before the picture is taken.

Update after an intended change with
``pytest tests/tui/test_builder_snapshots.py --snapshot-update`` and look at
the pictures.
"""

from __future__ import annotations

from typing import Any

from conftest import Harness
from textual.screen import Screen

from backcoach.content.library import default_library
from backcoach.content.programs import builtin_programs
from backcoach.tui.clinic.builder import BuilderScreen
from backcoach.tui.clinic.builder_dialogs import DrillPicker
from backcoach.tui.clinic.builder_settings import SettingsDialog

SIZE = (80, 24)


def shoot(
    snap_compare: Any, h: Harness, keys: tuple[str, ...], expect: type[Screen[Any]], size: tuple[int, int] = SIZE
) -> None:
    """Open the builder on "Back pain essentials", press ``keys``, compare."""
    program = next(p for p in builtin_programs(default_library()) if p.id == "back-pain-essentials")
    shown: list[Screen[Any]] = []

    async def run_before(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.app.push_screen(BuilderScreen(program))
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown.append(pilot.app.screen)

    matched = snap_compare(h.app, terminal_size=size, run_before=run_before)
    assert shown and type(shown[0]) is expect, f"expected {expect.__name__}, got {shown}"
    assert matched


def test_builder_from_a_built_in_program(snap_compare: Any, make_harness: Any) -> None:
    """The second drill chosen, so the dose fields show a hold drill's settings."""
    shoot(snap_compare, make_harness(), ("down",), BuilderScreen)


def test_builder_at_120x40(snap_compare: Any, make_harness: Any) -> None:
    """Room for the whole right column: dose, cautions, equipment, direction, easier version."""
    shoot(snap_compare, make_harness(), ("down",), BuilderScreen, (120, 40))


def test_builder_refusing_a_decimal_under_the_field(snap_compare: Any, make_harness: Any) -> None:
    """``1.5`` reps typed into the first drill: refused under the field, the list unchanged."""
    shoot(snap_compare, make_harness(), ("enter", "backspace", "1", "full_stop", "5"), BuilderScreen)


def test_builder_settings(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), ("s",), SettingsDialog)


def test_builder_settings_at_120x40(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), ("s",), SettingsDialog, (120, 40))


def test_builder_add_drill_picker(snap_compare: Any, make_harness: Any) -> None:
    shoot(snap_compare, make_harness(), ("a",), DrillPicker)
