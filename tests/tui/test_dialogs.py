"""The generic dialogs (backcoach.tui.dialogs): one yes/no question, one
write-a-file dialog, one look, whatever asks through them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ready, text_of
from textual.app import App
from textual.widgets import Input

from backcoach.tui.clinic.builder_dialogs import DrillPicker, LeaveDialog, PathDialog
from backcoach.tui.clinic.dialogs import ImportProgramScreen, ReplaceProgramScreen, StartFromScreen
from backcoach.tui.dialogs.ask import AskScreen
from backcoach.tui.dialogs.base import Dialog
from backcoach.tui.dialogs.unsaved import UnsavedScreen
from backcoach.tui.dialogs.write_file import WriteFileDialog
from backcoach.tui.history.export import ExportScreen
from backcoach.tui.session.confirm_end import ConfirmEndScreen
from backcoach.tui.session.safety_date import CheckedDateScreen

OPEN = "still open"
TODAY = date(2026, 3, 30)


class Host(App[None]):
    """Nothing but the dialog under test, and what it answered."""

    def __init__(self, dialog: Dialog[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def ask(enter_says_no: bool) -> AskScreen:
    return AskScreen("Go on?", "Details.", "go on", "stop here", enter_says_no=enter_says_no)


@pytest.mark.parametrize(
    ("make", "key", "answer"),
    [
        (lambda: ask(True), "y", True),
        (lambda: ask(True), "n", False),
        (lambda: ask(True), "escape", False),
        (lambda: ask(True), "enter", False),  # no is the safe answer: enter says it
        (lambda: ask(False), "y", True),
        (lambda: ask(False), "n", False),
        (lambda: ask(False), "escape", False),
        (lambda: ask(False), "enter", OPEN),  # neither answer is safer: enter decides nothing
        (lambda: ask(True), "x", OPEN),
        (ConfirmEndScreen, "enter", OPEN),
        (ConfirmEndScreen, "y", True),
        (lambda: ReplaceProgramScreen("anna"), "enter", OPEN),
        (lambda: ReplaceProgramScreen("anna"), "y", True),
        (lambda: LeaveDialog("Anna"), "enter", OPEN),
        (lambda: LeaveDialog("Anna"), "n", False),
    ],
)
async def test_every_yes_no_question_answers_to_the_same_keys(make: Any, key: str, answer: object) -> None:
    app = Host(make())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        if answer is OPEN:
            assert app.screen is app.dialog and app.answers == []
        else:
            assert app.answers == [answer]


@pytest.mark.parametrize(
    ("dialog", "keys"),
    [
        (ask(True), "y = go on    enter or n = stop here"),
        (ask(False), "y = go on    n = stop here"),
        (LeaveDialog(""), "y = leave and discard them    n = stay (then ctrl+s saves)"),
    ],
)
async def test_a_question_names_its_keys(dialog: AskScreen, keys: str) -> None:
    app = Host(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert text_of(dialog, ".question") == dialog.question
        assert str(dialog.query(".dialog-box > *").last().render()).endswith(keys)


class Recorder:
    """A ``write`` for the dialog: records the path, or fails with ``error``."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> str:
        if self.error is not None:
            raise self.error
        self.paths.append(path)
        path.write_text("written")
        return f"wrote {path.name}"


async def submit(pilot: Any, dialog: WriteFileDialog[Any], text: str) -> None:
    dialog.query_one(Input).value = text
    await pilot.pause()
    await pilot.press("enter")
    await ready(pilot)


async def test_write_file_dismisses_with_what_was_written(tmp_path: Path) -> None:
    write = Recorder()
    dialog = WriteFileDialog("Save", "Where to:", str(tmp_path / "a.txt"), write)
    app = Host(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert dialog.query_one(Input).has_focus
        await pilot.press("enter")
        await ready(pilot)
        assert app.answers == ["wrote a.txt"] and write.paths == [tmp_path / "a.txt"]


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (FileNotFoundError(2, "No such file or directory"), "No such file or directory."),
        (ValueError("the disk said no"), "the disk said no."),
    ],
)
async def test_a_failed_write_is_one_sentence_and_the_path_comes_back(
    tmp_path: Path, error: Exception, sentence: str
) -> None:
    dialog = WriteFileDialog("Save", "Where to:", "", Recorder(error))
    app = Host(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not dialog.query_one("#path-error").display
        await submit(pilot, dialog, "")
        assert text_of(dialog, "#path-error") == "Type a file name to save to."
        await submit(pilot, dialog, str(tmp_path / "b.txt"))
        assert text_of(dialog, "#path-error") == f"Could not write {tmp_path / 'b.txt'}: {sentence}"
        field = dialog.query_one(Input)
        assert app.screen is dialog and not field.disabled and field.has_focus


async def test_asking_before_replacing_takes_a_second_enter(tmp_path: Path) -> None:
    existing = tmp_path / "c.txt"
    existing.write_text("keep me")
    write = Recorder()
    dialog = WriteFileDialog("Save", "Where to:", str(existing), write, ask_before_replacing=True)
    app = Host(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await ready(pilot)
        assert text_of(dialog, "#path-error") == f"{existing} already exists. Press enter again to replace it."
        assert existing.read_text() == "keep me"
        await pilot.press("enter")
        await ready(pilot)
        assert app.answers == ["wrote c.txt"] and existing.read_text() == "written"


async def test_escape_cancels_without_writing(tmp_path: Path) -> None:
    write = Recorder()
    app = Host(WriteFileDialog("Save", "Where to:", str(tmp_path / "d.txt"), write))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await ready(pilot)
        assert app.answers == [None] and write.paths == [] and not (tmp_path / "d.txt").exists()


@pytest.mark.parametrize(
    ("dialog", "tone"),
    [
        (AskScreen("q", "d", "y", "n"), "-warning"),
        (ConfirmEndScreen(), "-warning"),
        (ReplaceProgramScreen("anna"), "-warning"),
        (LeaveDialog("Anna"), "-warning"),
        (CheckedDateScreen("A sign", TODAY), "-warning"),
        (UnsavedScreen(), "-error"),
        (StartFromScreen([]), "-primary"),
        (ImportProgramScreen(), "-primary"),
        (DrillPicker([]), "-primary"),
        (PathDialog("Save", "lead", "x.toml", "x.toml", (".toml",), write=lambda path: None), "-primary"),
        (ExportScreen([], TODAY, {}, {}), "-primary"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Dialog) else value,
)
def test_every_dialog_has_the_one_look_and_a_tone(dialog: Dialog[Any], tone: str) -> None:
    """One stylesheet (dialogs.tcss) styles them all; a tone only colours the border."""
    assert isinstance(dialog, Dialog)
    assert dialog.css_path == [Path(Dialog.CSS_PATH)]  # type: ignore[arg-type]  # Dialog sets one absolute path
    tones = {c for c in dialog.classes if c in ("-warning", "-error")}
    assert tones == ({tone} if tone != "-primary" else set())
