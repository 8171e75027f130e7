"""Program builder: a physiotherapist makes or adapts a program for one patient.

Opened from Clinic, empty or from any program. Left: the program's drills in
session order. Right: the chosen drill's dose (only the settings its kind
takes, each with its bounds and the library's default) and the program's
own settings. Every edit goes straight into a :class:`ProgramDraft`, which
refuses a value outside the program-file validator's bounds where it was
typed; saving renders the file and reads it back through the validator, so
what is written always passes ``backcoach programs validate``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from backcoach.coach.words import plural
from backcoach.content.builder import (
    DraftError,
    ProgramDraft,
    parse_override,
)
from backcoach.content.describe import dose_text, duration_text
from backcoach.content.errors import ContentError
from backcoach.content.model import Program
from backcoach.content.programs import MAX_DRILLS
from backcoach.tui.clinic.builder_dialogs import DrillPicker, LeaveDialog, PathDialog
from backcoach.tui.clinic.builder_fields import (
    FIELD_NAMES,
    FieldRow,
    dose_rows,
    fill_dose_fields,
    fill_program_fields,
    item_prompt,
    program_rows,
    show_auto_id,
)
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

#: Keys that type into a field; they act on the drill list only when no field has focus.
LIST_ACTIONS = frozenset({"add", "remove", "move", "handout"})


def sentence(text: str) -> str:
    """The validator's words ("reps must be ...") as the start of a sentence."""
    return text[:1].upper() + text[1:]


