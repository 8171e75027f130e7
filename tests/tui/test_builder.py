"""The program builder through Pilot: build from nothing, edit a built-in
program, refuse values out of bounds, save, write a handout, and ask before
throwing changes away. Every saved file is loaded back with the real loader.
(Every field's refusals, row by row: ``test_builder_fields.py``.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Harness, ready, text_of
from test_fit import sideways_scrollers
from textual.widgets import Input, OptionList, Select, Static

from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import (
    builtin_programs,
    load_program_file,
    parse_program,
)
from backcoach.tui.clinic.builder import BuilderScreen
from backcoach.tui.clinic.builder_dialogs import DrillPicker, LeaveDialog, PathDialog
from backcoach.tui.clinic.builder_settings import SettingsDialog
from backcoach.tui.home import HomeScreen

SIZE = (80, 24)


def builtin(program_id: str) -> Program:
    return next(p for p in builtin_programs(default_library()) if p.id == program_id)


async def open_builder(h: Harness, pilot: Any, program: Program | None = None) -> BuilderScreen:
    await ready(pilot)
    await h.app.push_screen(BuilderScreen(program))
    await ready(pilot)
    screen = h.app.screen
    assert isinstance(screen, BuilderScreen)
    return screen


async def add_drill(pilot: Any, typed: str) -> None:
    """``a``, type a filter, ``enter``: the first drill that matches is added."""
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DrillPicker)
    await pilot.press(*typed)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, BuilderScreen)


async def edit(pilot: Any, screen: BuilderScreen, field_id: str, typed: str) -> None:
    """Empty a field, then type into it as a person would."""
    field = screen.query_one(f"#{field_id}", Input)
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*typed)
    await pilot.pause()


async def in_settings(pilot: Any, screen: BuilderScreen, *edits: tuple[str, str]) -> SettingsDialog:
    """``s`` from the drill list, then each (field id, typed) edit; the dialog stays open."""
    screen.query_one("#builder-drills").focus()
    await pilot.press("s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, SettingsDialog)
    for field_id, typed in edits:
        await edit(pilot, dialog, field_id, typed)  # type: ignore[arg-type]  # any screen with the field
    return dialog


async def set_settings(pilot: Any, screen: BuilderScreen, *edits: tuple[str, str]) -> None:
    """Edit program settings and close the dialog (``escape``)."""
    await in_settings(pilot, screen, *edits)
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is screen


async def save_as(pilot: Any, path: Path | None = None) -> PathDialog:
    """``ctrl+s``, optionally replace the suggested path, ``enter``; wait for the write."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PathDialog)
    if path is not None:
        dialog.query_one(Input).value = str(path)
    await pilot.press("enter")
    await ready(pilot)
    return dialog


def drill_ids(screen: BuilderScreen) -> list[str]:
    return [item.drill.id for item in screen.draft.items]


