"""The clinic's import over a program the physiotherapist locked: a dialog that
names the lock and shows what would change, whose default (enter) keeps the
physio's program, and that replaces it only by a deliberate choice. The
import dialog shows the folder a name alone is read from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ready, settle, text_of
from test_clinic import GOOD_PROGRAM, import_file, open_clinic
from textual.widgets import Button, Static

from backcoach.tui.clinic.browser import ClinicScreen
from backcoach.tui.clinic.dialogs import ImportProgramScreen
from backcoach.tui.clinic.replace_locked import KEEP, REPLACE, ReplaceLockedScreen

# The patient's edit of the physio's locked program: the lock off, more reps.
EDITED = GOOD_PROGRAM.replace("locked = true\n", "").replace("reps = 4", "reps = 10")


async def locked_then_edited(h: Any, pilot: Any, tmp_path: Path) -> Path:
    """Install the locked program, then import the edited one over it."""
    first = tmp_path / "physio.toml"
    first.write_text(GOOD_PROGRAM, encoding="utf-8")
    edited = tmp_path / "mine.toml"
    edited.write_text(EDITED, encoding="utf-8")
    await open_clinic(h, pilot)
    await import_file(pilot, first)
    await import_file(pilot, edited)
    return edited


def changes_shown(screen: ReplaceLockedScreen) -> str:
    return str(screen.query_one("#locked-changes Static", Static).render())


async def test_the_dialog_names_the_lock_and_shows_the_changes(
    make_harness: Any, data_dir: Path, tmp_path: Path
) -> None:
    h = make_harness()
    async with h.app.run_test(size=(100, 40)) as pilot:
        await locked_then_edited(h, pilot, tmp_path)
        screen = h.app.screen
        assert isinstance(screen, ReplaceLockedScreen)
        assert text_of(screen, ".question") == "This replaces a program locked by the physiotherapist."
        assert changes_shown(screen) == "  - locked: yes -> no\n  - Cat-camel: 4 -> 10 reps"
        focused = h.app.focused
        assert isinstance(focused, Button) and str(focused.label) == KEEP


@pytest.mark.parametrize("keys", [["enter"], ["escape"], ["n"], ["y"], ["space"]], ids=str)
async def test_the_default_and_stray_keys_keep_the_physios_program(
    make_harness: Any, data_dir: Path, tmp_path: Path, keys: list[str]
) -> None:
    h = make_harness()
    async with h.app.run_test(size=(100, 40)) as pilot:
        await locked_then_edited(h, pilot, tmp_path)
        assert isinstance(h.app.screen, ReplaceLockedScreen)
        await pilot.press(*keys)
        await ready(pilot)
        installed = data_dir / "programs" / "knee-rehab.toml"
        assert installed.read_text(encoding="utf-8") == GOOD_PROGRAM
        program = next(p for p in h.app.services.programs if p.id == "knee-rehab")
        assert program.locked
        if keys in (["y"], ["space"]):  # not an answer here: the question stays
            assert isinstance(h.app.screen, ReplaceLockedScreen)
        else:
            assert isinstance(h.app.screen, ImportProgramScreen)
            assert "Nothing changed" in text_of(h.app.screen, "#import-error")


async def test_a_deliberate_choice_replaces_it(make_harness: Any, data_dir: Path, tmp_path: Path) -> None:
    h = make_harness()
    async with h.app.run_test(size=(100, 40)) as pilot:
        await locked_then_edited(h, pilot, tmp_path)
        assert isinstance(h.app.screen, ReplaceLockedScreen)
        await pilot.press("tab")
        focused = h.app.focused
        assert isinstance(focused, Button) and str(focused.label) == REPLACE
        await pilot.press("enter")
        await ready(pilot)
        assert (data_dir / "programs" / "knee-rehab.toml").read_text(encoding="utf-8") == EDITED
        program = next(p for p in h.app.services.programs if p.id == "knee-rehab")
        assert not program.locked and program.items[0].drill.dosage.reps == 10
        assert isinstance(h.app.screen, ClinicScreen)


async def test_the_import_dialog_shows_its_folder(
    make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("anna.toml").write_text(GOOD_PROGRAM, encoding="utf-8")
    h = make_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("i")
        await settle(pilot)
        dialog = h.app.screen
        assert isinstance(dialog, ImportProgramScreen)
        assert text_of(dialog, "#import-folder") == f"Folder: {tmp_path}"
        dialog.query_one("#import-path").value = "anna.toml"  # a name alone: read from that folder
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(h.app.screen, ClinicScreen)
        assert any(p.id == "knee-rehab" for p in h.app.services.programs)


async def test_the_import_dialog_names_a_bad_file_as_typed(
    make_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("clinic").mkdir()
    Path("clinic/anna.toml").write_text(GOOD_PROGRAM.replace("locked = true", "locked = ture"), encoding="utf-8")
    h = make_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_clinic(h, pilot)
        await pilot.press("i")
        await settle(pilot)
        dialog = h.app.screen
        assert isinstance(dialog, ImportProgramScreen)
        dialog.query_one("#import-path").value = "clinic/anna.toml"
        await pilot.press("enter")
        await ready(pilot)
        assert h.app.screen is dialog
        shown = text_of(dialog, "#import-error")
        assert shown.startswith("clinic/anna.toml: ") and "must be true or false" in shown


@pytest.mark.parametrize(
    ("locked", "name"),
    [(True, "knee-rehab.toml"), (False, "knee-rehab.toml"), (True, "aa.toml")],
    ids=["over-locked", "over-unlocked", "beside-locked"],
)
async def test_the_builder_never_saves_into_the_installed_programs(
    make_harness: Any, data_dir: Path, locked: bool, name: str
) -> None:
    """Installing goes through the import, which checks the lock and shows what changes: the builder
    saves nowhere in the installed programs' folder (a copy beside a locked program, ``aa.toml``,
    would be read before it and undo the lock)."""
    from test_builder import open_builder

    from backcoach.content.library import default_library
    from backcoach.content.programs import parse_program
    from backcoach.tui.clinic.builder_dialogs import PathDialog

    text = GOOD_PROGRAM if locked else GOOD_PROGRAM.replace("locked = true\n", "")
    folder = data_dir / "programs"
    folder.mkdir(parents=True)
    (folder / "knee-rehab.toml").write_text(text, encoding="utf-8")
    program = parse_program(EDITED, "mine.toml", default_library())
    h = make_harness()
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_builder(h, pilot, program)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = h.app.screen
        assert isinstance(dialog, PathDialog)
        dialog.query_one("#path-input").value = str(folder / name)
        await pilot.press("enter")  # over an existing file: "already exists. Press enter again to replace it."
        await ready(pilot)
        if h.app.screen is dialog and "already exists" in text_of(dialog, "#path-error"):
            await pilot.press("enter")
            await ready(pilot)
        assert h.app.screen is dialog
        assert "import it" in text_of(dialog, "#path-error")
        assert sorted(p.name for p in folder.iterdir()) == ["knee-rehab.toml"]
        assert (folder / "knee-rehab.toml").read_text(encoding="utf-8") == text


def test_the_plain_replace_question_lists_a_few_changes_and_counts_the_rest() -> None:
    from backcoach.tui.clinic.dialogs import ReplaceProgramScreen

    screen = ReplaceProgramScreen("anna", [f"change {n}" for n in range(1, 12)])
    assert screen.detail.splitlines()[-2:] == ["  - change 8", "  - and 3 more"]
    assert "What changes:" in ReplaceProgramScreen("anna", ["one"]).detail
    assert "What changes" not in ReplaceProgramScreen("anna").detail


@pytest.mark.parametrize("size", [(80, 24), (100, 40)], ids=str)
async def test_many_changes_scroll_and_the_buttons_stay_on_screen(size: tuple[int, int]) -> None:
    from test_dialogs import Host

    dialog = ReplaceLockedScreen("Anna week 1 (anna)", "mine.toml", [f"change {n}" for n in range(1, 41)])
    app = Host(dialog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for button in dialog.query(Button):
            region = button.region
            assert region.height > 0 and region.bottom <= size[1] and region.right <= size[0]
        keys = dialog.query_one(".dialog-keys", Static).region
        assert keys.height > 0 and keys.bottom <= size[1]
