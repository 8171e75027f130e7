"""The builder's program-wide parts through Pilot: Locked asks before it
changes, a program file opened as the start of the next one, the private
notes (saved, never on the handout), a demo at the builder's dose, and the
calm warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import settle, text_of
from test_builder import SIZE, builtin, edit, open_builder, save_as, set_settings
from test_clinic import snapshot_of
from textual.widgets import Button, Input, OptionList, TextArea

from backcoach.coach.session import Stage
from backcoach.content.library import default_library
from backcoach.content.programs import load_program_file, parse_program
from backcoach.reports.handout import render_handout
from backcoach.tui.clinic.builder import BuilderScreen
from backcoach.tui.clinic.builder_dialogs import OpenProgramDialog, PathDialog
from backcoach.tui.clinic.builder_settings import LOCKED_NO, LOCKED_YES, LockDialog, SettingsDialog
from backcoach.tui.clinic.demo import DemoRunner

WEEK_1 = """\
id = "anna-week-1"
name = "Anna, week 1"
description = "Week one."
patient = "Anna Berg"

[[drills]]
id = "pelvic-tilt"
reps = 5

[[drills]]
id = "walking"
seconds = 600
"""


async def open_settings(pilot: Any, screen: BuilderScreen) -> SettingsDialog:
    screen.query_one("#builder-drills").focus()
    await pilot.press("s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, SettingsDialog)
    return dialog


async def test_locked_is_shown_in_words_and_changes_only_after_a_yes(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        assert "Locked: no" in text_of(screen, "#builder-summary")
        dialog = await open_settings(pilot, screen)
        button = dialog.query_one("#prog-locked", Button)
        assert str(button.label) == LOCKED_NO
        button.focus()
        await pilot.pause()
        await pilot.press("space", "l", "x", "y", "1")  # stray keys on the setting itself
        await pilot.pause()
        assert h.app.screen is dialog
        assert screen.draft.locked is False

        await pilot.press("enter")  # asks, saying what locking means
        await pilot.pause()
        ask = h.app.screen
        assert isinstance(ask, LockDialog)
        assert "never raises" in text_of(ask, "Static:last-of-type")
        await pilot.press("enter")  # enter is the safe answer: no change
        await pilot.pause()
        assert h.app.screen is dialog and screen.draft.locked is False

        await pilot.press("enter", "y")
        await pilot.pause()
        assert h.app.screen is dialog
        assert screen.draft.locked is True
        assert str(button.label) == LOCKED_YES
        assert LOCKED_YES == "Locked: yes — the patient's app will not raise doses"
        await pilot.press("escape")
        await pilot.pause()
        assert "Locked: yes" in text_of(screen, "#builder-summary")

        dialog = await open_settings(pilot, screen)
        dialog.query_one("#prog-locked").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Unlock this program?" in text_of(h.app.screen, ".dialog-title")
        await pilot.press("n")
        await pilot.pause()
        assert screen.draft.locked is True


async def test_adapt_and_the_meta_fields_are_settings(make_harness: Any, tmp_path: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        dialog = await open_settings(pilot, screen)
        dialog.query_one("#prog-adapt").focus()
        await pilot.press("space")
        await pilot.pause()
        assert screen.draft.adapt is False
        await pilot.press("escape")
        await set_settings(pilot, screen, ("prog-clinician", "Sam"), ("prog-review", "2027-01-31"))
        await save_as(pilot, tmp_path / "q.toml")
        loaded = load_program_file(tmp_path / "q.toml", default_library())
        assert loaded.adapt is False
        assert (loaded.meta.clinician, str(loaded.meta.review_on)) == ("Sam", "2027-01-31")


NOTES = "Disc irritable in the mornings.\nCheck hip flexor length at review."


async def test_notes_are_saved_in_the_file_and_never_on_the_handout(make_harness: Any, tmp_path: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        dialog = await open_settings(pilot, screen)
        dialog.query_one("#prog-notes", TextArea).load_text(NOTES)
        await pilot.pause()
        await edit(pilot, dialog, "prog-patient", "Anna")  # type: ignore[arg-type]  # any screen with the field
        await pilot.press("escape")
        await pilot.pause()
        assert screen.draft.meta.notes == NOTES
        path = tmp_path / "anna.toml"
        await save_as(pilot, path)
    program = load_program_file(path, default_library())
    assert program.meta.notes == NOTES and program.meta.patient == "Anna"
    for fmt in ("md", "html"):
        sheet = render_handout(program, fmt)
        assert "Quick start" in sheet
        for line in NOTES.splitlines():
            assert line not in sheet
        assert "Disc irritable" not in sheet


async def test_notes_past_the_limit_are_refused_and_put_back(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        dialog = await open_settings(pilot, screen)
        notes = dialog.query_one("#prog-notes", TextArea)
        notes.load_text("short")
        await pilot.pause()
        notes.load_text("x" * 2001)
        await pilot.pause()
        assert text_of(dialog, "#prog-notes-error") == "Notes must be at most 2000 characters long."
        assert screen.draft.meta.notes == "short"
        await pilot.press("escape")  # puts back the notes from before, and stays to show it
        await pilot.pause()
        assert h.app.screen is dialog and notes.text == "short"
        assert text_of(dialog, "#prog-notes-error").endswith("put back the notes from before.")
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.screen is screen


async def open_file(pilot: Any, typed: str) -> OpenProgramDialog:
    await pilot.press("o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, OpenProgramDialog)
    assert f"Folder: {Path.cwd()}" in text_of(dialog, ".dialog-hint")
    dialog.query_one(Input).value = typed
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return dialog


async def test_week_2_starts_from_week_1_without_overwriting_it(
    make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    week_1 = tmp_path / "anna-week-1.toml"
    week_1.write_text(WEEK_1)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot)
        dialog = await open_file(pilot, "anna-week-1.toml")
        assert not dialog.is_attached
        assert [item.drill.id for item in screen.draft.items] == ["pelvic-tilt", "walking"]
        assert screen.draft.items[0].overrides == {"reps": 5}
        assert screen.draft.meta.patient == "Anna Berg"
        assert "as a starting point" in text_of(screen, "#builder-message")
        await edit(pilot, screen, "dose-reps", "8")
        await pilot.press("escape")

        await pilot.press("ctrl+s")  # the copy still has week 1's id: its name is asked for first
        await pilot.pause()
        settings = h.app.screen
        assert isinstance(settings, SettingsDialog)
        assert "This is a copy of anna-week-1.toml" in text_of(settings, "#settings-note")
        assert settings.focused is settings.query_one("#prog-name")
        await edit(pilot, settings, "prog-name", "Anna, week 2")  # type: ignore[arg-type]
        await pilot.press("escape")  # then where to save it: beside week 1, under its own id
        await pilot.pause()
        save = h.app.screen
        assert isinstance(save, PathDialog)
        assert save.query_one(Input).value == str(tmp_path / "anna-week-2.toml")
        await pilot.press("enter")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
    assert week_1.read_text() == WEEK_1
    week_2 = load_program_file(tmp_path / "anna-week-2.toml", default_library())
    assert (week_2.id, week_2.name, dict(week_2.items[0].overrides)) == ("anna-week-2", "Anna, week 2", {"reps": 8})


async def test_keeping_the_id_of_the_file_opened_replaces_it_only_when_told_twice(
    make_harness: Any, tmp_path: Path
) -> None:
    week_1 = tmp_path / "anna-week-1.toml"
    week_1.write_text(WEEK_1)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_builder(h, pilot)
        await open_file(pilot, str(week_1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # name and id kept
        await pilot.pause()
        save = h.app.screen
        assert isinstance(save, PathDialog)
        assert save.query_one(Input).value == str(week_1)
        await pilot.press("enter")
        await pilot.pause()
        assert "already exists. Press enter again to replace it." in text_of(save, "#path-error")
        assert week_1.read_text() == WEEK_1


async def test_a_copy_keeping_the_id_of_a_file_named_otherwise_suggests_that_file(
    make_harness: Any, tmp_path: Path
) -> None:
    """sub/w1.toml holding id w-one: kept, the id is the original's file, never a second sub/w-one.toml."""
    original = tmp_path / "sub" / "w1.toml"
    original.parent.mkdir()
    text = WEEK_1.replace('id = "anna-week-1"', 'id = "w-one"')
    original.write_text(text)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot)
        await open_file(pilot, str(original))
        await edit(pilot, screen, "dose-reps", "8")
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # the note: name and id kept
        await pilot.pause()
        save = h.app.screen
        assert isinstance(save, PathDialog)
        assert save.query_one(Input).value == str(original)
        await pilot.press("enter")
        await pilot.pause()
        assert "already exists. Press enter again to replace it." in text_of(save, "#path-error")
        assert original.read_text() == text
        await pilot.press("enter")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
    assert sorted(path.name for path in original.parent.iterdir()) == ["w1.toml"]
    replaced = load_program_file(original, default_library())
    assert (replaced.id, dict(replaced.items[0].overrides)) == ("w-one", {"reps": 8})