async def test_build_a_program_from_nothing_and_save_it(
    make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot)
        assert text_of(screen, ".heading") == "Program builder"
        assert "No drills yet" in text_of(screen, "#builder-empty")
        assert "0 drills" in text_of(screen, "#builder-summary")

        await pilot.press("a")
        await pilot.pause()
        picker = h.app.screen
        assert isinstance(picker, DrillPicker)
        await pilot.press(*"camel")
        await pilot.pause()
        shown = [str(o.prompt) for o in picker.query_one(OptionList).options]
        assert shown[0] == "MOBILITY" and shown[1].startswith("Cat-camel")
        assert len(shown) == 2
        await pilot.press("enter")
        await pilot.pause()
        await add_drill(pilot, "front plank")
        assert drill_ids(screen) == ["cat-camel", "front-plank"]
        assert screen.selected == 1

        await pilot.press("left_square_bracket")  # front plank first
        await pilot.pause()
        assert drill_ids(screen) == ["front-plank", "cat-camel"]
        assert screen.selected == 0

        await pilot.press("down", "enter")  # cat-camel, into its dose
        await pilot.pause()
        assert screen.focused is screen.query_one("#dose-reps")
        await pilot.press(*"6")
        await edit(pilot, screen, "dose-tempo", "2.5")
        minutes = screen.draft.estimated_minutes
        assert f"about {minutes} min" in text_of(screen, "#builder-summary")
        assert "1 x 6 reps, 2.5/2.5 s per breath" in str(
            screen.query_one(OptionList).get_option_at_index(1).prompt
        )

        await set_settings(pilot, screen, ("prog-name", "Anna, week 3"), ("prog-pain", "4"), ("prog-days", "3"))
        assert "Anna, week 3" in text_of(screen, "#builder-summary")
        assert "not saved" in text_of(screen, "#builder-summary")

        dialog = await save_as(pilot)
        assert not dialog.is_attached
        path = tmp_path / "anna-week-3.toml"
        assert text_of(screen, "#builder-message") == f"Saved to {path}"
        assert "not saved" not in text_of(screen, "#builder-summary")

        loaded = load_program_file(path, default_library())
        assert loaded == screen.draft.to_program()
        assert [item.drill.id for item in loaded.items] == ["front-plank", "cat-camel"]
        assert [dict(item.overrides) for item in loaded.items] == [{}, {"reps": 6, "tempo": 2.5}]
        assert (loaded.id, loaded.name, loaded.pain_limit, loaded.days_per_week) == (
            "anna-week-3", "Anna, week 3", 4, 3,
        )  # fmt: skip

        await pilot.press("escape")  # saved: leaves at once
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)


async def test_a_built_in_program_opens_with_its_drills_and_saves_unchanged(
    make_harness: Any, tmp_path: Path
) -> None:
    program = builtin("quick-start")
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, program)
        assert drill_ids(screen) == [item.drill.id for item in program.items]
        assert "Quick start" in text_of(screen, "#builder-summary")
        assert f"about {program.estimated_minutes} min" in text_of(screen, "#builder-summary")
        settings = await in_settings(pilot, screen)
        assert settings.query_one("#prog-name", Input).value == "Quick start"
        assert settings.query_one("#prog-days", Input).value == "3"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#dose-reps", Input).value == "5"  # pelvic tilt, as written
        assert screen.query_one("#dose-sets", Input).placeholder == "1"  # the library's default
        assert not screen.query_one("#row-hold").display  # a reps drill takes no hold time
        await pilot.press("down", "down")  # the kneeling plank
        await pilot.pause()
        assert screen.query_one("#row-hold").display
        assert not screen.query_one("#row-reps").display
        assert screen.query_one("#dose-hold", Input).value == "15"

        path = tmp_path / "copy.toml"
        await save_as(pilot, path)
        loaded = load_program_file(path, default_library())
        assert loaded.items == program.items
        assert [dict(i.overrides) for i in loaded.items] == [
            dict(i.overrides) for i in program.items
        ]


