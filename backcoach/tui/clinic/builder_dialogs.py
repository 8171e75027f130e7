"""The program builder's dialogs: pick a drill, open or choose a file, leave unsaved.

Choosing a file and leaving are the generic write-file and yes/no dialogs
of :mod:`backcoach.tui.dialogs`, shaped for a program file.

They are modal so nothing in the program changes behind them while they
are open (a file is written from a worker thread while the dialog waits).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.content.browse import drill_matches
from backcoach.content.describe import dose_text
from backcoach.content.errors import ContentError
from backcoach.content.library import Library
from backcoach.content.model import Drill, Program
from backcoach.content.programs import parse_program
from backcoach.content.toml_input import read_text
from backcoach.tui.dialogs.ask import AskScreen
from backcoach.tui.dialogs.base import Dialog
from backcoach.tui.dialogs.write_file import WriteFileDialog


def picker_options(drills: Iterable[Drill], typed: str) -> list[Option]:
    """The drills that match ``typed``, under a (disabled) heading per category."""
    options: list[Option] = []
    category = ""
    for drill in drills:
        if not drill_matches(drill, typed):
            continue
        if drill.category != category:
            category = drill.category
            options.append(Option(Text(category.upper(), style="bold"), disabled=True))
        prompt = Text(drill.name)
        prompt.append(f"  {drill.kind.replace('_', ' ')} · {dose_text(drill)}", style="dim")
        options.append(Option(prompt, id=drill.id))
    return options


class DrillPicker(Dialog[str | None]):
    """Choose a library drill; dismissed with its id, or None."""

    DEFAULT_CLASSES = "-fill"
    DEFAULT_CSS = """
    DrillPicker #picker-list { height: 1fr; border: none; padding: 0; }
    DrillPicker #picker-list > .option-list--option-disabled { color: $primary; }
    DrillPicker #picker-purpose { height: 2; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
    ]

    def __init__(self, drills: Iterable[Drill]) -> None:
        super().__init__()
        self.drills = tuple(drills)
        self.by_id = {drill.id: drill for drill in self.drills}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog-box"):
            yield Static("Add a drill", classes="dialog-title")
            yield Input(placeholder="type to filter: name, category, kind", id="picker-filter")
            yield OptionList(*picker_options(self.drills, ""), id="picker-list")
            yield Static("", id="picker-purpose", markup=False)
            yield Static("enter = add    up/down = choose    escape = cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self._highlight_best("")
        self.query_one(Input).focus()

    def _highlight_best(self, typed: str) -> None:
        """The first drill whose name starts with what was typed ("walk" is
        Walking, not Monster walk), else the first that matches at all."""
        options = self.query_one(OptionList)
        wanted = typed.strip().casefold()
        starts = [
            index
            for index, option in enumerate(options.options)
            if wanted and option.id and self.by_id[option.id].name.casefold().startswith(wanted)
        ]
        if starts:
            options.highlighted = starts[0]
        else:
            options.action_first()
        self._describe()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(OptionList).set_options(picker_options(self.drills, event.value))
        self._highlight_best(event.value)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe()

    def _describe(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        purpose = self.query_one("#picker-purpose", Static)
        if option is None or option.id is None:
            purpose.update("No drill matches. Backspace to widen the search.")
        else:
            purpose.update(self.by_id[option.id].purpose)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()

    def action_page(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_page_down() if delta > 0 else options.action_page_up()  # type: ignore[no-untyped-call]  # Textual 8 leaves these two unannotated

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PathDialog(WriteFileDialog[Path]):
    """Ask for a file, write it with ``write`` in a worker, dismiss with its full path.

    A relative name is taken from the current folder; a folder gets
    ``default_name``; a name without a suffix gets the first of ``suffixes``.
    An existing file is only replaced after a second ``enter``, unless it
    is ``replace_ok`` (the file this program was last saved to).
    """

    def __init__(
        self,
        title: str,
        lead: str,
        initial: str,
        default_name: str,
        suffixes: tuple[str, ...],
        write: Callable[[Path], object],
        replace_ok: Path | None = None,
    ) -> None:
        def write_then_path(path: Path) -> Path:
            write(path)
            return path

        super().__init__(title, lead, initial, write_then_path, ask_before_replacing=True, replace_ok=replace_ok)
        self.default_name = default_name
        self.suffixes = suffixes

    def target(self, text: str) -> Path:
        """Where ``text`` points, as a full path; ValueError with a sentence if unusable."""
        path = Path(text).expanduser()
        if path.is_dir():
            path = path / self.default_name
        elif not path.suffix:
            path = path.with_name(path.name + self.suffixes[0])
        elif path.suffix.lower() not in self.suffixes:
            raise ValueError("Use a file name ending in " + " or ".join(self.suffixes) + ".")
        return path.absolute()


class LeaveDialog(AskScreen):
    """Leave the builder with unsaved changes? ``y`` leaves, ``n``/``escape`` stays."""

    def __init__(self, name: str) -> None:
        super().__init__(
            "Leave without saving?",
            f"Your changes to {name or 'this program'} are not saved.",
            "leave and discard them",
            "stay (then ctrl+s saves)",
            enter_says_no=False,
        )
        self.program_name = name


def read_program(text: str, library: Library) -> Program:
    """The program file ``text`` names, checked in full; ContentError names it as typed."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise ValueError(f"{text} is a folder: type the name of a program file (.toml).")
    return parse_program(read_text(path, text), text, library, origin="file", path=str(path.absolute()))


class OpenProgramDialog(Dialog[Program | None]):
    """Open a program file as the starting point; dismissed with the program, or None.

    The file is read and checked on a worker (a slow disk must not freeze the
    screen); every problem is listed in the validator's words, naming the
    file as typed, and the dialog stays open so the path can be fixed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static("Open a program file", classes="dialog-title")
            yield Static(
                "Start from a program file (.toml): the builder edits a copy, and saving asks for a new name.",
                markup=False,
            )
            yield Static(f"Folder: {Path.cwd()}", classes="dialog-hint", markup=False)
            yield Input(placeholder="week-1.toml", id="open-path")
            yield Static("", id="open-error", classes="dialog-error", markup=False)
            yield Static("enter = open    escape = cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#open-error").display = False
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.fail("Type the name of a program file to open.")
            return
        self.query_one(Input).disabled = True
        app = self.app

        def read() -> None:
            try:
                program = read_program(text, self.library)
            except (ContentError, ValueError) as error:
                app.call_from_thread(self.fail, str(error))
                return
            app.call_from_thread(self._opened, program)

        self.run_worker(read, thread=True, exclusive=True, group="open-file", description="open a program file")

    def _opened(self, program: Program) -> None:
        if self.is_attached:
            self.dismiss(program)

    def fail(self, message: str) -> None:
        """The problems under the path, and the field back in the person's hands."""
        if not self.is_attached:
            return
        error = self.query_one("#open-error", Static)
        error.update(message)
        error.display = True
        field = self.query_one(Input)
        field.disabled = False
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