async def test_a_bad_file_is_refused_in_the_validators_words_naming_it(make_harness: Any, tmp_path: Path) -> None:
    bad = tmp_path / "anna.toml"
    bad.write_text(WEEK_1.replace("reps = 5", "reps = 1.5"))
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        dialog = await open_file(pilot, str(bad))
        assert dialog.is_attached
        message = text_of(dialog, "#open-error")
        assert message.startswith(f"{bad}: drills[1].reps: must be a whole number between 1 and 50")
        assert not dialog.query_one(Input).disabled
        dialog.query_one(Input).value = str(tmp_path / "missing.toml")
        await pilot.press("enter")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(dialog, "#open-error").startswith(f"{tmp_path / 'missing.toml'}: cannot read file")
        dialog.query_one(Input).value = str(tmp_path)
        await pilot.press("enter")
        await h.app.workers.wait_for_complete()
        await pilot.pause()
        assert "is a folder" in text_of(dialog, "#open-error")
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.screen is screen
        assert screen.draft.name == "Quick start"


async def test_opening_over_unsaved_changes_asks_first(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        await pilot.press("x", "o")
        await pilot.pause()
        assert "Start from a file instead?" in text_of(h.app.screen, ".dialog-title")
        await pilot.press("n")
        await pilot.pause()
        assert h.app.screen is screen and len(screen.draft.items) == 3


async def test_d_demos_the_drill_at_the_builders_dose_and_comes_back(make_harness: Any, data_dir: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, builtin("quick-start"))
        before = snapshot_of(data_dir)
        await edit(pilot, screen, "dose-reps", "3")
        await pilot.press("escape", "d")
        await settle(pilot)
        runner = h.app.runner
        assert isinstance(runner, DemoRunner)
        drill = runner.engine.program.items[0].drill
        assert (drill.id, drill.dosage.reps) == ("pelvic-tilt", 3)  # the library's pelvic tilt does more
        assert default_library()["pelvic-tilt"].dosage.reps != 3
        assert runner.engine.stage is Stage.READY
        await pilot.press("q")
        await settle(pilot)
        assert h.app.runner is None
        assert h.app.screen is screen  # back in the builder, the draft as it was
        assert screen.draft.items[0].overrides["reps"] == 3
    assert snapshot_of(data_dir) == before


async def test_the_drill_facts_and_the_calm_warnings(make_harness: Any) -> None:
    library = default_library()
    text = 'id = "s"\nname = "Stretches"\ndescription = ""\n'
    for drill_id in ("hamstring-stretch", "hip-flexor-stretch", "open-book"):
        text += f'\n[[drills]]\nid = "{drill_id}"\n'
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        screen = await open_builder(h, pilot, parse_program(text, "s.toml", library))
        facts = text_of(screen, "#drill-facts")
        assert "! Stop if it brings tingling or pain down the leg." in facts
        assert "Needs: a mat" in facts
        assert "Tags: flexion:small extension:none" in facts
        assert "Easier version: Bent-knee hamstring stretch" in facts
        warnings = text_of(screen, "#builder-warnings")
        assert "Hamstring stretch (lying) comes before Half-kneeling hip flexor stretch" in warnings
        assert "Locked" not in warnings

        await pilot.press("right_square_bracket")  # hamstrings after the hip flexors: no warning
        await pilot.pause()
        assert not screen.query_one("#builder-warnings").display
        screen.query_one("#builder-drills", OptionList).highlighted = 2
        await pilot.pause()
        assert "Easier version: none in the library" in text_of(screen, "#drill-facts")

        screen.draft.locked = True  # as the settings' confirmed yes does
        screen.refresh_summary()
        await pilot.pause()
        assert text_of(screen, "#builder-warnings") == (
            "Note: Locked, with no easier version of Open book (upper back): on a sore day the patient can only skip it."
        )
        assert isinstance(h.app.screen, BuilderScreen)  # a line, never a dialog


async def test_from_a_file_in_the_clinic_opens_the_builder_asking_for_the_file(
    make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_clinic import open_clinic

    monkeypatch.chdir(tmp_path)
    (tmp_path / "anna-week-1.toml").write_text(WEEK_1)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("b", "down", "enter")  # "From a file (.toml)", under "An empty program"
        await settle(pilot)
        dialog = h.app.screen
        assert isinstance(dialog, OpenProgramDialog)
        dialog.query_one(Input).value = "anna-week-1.toml"
        await pilot.press("enter")
        await h.app.workers.wait_for_complete()
        await settle(pilot)
        builder = h.app.screen
        assert isinstance(builder, BuilderScreen)
        assert builder.draft.name == "Anna, week 1"
        assert [item.drill.id for item in builder.draft.items] == ["pelvic-tilt", "walking"]