async def test_values_out_of_bounds_are_refused_where_they_are_typed(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        error = "#dose-reps-error"
        await edit(pilot, screen, "dose-reps", "99")
        assert text_of(screen, error) == "Reps must be a whole number between 1 and 50."
        assert screen.query_one(error).display
        assert screen.query_one("#dose-reps").has_class("-invalid")
        assert screen.draft.items[0].overrides["reps"] == 5  # as before the edit, not the 9 typed on the way

        await pilot.press("backspace")
        await pilot.pause()
        assert not screen.query_one(error).display
        assert screen.draft.items[0].overrides["reps"] == 9  # taken as typed, so the list follows

        await edit(pilot, screen, "dose-reps", "99")
        await pilot.press("tab")  # leaving puts back the 5 from before the edit, not the half-typed 9
        await pilot.pause()
        assert screen.query_one("#dose-reps", Input).value == "5"
        assert screen.draft.items[0].overrides["reps"] == 5
        assert text_of(screen, error) == "Reps must be a whole number between 1 and 50; put back 5."

        await edit(pilot, screen, "dose-tempo", "11")
        assert "Tempo must be a number of seconds between 1 and 10" in text_of(screen, "#dose-tempo-error")
        await pilot.press("ctrl+s")  # refused while a field holds a refused value
        await pilot.pause()
        assert isinstance(h.app.screen, BuilderScreen)
        assert text_of(screen, "#builder-message").startswith("Cannot save yet: Tempo")
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one("#dose-tempo", Input).value == "3"  # as the program has it
        assert screen.draft.items[0].overrides["tempo"] == 3
        assert text_of(screen, "#dose-tempo-error").endswith("; put back 3.")

        dialog = await in_settings(pilot, screen, ("prog-pain", "9"))
        assert "Pain limit must be a whole number between 2 and 5" in text_of(dialog, "#prog-pain-error")
        assert screen.draft.pain_limit is None
        await edit(pilot, dialog, "prog-days", "8")  # type: ignore[arg-type]
        assert "Days per week must be a whole number between 1 and 7" in text_of(dialog, "#prog-days-error")
        await edit(pilot, dialog, "prog-id", "-x")  # type: ignore[arg-type]
        assert "lowercase letters" in text_of(dialog, "#prog-id-error")


async def test_picker_prefers_names_that_start_with_what_was_typed(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot)
        await add_drill(pilot, "walk")  # Monster walk is listed first (hips), Walking is meant
        await pilot.press("a", *"zzz", "enter")  # nothing matches: enter does nothing
        await pilot.pause()
        assert isinstance(h.app.screen, DrillPicker)
        assert "No drill matches" in text_of(h.app.screen, "#picker-purpose")
        await pilot.press("escape")
        await pilot.pause()
        assert drill_ids(screen) == ["walking"]
        await edit(pilot, screen, "dose-seconds", "5")  # named as the field is, not "seconds"
        assert text_of(screen, "#dose-seconds-error") == (
            "Time must be a whole number of seconds between 10 and 3600."
        )


async def test_breathing_pairing_is_offered_only_for_spinal_drills(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("down")  # cat-camel rounds and arches
        await pilot.pause()
        assert screen.query_one("#row-exhale_on").display
        screen.query_one("#dose-exhale_on", Select).value = "extension"
        await pilot.pause()
        assert screen.draft.items[1].overrides["exhale_on"] == "extension"
        await pilot.press("down", "down")  # glute bridge breathes with the effort
        await pilot.pause()
        assert not screen.query_one("#row-exhale_on").display
        assert screen.query_one("#row-tempo").display


async def test_remove_and_move_from_the_list_and_from_a_field(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        start = drill_ids(screen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert drill_ids(screen) == [start[1], start[0], *start[2:]]
        assert screen.selected == 1
        await pilot.press("enter")  # into the dose fields: x types, ctrl+up still moves
        await pilot.pause()
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert drill_ids(screen) == start
        await pilot.press("escape", "x")
        await pilot.pause()
        assert drill_ids(screen) == start[1:]
        assert "Removed Pelvic tilt (lying)." == text_of(screen, "#builder-message")
        await pilot.press("delete", "delete", "delete")
        await pilot.pause()
        assert drill_ids(screen) == []
        assert screen.query_one("#builder-empty").display
        assert not screen.query_one("#dose-fields").display


async def test_an_invalid_program_is_not_saved(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(h.app.screen, BuilderScreen)
        message = text_of(screen, "#builder-message")
        assert message.startswith("Cannot save yet:")
        assert "name: must be 1 to 60 characters long" in message
        assert "drills: required: at least one [[drills]] entry" in message


async def test_save_asks_before_replacing_a_file_and_reports_failures(
    make_harness: Any, tmp_path: Path
) -> None:
    existing = tmp_path / "anna.toml"
    existing.write_text("keep me")
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot)
        await add_drill(pilot, "walking")
        await set_settings(pilot, screen, ("prog-name", "Anna"))
        dialog = await save_as(pilot, existing)
        assert dialog.is_attached
        assert "already exists. Press enter again to replace it." in text_of(dialog, "#path-error")
        assert existing.read_text() == "keep me"
        await pilot.press("enter")
        await ready(pilot)
        assert not dialog.is_attached
        assert load_program_file(existing, default_library()).name == "Anna"

        dialog = await save_as(pilot, tmp_path / "missing" / "anna.toml")
        assert dialog.is_attached
        assert "No such file or directory" in text_of(dialog, "#path-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(h.app.screen, BuilderScreen)


async def test_save_into_a_folder_then_again_to_the_same_file(
    make_harness: Any, tmp_path: Path
) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("gentle-morning"))
        await save_as(pilot, tmp_path)  # a folder: <id>.toml inside it
        path = tmp_path / "gentle-morning.toml"
        assert text_of(screen, "#builder-message") == f"Saved to {path}"
        assert screen.saved_program is not None and screen.saved_program.path == str(path)

        await pilot.press("x")
        await pilot.press("ctrl+s")  # suggests the last file, and replaces it at once
        await pilot.pause()
        assert h.app.screen.query_one(Input).value == str(path)
        await pilot.press("enter")
        await ready(pilot)
        assert h.app.screen is screen
        assert len(load_program_file(path, default_library()).items) == len(screen.draft.items)

        await save_as(pilot, tmp_path / "plain")  # no suffix: .toml is added
        assert (tmp_path / "plain.toml").is_file()
        dialog = await save_as(pilot, tmp_path / "notes.txt")
        assert "Use a file name ending in .toml." in text_of(dialog, "#path-error")


async def test_handout_is_written_for_the_program(make_harness: Any, tmp_path: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("p")
        await pilot.pause()
        dialog = h.app.screen
        assert isinstance(dialog, PathDialog)
        assert dialog.query_one(Input).value == "quick-start-handout.html"
        path = tmp_path / "sheet.md"
        dialog.query_one(Input).value = str(path)
        await pilot.press("enter")
        await ready(pilot)
        assert text_of(screen, "#builder-message") == f"Handout written to {path}"
        assert "Quick start" in path.read_text()


async def test_leaving_with_unsaved_changes_asks_first(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("escape")  # nothing changed: no question
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)

        screen = await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(h.app.screen, LeaveDialog)
        await pilot.press("n")
        await pilot.pause()
        assert h.app.screen is screen
        assert len(screen.draft.items) == 3
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(h.app.screen, HomeScreen)


async def test_program_names_are_shown_as_written(make_harness: Any) -> None:
    """A name with markup characters must neither crash nor style anything."""
    library = default_library()
    odd = parse_program(
        'id = "odd"\nname = "[b]Ben[/] [/]"\ndescription = ""\n[[drills]]\nid = "walking"\n',
        "odd.toml",
        library,
    )
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, odd)
        assert text_of(screen, "#builder-summary").startswith("[b]Ben[/] [/]")
        await pilot.press("x", "escape")
        await pilot.pause()
        assert isinstance(h.app.screen, LeaveDialog)
        assert "[b]Ben[/] [/]" in str(h.app.screen.query(Static)[1].render())


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_fits_without_sideways_scrolling(make_harness: Any, size: tuple[int, int]) -> None:
    """Inputs are left out: a long value scrolling inside its own field is expected."""
    h = make_harness()
    async with h.app.run_test(size=size) as pilot:
        screen = await open_builder(h, pilot, builtin("hip-and-core"))
        assert not [s for s in sideways_scrollers(screen) if not s.startswith("Input")]
        assert screen.query_one(".heading").region.width == size[0]
        summary = screen.query_one("#builder-summary")
        assert screen.region.contains_region(summary.region)
        await pilot.press("a")
        await pilot.pause()
        picker = h.app.screen
        assert isinstance(picker, DrillPicker)
        assert not [s for s in sideways_scrollers(picker) if not s.startswith("Input")]


async def test_no_crash_in_a_tiny_terminal(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=(40, 12)) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("down", "enter", "5")
        await pilot.press("escape", "a", "w", "enter", "ctrl+s")
        await ready(pilot)
        assert isinstance(h.app.screen, PathDialog)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(h.app.screen, LeaveDialog)
        assert len(screen.draft.items) == 5