class BuilderScreen(Screen[Program | None]):
    """Build a program; dismissed with the last saved Program, or None if never saved."""

    CSS_PATH = "builder.tcss"
    #: The app's -narrow/-wide, plus -tiny where a fixed settings column cannot fit.
    #: (Textual types it as an instance variable, so no ClassVar here.)
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (50, "-narrow"), (70, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("x,delete", "remove", "Remove", key_display="x"),
        Binding("left_square_bracket", "move(-1)", "Move", key_display="[ ]"),
        Binding("right_square_bracket", "move(1)", "Move down", show=False),
        Binding("ctrl+up", "move_anywhere(-1)", "Move up", show=False),
        Binding("ctrl+down", "move_anywhere(1)", "Move down", show=False),
        Binding("ctrl+s", "save", "Save"),
        Binding("p", "handout", "Handout"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, start_from: Program | None = None) -> None:
        super().__init__()
        self.start_from = start_from
        self.saved_program: Program | None = None
        self.saved_path: Path | None = None
        #: Field id -> why what it shows is not in the draft.
        self._invalid: dict[str, str] = {}

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    @cached_property
    def draft(self) -> ProgramDraft:
        library = self.backcoach.services.library
        if self.start_from is None:
            return ProgramDraft.empty(library)
        return ProgramDraft.from_program(self.start_from, library)

    @property
    def selected(self) -> int | None:
        """Index of the chosen drill in the program, if any."""
        index = self.query_one("#builder-drills", OptionList).highlighted
        return index if index is not None and index < len(self.draft.items) else None

    # ---- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Program builder", classes="heading")
        yield Static("", id="builder-summary")
        with Horizontal(id="builder-body"):
            with Vertical(id="builder-left"):
                yield Static("No drills yet.\nPress a to add one.", id="builder-empty")
                yield OptionList(id="builder-drills")
            with VerticalScroll(id="builder-right"):
                yield Static("", id="drill-title", classes="subheading", markup=False)
                yield Static("", id="drill-about", markup=False)
                with Vertical(id="dose-fields"):
                    yield from dose_rows()
                yield Static("Program", id="program-title", classes="subheading")
                yield from program_rows()
        yield Static("", id="builder-message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#builder-drills").border_title = "Drills"
        self.query_one("#builder-message").display = False
        fill_program_fields(self, self.draft)
        self._refresh_list(0 if self.draft.items else None)
        self.query_one("#builder-drills").focus()

    def _refresh_list(self, select: int | None) -> None:
        drills = self.query_one("#builder-drills", OptionList)
        items = self.draft.items
        drills.set_options(
            Option(item_prompt(number, item)) for number, item in enumerate(items, start=1)
        )
        self.query_one("#builder-empty").display = not items
        if select is not None and items:
            drills.highlighted = min(select, len(items) - 1)
        self._show_drill()
        self._update_summary()

    def _update_summary(self) -> None:
        draft = self.draft
        count = len(draft.items)
        text = Text(draft.name or "New program", style="bold")  # the user's words: no markup
        text.append(f"  ·  {plural(count, 'drill')}")
        text.append(f"  ·  about {draft.estimated_minutes} min")
        if draft.is_dirty:
            text.append("  ·  not saved", style="italic")
        self.query_one("#builder-summary", Static).update(text)
        self.refresh_bindings()

    def _show_drill(self) -> None:
        """Point the dose fields at the chosen drill (only the settings it takes)."""
        index = self.selected
        for field_id in [key for key in self._invalid if key.startswith("dose-")]:
            del self._invalid[field_id]
        self._describe_drill()
        fields = self.query_one("#dose-fields")
        fields.display = index is not None
        if index is None:
            return
        fill_dose_fields(self, self.draft.items[index], self.draft.applicable(index))

    def _describe_drill(self) -> None:
        """The chosen drill's name, kind, time with this dose, and the library's dose."""
        index = self.selected
        title = self.query_one("#drill-title", Static)
        about = self.query_one("#drill-about", Static)
        if index is None:
            title.update("No drill chosen")
            about.update("Add drills with a; choose one to set its dose.")
            return
        item = self.draft.items[index]
        drill = item.drill
        title.update(f"Drill {index + 1} of {len(self.draft.items)}: {drill.name}")
        minutes = duration_text(item.effective.estimated_seconds)
        kind = drill.kind.replace("_", " ")
        about.update(f"{kind}, about {minutes}\nLibrary dose: {dose_text(drill)}")

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#builder-message", Static)
        line.update(message)
        line.display = bool(message)
        line.set_class(error, "-error")
        line.set_class(not error, "-ok")

    # ---- editing ----------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_drill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` on a drill: go to its first dose field."""
        for row in self.query_one("#dose-fields").query(FieldRow):
            if row.display:
                row.field.focus()
                return

    def on_input_changed(self, event: Input.Changed) -> None:
        field_id = event.input.id or ""
        text = event.value.strip()
        draft = self.draft
        try:
            if field_id.startswith("dose-"):
                index = self.selected
                if index is None:
                    return
                key = field_id.removeprefix("dose-")
                if text:
                    draft.set_override(index, key, parse_override(key, text))
                else:
                    draft.clear_override(index, key)
                self.query_one("#builder-drills", OptionList).replace_option_prompt_at_index(
                    index, item_prompt(index + 1, draft.items[index])
                )
                self._describe_drill()
            elif field_id == "prog-name":
                draft.name = event.value
                show_auto_id(self, draft)
            elif field_id == "prog-id":
                draft.set_id(text or None)
            elif field_id == "prog-description":
                draft.description = event.value
            elif field_id == "prog-pain":
                draft.pain_limit = int(text) if text else None
            elif field_id == "prog-days":
                draft.days_per_week = int(text) if text else None
        except DraftError as error:
            name = FIELD_NAMES.get(field_id)
            problem = f"{name} {error.reason}" if name and error.setting else str(error)
            self._invalid[field_id] = problem
            event.input.add_class("-invalid")
            self._say(f"{sentence(problem)}.", error=True)
            return
        if self._invalid.pop(field_id, None) is not None:
            event.input.remove_class("-invalid")
            self._say("")
        self._update_summary()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """A field left with a refused value goes back to what the program holds."""
        field = event.widget
        if isinstance(field, Input) and field.id in self._invalid:
            problem = self._invalid.pop(field.id)
            field.remove_class("-invalid")
            if field.id.startswith("dose-"):
                self._show_drill()
            else:
                fill_program_fields(self, self.draft)
            self._say(f"{sentence(problem)}; kept the value before.", error=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        index = self.selected
        if index is None or event.select.id != "dose-exhale_on":
            return
        if event.value is Select.NULL:
            self.draft.clear_override(index, "exhale_on")
        else:
            self.draft.set_override(index, "exhale_on", event.value)
        self._refresh_list(index)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.draft.locked = event.value
        self._update_summary()

    # ---- actions ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_ACTIONS and isinstance(self.focused, Input):
            return False  # the key types into the field instead
        if action in ("remove", "move", "move_anywhere") and not self.draft.items:
            return None
        return True

    def action_add(self) -> None:
        if len(self.draft.items) >= MAX_DRILLS:
            self._say(f"A program holds at most {MAX_DRILLS} drills.", error=True)
            return
        picker = DrillPicker(self.backcoach.services.library.values())
        self.app.push_screen(picker, callback=self._add_picked)

    def _add_picked(self, drill_id: str | None) -> None:
        """A new drill goes after the chosen one, so a run of adds keeps its order."""
        if drill_id is None:
            return
        index = self.selected
        added = self.draft.add(drill_id, at=None if index is None else index + 1)
        self._refresh_list(added)
        self.query_one("#builder-drills").focus()
        self._say(f"Added {self.draft.items[added].drill.name}. enter sets its dose.")

    def action_remove(self) -> None:
        index = self.selected
        if index is None:
            return
        removed = self.draft.remove(index)
        self._refresh_list(index)
        self._say(f"Removed {removed.drill.name}.")

    def action_move(self, delta: int) -> None:
        index = self.selected
        if index is None:
            return
        self._refresh_list(self.draft.move(index, delta))

    def action_move_anywhere(self, delta: int) -> None:
        """ctrl+up/down: move the chosen drill even while a dose field has focus."""
        self.action_move(delta)

    def _valid_program(self, doing: str) -> Program | None:
        """The draft as a program, or None after saying what stops ``doing``."""
        if self._invalid:
            problem = next(iter(self._invalid.values()))
            self._say(f"Cannot {doing} yet: {problem}.", error=True)
            return None
        try:
            return self.draft.to_program()
        except ContentError as error:
            problems = "; ".join(f"{p.where}: {p.message}" for p in error.problems)
            self._say(f"Cannot {doing} yet: {problems}.", error=True)
            return None

    def action_save(self) -> None:
        if self._valid_program("save") is None:
            return
        name = f"{self.draft.id}.toml"
        dialog = PathDialog(
            "Save the program",
            "Save to this program file (a name alone saves in the folder below):",
            str(self.saved_path) if self.saved_path else name,
            name,
            (".toml",),
            write=self._save_unless_locked,
            replace_ok=self.saved_path,
        )
        self.app.push_screen(dialog, callback=self._saved)

    def _save_unless_locked(self, path: Path) -> Program:
        """Save, except over an installed program the physiotherapist locked: that one
        is replaced only through the import, which shows what changes and asks plainly."""
        from backcoach import paths
        from backcoach.content.programs import installed_lock

        if path.parent.resolve() == paths.programs_dir().resolve() and path.is_file():
            if installed_lock(path, self.backcoach.services.library)[1]:
                raise ValueError(
                    "it is an installed program locked by the physiotherapist; save it in another folder, "
                    "then import it (i in the clinic) to see what changes and choose"
                )
        return self.draft.save(path)

    def _saved(self, path: Path | None) -> None:
        if path is None:
            return
        self.saved_path = path
        self.saved_program = replace(self.draft.to_program(path.name), path=str(path))
        self._update_summary()
        self._say(f"Saved to {path}")

    def action_handout(self) -> None:
        program = self._valid_program("make a handout")
        if program is None:
            return
        from backcoach.reports.handout import write_handout  # only when a handout is asked for

        def write(path: Path) -> None:
            write_handout(program, "md" if path.suffix.lower() == ".md" else "html", path)

        dialog = PathDialog(
            "Write a handout",
            "A printable sheet of this program (.html; .md for Markdown):",
            f"{program.id}-handout.html",
            f"{program.id}-handout.html",
            (".html", ".htm", ".md"),
            write=write,
        )
        self.app.push_screen(dialog, callback=self._handout_written)

    def _handout_written(self, path: Path | None) -> None:
        if path is not None:
            self._say(f"Handout written to {path}")

    def action_back(self) -> None:
        """From a field, back to the drill list; from the list, leave (asking if unsaved)."""
        drills = self.query_one("#builder-drills", OptionList)
        if self.focused is not None and self.focused is not drills:
            drills.focus()
            return
        if self.draft.is_dirty:
            self.app.push_screen(LeaveDialog(self.draft.name), callback=self._leave)
        else:
            self.dismiss(self.saved_program)

    def _leave(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(self.saved_program)
