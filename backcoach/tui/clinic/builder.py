"""Program builder: a physiotherapist makes or adapts a program for one patient.

Opened from Clinic, empty or from any program, or (``o``) from a program
file as the starting point for the next one. Left: the program's drills in
session order. Right: the chosen drill's dose (only the settings its kind
takes, each with its bounds and the library's default), then what the
physio should know about it (cautions, equipment, direction, an easier
version). The program's own settings are one key away (``s``). Every edit
goes straight into a :class:`ProgramDraft` through a field that refuses a
value outside the program-file validator's bounds as it was typed; saving
renders the file and reads it back through the validator, so what is
written always passes ``backcoach programs validate``. What is saved and
written (the program file, the handout, a file opened as a start) is in
:mod:`backcoach.tui.clinic.builder_files`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from backcoach.coach.words import plural
from backcoach.content.builder import ProgramDraft, parse_override
from backcoach.content.builder_advice import drill_facts, program_warnings
from backcoach.content.describe import dose_text, duration_text
from backcoach.content.model import Program
from backcoach.content.programs import MAX_DRILLS
from backcoach.tui.clinic.builder_dialogs import DrillPicker, LeaveDialog
from backcoach.tui.clinic.builder_fields import CheckedInput, FieldRow, dose_rows, fill_dose_fields, item_prompt
from backcoach.tui.clinic.builder_files import ProgramFiles
from backcoach.tui.clinic.builder_settings import SettingsDialog
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

#: Keys that type into a field; they act on the drill list only when no field has focus.
LIST_ACTIONS = frozenset({"add", "remove", "move", "handout", "demo", "settings", "open_file"})


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
        Binding("d", "demo", "Demo"),
        Binding("s", "settings", "Settings"),
        Binding("o", "open_file", "Open"),
        Binding("ctrl+s", "save", "Save"),
        Binding("p", "handout", "Handout"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, start_from: Program | None = None) -> None:
        super().__init__()
        self.start_from = start_from
        self._draft: ProgramDraft | None = None
        #: Where the program was opened from, saved to, and handed out as.
        self.files = ProgramFiles(self)

    @property
    def saved_program(self) -> Program | None:
        """The program as last saved (what the screen is dismissed with)."""
        return self.files.saved_program

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    @property
    def draft(self) -> ProgramDraft:
        if self._draft is None:
            library = self.backcoach.services.library
            start = self.start_from
            self._draft = ProgramDraft.empty(library) if start is None else ProgramDraft.from_program(start, library)
        return self._draft

    def start_over(self, draft: ProgramDraft) -> None:
        """Edit ``draft`` from now on (a program file opened as the starting point)."""
        self._draft = draft
        self._refresh_list(0 if draft.items else None)
        self.query_one("#builder-drills").focus()

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
                yield Static("No drills yet.\nPress a to add one, or o to open a program file.", id="builder-empty")
                yield OptionList(id="builder-drills")
            with VerticalScroll(id="builder-right"):
                yield Static("", id="drill-title", classes="subheading", markup=False)
                yield Static("", id="drill-about", markup=False)
                with Vertical(id="dose-fields"):
                    yield from dose_rows(self._take_dose)
                yield Static("", id="drill-facts", markup=False)
        yield Static("", id="builder-warnings", markup=False)
        yield Static("", id="builder-message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#builder-drills").border_title = "Drills"
        self.query_one("#builder-message").display = False
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
        self.refresh_summary()

    def refresh_summary(self) -> None:
        draft = self.draft
        count = len(draft.items)
        text = Text(draft.name or "New program", style="bold")  # the user's words: no markup
        text.append(f"  ·  {plural(count, 'drill')}")
        text.append(f"  ·  about {draft.estimated_minutes} min")
        text.append("  ·  Locked: yes" if draft.locked else "  ·  Locked: no")
        if draft.is_dirty:
            text.append("  ·  not saved", style="italic")
        self.query_one("#builder-summary", Static).update(text)
        warnings = program_warnings([item.drill for item in draft.items], locked=draft.locked)
        line = self.query_one("#builder-warnings", Static)
        line.update("\n".join(f"Note: {warning}" for warning in warnings))
        line.display = bool(warnings)
        self.refresh_bindings()

    def _show_drill(self) -> None:
        """Point the dose fields at the chosen drill (only the settings it takes)."""
        index = self.selected
        self._describe_drill()
        self.query_one("#dose-fields").display = index is not None
        facts = self.query_one("#drill-facts", Static)
        facts.display = index is not None
        if index is None:
            return
        item = self.draft.items[index]
        fill_dose_fields(self, item, self.draft.applicable(index))
        facts.update("\n".join(drill_facts(item.drill, self.backcoach.services.library)))

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

    def say(self, message: str, *, error: bool = False) -> None:
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

    def _take_dose(self, key: str, text: str) -> None:
        """A dose field's text into the chosen drill's overrides (empty: the library's dose)."""
        index = self.selected
        if index is None:
            return
        draft = self.draft
        if text:
            draft.set_override(index, key, parse_override(key, text))
        else:
            draft.clear_override(index, key)
        self.query_one("#builder-drills", OptionList).replace_option_prompt_at_index(
            index, item_prompt(index + 1, draft.items[index])
        )
        self._describe_drill()
        self.refresh_summary()

    def on_select_changed(self, event: Select.Changed) -> None:
        index = self.selected
        if index is None or event.select.id != "dose-exhale_on":
            return
        if event.value is Select.NULL:
            self.draft.clear_override(index, "exhale_on")
        else:
            self.draft.set_override(index, "exhale_on", event.value)
        self._refresh_list(index)

    def refused(self) -> str | None:
        """Why a field's text is not in the program, while one shows a refused value."""
        return next((field.problem for field in self.query(CheckedInput) if field.problem), None)

    # ---- actions ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_ACTIONS and isinstance(self.focused, Input):
            return False  # the key types into the field instead
        if action in ("remove", "move", "move_anywhere", "demo") and not self.draft.items:
            return None
        return True

    def action_add(self) -> None:
        if len(self.draft.items) >= MAX_DRILLS:
            self.say(f"A program holds at most {MAX_DRILLS} drills.", error=True)
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
        self.say(f"Added {self.draft.items[added].drill.name}. enter sets its dose.")

    def action_remove(self) -> None:
        index = self.selected
        if index is None:
            return
        removed = self.draft.remove(index)
        self._refresh_list(index)
        self.say(f"Removed {removed.drill.name}.")

    def action_move(self, delta: int) -> None:
        index = self.selected
        if index is None:
            return
        self._refresh_list(self.draft.move(index, delta))

    def action_move_anywhere(self, delta: int) -> None:
        """ctrl+up/down: move the chosen drill even while a dose field has focus."""
        self.action_move(delta)

    def action_demo(self) -> None:
        """``d``: the clinic's demo of the chosen drill, at the dose this program gives it."""
        index = self.selected
        if index is None:
            return
        from backcoach.tui.clinic.demo import demos_of  # the session screens load only for a demo

        demos_of(self.backcoach).start(self.draft.items[index].effective)

    def action_settings(self, note: str = "") -> None:
        """``s``: the program's own settings, from anywhere in the builder."""
        self.app.push_screen(SettingsDialog(self.draft, note, self.refresh_summary), callback=self._settings_closed)

    def _settings_closed(self, _result: object = None) -> None:
        self._refresh_list(self.selected)
        self.files.after_settings()

    def action_open_file(self) -> None:
        """``o``: a program file as the starting point (week 2 from week 1)."""
        self.files.open()

    def action_save(self) -> None:
        self.files.save()

    def action_handout(self) -> None:
        self.files.handout()

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
