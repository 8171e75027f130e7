"""Clinic dialogs: what to start a new program from, and installing a program file.

Installing goes through the same ``import_program`` as ``backcoach programs
import``, on a worker thread: the file is validated in full before anything
is written (in bounded time and memory, whatever it holds), every problem is
listed in the dialog (which stays open so the path can be fixed), and an id
that is already installed is replaced only after a yes, with what would
change shown; one the physiotherapist locked only by a deliberate choice in
its own dialog (:mod:`backcoach.tui.clinic.replace_locked`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.content.model import Program
from backcoach.tui.clinic.replace_locked import ReplaceLockedScreen
from backcoach.tui.dialogs.ask import AskScreen
from backcoach.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from backcoach.content.errors import ProgramExists
    from backcoach.tui.app import BackcoachApp

#: The start-from list's first option: a program with no drills yet.
EMPTY = "__empty__"
#: The start-from list's second: a program file, opened as the starting point (the builder's ``o``).
FROM_FILE = "__file__"

def program_installed(app: BackcoachApp, program: Program) -> None:
    """An imported program replaces any with its id (as on disk) and is listed at once."""
    from backcoach.content.catalog import with_installed

    app.services.programs[:] = with_installed(app.services.programs, program)
    app.notify(f"Installed {program.name}: it is on the home screen.", timeout=5)


class StartFromScreen(Dialog[str | None]):
    """Dismissed with ``EMPTY``, ``FROM_FILE`` or the id of the program to copy; ``None`` cancels."""

    DEFAULT_CSS = """
    StartFromScreen OptionList { height: auto; max-height: 14; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, programs: Sequence[Program]) -> None:
        super().__init__()
        self.programs = list(programs)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static("Build a program", classes="dialog-title")
            yield Static("Start empty, from a file, or from a copy of a program (enter picks).", classes="dialog-hint")
            options = [Option("An empty program", id=EMPTY), Option("From a file (.toml)", id=FROM_FILE)]
            options += [Option(Text(f"From: {p.name}"), id=p.id) for p in self.programs]
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def shown_folder() -> str:
    """The folder a relative path is read from, as the save dialog shows it."""
    return str(Path.cwd())


class ImportProgramScreen(Dialog[None]):
    """Ask for a program file's path and install it for this user."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static("Import a program file", classes="dialog-title")
            yield Static(
                "The program is checked in full, then installed for this user and listed on the "
                "home screen. enter imports, escape cancels.",
                classes="dialog-hint",
            )
            # Like the save dialog: a name alone is looked for here. Paths may hold anything: never markup.
            yield Static(f"Folder: {shown_folder()}", id="import-folder", classes="dialog-hint", markup=False)
            yield Input(placeholder="path/to/program.toml", id="import-path")
            yield Static(id="import-error", classes="dialog-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#import-error").display = False
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._show_error("Type the path of a program file (.toml).")
            return
        self._install(Path(text).expanduser(), label=text)

    def _install(
        self, path: Path, *, replace: bool = False, replace_locked: bool = False, label: str | None = None
    ) -> None:
        """Check and install the file on a worker thread: reading and parsing a
        file the person chose (possibly on a slow disk, possibly hostile) must
        never hold up the screen. The field is disabled until the answer comes."""
        from backcoach.content.errors import ContentError, ProgramExists
        from backcoach.content.programs import import_program

        library = self.backcoach.services.library
        app = self.app
        self.query_one(Input).disabled = True

        def check() -> None:
            try:
                program = import_program(path, library, replace=replace, replace_locked=replace_locked)
            except ProgramExists as exists:
                app.call_from_thread(self._ask_replace, path, exists, change_lines(exists))
            except ContentError as exc:
                # Named as typed, as on the command line: two anna.toml in different folders are told apart.
                named = exc.relabelled(path.name, label) if label else exc
                app.call_from_thread(self._show_error, "\n".join(str(p) for p in named.problems))
            except Exception as exc:  # noqa: BLE001 - shown as one sentence, the dialog stays
                app.call_from_thread(self._show_error, f"Could not import {path}: {exc}.")
            else:
                app.call_from_thread(self._installed, program)

        self.run_worker(check, thread=True, exclusive=True, group="import", description="import")

    def _installed(self, program: Program) -> None:
        program_installed(self.backcoach, program)
        if self.is_attached:
            self.dismiss(None)

    def _ask_replace(self, path: Path, exists: ProgramExists, changes: list[str]) -> None:
        """A locked program gets its own dialog, whose default keeps it; any other, the one yes/no."""

        def answered(replace: bool | None) -> None:
            if replace:
                self._install(path, replace=True, replace_locked=exists.locked, label=str(path))
            else:
                self._show_error(f"Nothing changed: {exists.program_id!r} is still the program installed before.")

        if exists.locked:
            self.app.push_screen(ReplaceLockedScreen(installed_name(exists), path.name, changes), answered)
        else:
            self.app.push_screen(ReplaceProgramScreen(exists.program_id, changes), answered)

    def _show_error(self, message: str) -> None:
        if not self.is_attached:  # cancelled while checking
            self.app.notify(message, severity="error", timeout=10, markup=False)
            return
        error = self.query_one("#import-error", Static)
        error.update(message)
        error.display = True
        field = self.query_one(Input)
        field.disabled = False
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


def installed_name(exists: ProgramExists) -> str:
    installed = exists.installed
    return f"{installed.name} ({installed.id})" if installed is not None else repr(exists.program_id)


def change_lines(exists: ProgramExists) -> list[str]:
    """What the file would change in the installed program (``content.program_diff``)."""
    from backcoach.content.program_diff import diff_lines

    if exists.installed is None or exists.incoming is None:
        return [f"The installed file no longer reads as a program ({exists.installed_problem})."]
    return diff_lines(exists.installed, exists.incoming)


class ReplaceProgramScreen(AskScreen):
    """``y`` replaces the installed program with the same id; ``n``/escape keeps it."""

    #: Changes listed in the question; the rest are counted, so its keys stay on screen.
    SHOWN_CHANGES = 8

    def __init__(self, program_id: str, changes: Sequence[str] = ()) -> None:
        shown = list(changes[: self.SHOWN_CHANGES])
        if len(changes) > len(shown):
            shown.append(f"and {len(changes) - len(shown)} more")
        what = "".join(f"\n  - {line}" for line in shown)
        super().__init__(
            f"A program with id {program_id!r} is already installed.",
            "Replace it with this file?" + (f"\n\nWhat changes:{what}" if what else ""),
            "replace",
            "keep the installed one",
            enter_says_no=False,
        )
        self.program_id = program_id
