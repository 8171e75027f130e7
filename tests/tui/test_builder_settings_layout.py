"""What the builder and its settings draw, read back from the screen: the
Locked button's words right after a change, nothing cut off at 60x20, 80x24
and 100x30, and no tab stop that shows nothing."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import text_of
from test_builder import builtin, open_builder
from test_builder_program import open_settings
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Select, Static

from backcoach.content.library import default_library
from backcoach.content.programs import parse_program
from backcoach.tui.clinic.builder_settings import LOCKED_NO, LOCKED_YES, SettingsDialog

SIZES = [(60, 20), (80, 24), (100, 30)]
#: A drill of each kind whose bounds are longest: reps, a hold, a time.
DRILLS = """\
id = "layout"
name = "Layout"

[[drills]]
id = "pelvic-tilt"

[[drills]]
id = "knee-plank"

[[drills]]
id = "walking"
"""


def drawn(widget: Widget) -> str:
    """The words ``widget`` draws on the screen, however they wrap."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(strip.text for strip in strips).split())


def words(text: str) -> str:
    return " ".join(text.split())


def assert_nothing_cut(root: Widget) -> None:
    """Every label, hint and button under ``root`` draws all of its words (a Select's own parts aside)."""
    for widget in root.query("Static, Button, Checkbox"):
        if not all(node.display for node in widget.ancestors_with_self if node is not root.app):
            continue
        if any(isinstance(node, Select) for node in widget.ancestors):
            continue
        for box in widget.ancestors:  # drawn whole, but not past the edge of what holds it
            if isinstance(box, Widget) and box is not root.screen and widget.region.height:
                assert widget.region.right <= box.scrollable_content_region.right, (widget, box)
        if isinstance(widget, Button):
            assert drawn(widget) == words(str(widget.label))
        elif isinstance(widget, Checkbox):
            assert words(str(widget.label)) in drawn(widget)
        elif isinstance(widget, Static) and widget.region.height and words(str(widget.render())):
            assert drawn(widget) == words(str(widget.render())), widget


async def test_the_locked_button_reads_its_new_words_at_once_and_so_does_the_summary(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        dialog = await open_settings(pilot, screen)
        button = dialog.query_one("#prog-locked", Button)
        assert drawn(button) == LOCKED_NO
        button.focus()
        await pilot.press("enter", "y")
        await pilot.pause()
        assert h.app.screen is dialog
        assert drawn(button) == LOCKED_YES
        assert "Locked: yes" in text_of(screen, "#builder-summary")  # the dialog still open
        await pilot.press("enter", "y")
        await pilot.pause()
        assert [strip.text.rstrip() for strip in button.render_lines(Region(0, 0, button.size.width, 1))] == [
            f" {LOCKED_NO}"  # at the start of its line, where it always is
        ]
        assert "Locked: no" in text_of(screen, "#builder-summary")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("note", ["", "This is a copy of w1.toml. " * 6], ids=["alone", "with-a-note"])
async def test_no_setting_is_cut_off(make_harness: Any, size: tuple[int, int], note: str) -> None:
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        screen.draft.locked = True
        screen.action_settings(note)
        await pilot.pause()
        dialog = h.app.screen
        assert isinstance(dialog, SettingsDialog)
        assert drawn(dialog.query_one("#prog-locked")) == LOCKED_YES
        assert_nothing_cut(dialog)


@pytest.mark.parametrize("size", SIZES)
async def test_no_dose_field_is_cut_off(make_harness: Any, size: tuple[int, int]) -> None:
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        screen = await open_builder(h, pilot, parse_program(DRILLS, "layout.toml", default_library()))
        for index in range(3):
            screen.query_one("#builder-drills").highlighted = index  # type: ignore[attr-defined]
            await pilot.pause()
            assert_nothing_cut(screen.query_one("#dose-fields"))
            select = screen.query_one("#dose-exhale_on", Select)
            if screen.query_one("#row-exhale_on").display:
                assert drawn(select.query_one("SelectCurrent #label")) == words(str(select.prompt))


async def test_tab_from_the_notes_goes_to_the_name_and_nothing_between(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        dialog = await open_settings(pilot, screen)
        stops = []
        for _ in range(11):  # Name is focused first; ten tabs reach Notes
            await pilot.press("tab")
            await pilot.pause()
            stops.append(dialog.focused.id if dialog.focused else None)
        assert stops[-2:] == ["prog-notes", "prog-name"], stops
        assert None not in stops and "settings" not in stops
