"""The program's own settings, one key (``s``) from anywhere in the builder.

Name, id, description, pain limit, days per week, locked, adapt, and who
the program is for (patient, clinician, review date) with the clinician's
private notes. Every field is a :class:`CheckedInput` on the draft itself,
so a refusal is the validator's sentence under the field and leaving it
puts back the value from before; nothing waits for an "OK" button.

``Locked`` is a button, not a checkbox: the one setting that changes what
the patient's app may do never flips on a stray key. Pressing it asks,
and says what locking means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Checkbox, Input, Static, TextArea

from backcoach.content.builder import DraftError, ProgramDraft, slugify
from backcoach.content.builder_input import parse_date, parse_whole
from backcoach.content.program_meta import NAME_MAX, NOTES_MAX
from backcoach.content.programs import DAYS_PER_WEEK_BOUNDS, PAIN_LIMIT_BOUNDS
from backcoach.content.validate import text_problem
from backcoach.tui.clinic.builder_fields import CheckedInput, FieldRow, sentence
from backcoach.tui.dialogs.ask import AskScreen
from backcoach.tui.dialogs.base import Dialog

LOCKED_YES = "Locked: yes — the patient's app will not raise doses"
LOCKED_NO = "Locked: no"
#: What locking means, said before it is changed (README "Locked programs").
LOCK_MEANS = (
    "A locked program keeps the doses you set: the patient's app never raises one, "
    "the pain check offers the easier version at every check, and the patient can "
    "still take easier versions, skip drills or end a session early."
)


def locked_words(locked: bool) -> str:
    """On and off in words, never by colour alone."""
    return LOCKED_YES if locked else LOCKED_NO


class LockDialog(AskScreen):
    """Lock or unlock? ``y`` changes it; ``n``, ``enter`` and ``escape`` leave it as it was."""

    def __init__(self, locked: bool) -> None:
        if locked:
            super().__init__("Unlock this program?", LOCK_MEANS, "unlock it", "keep it locked")
        else:
            super().__init__("Lock this program?", LOCK_MEANS, "lock it", "leave it unlocked")


class SettingsDialog(Dialog[None]):
    """Edit the draft's own settings; dismissed when done (``escape``)."""

    # Its field rows are styled in builder.tcss, loaded with the builder it opens from.
    DEFAULT_CLASSES = "-short"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "done", "Done")]

    def __init__(self, draft: ProgramDraft, note: str = "", changed: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.note = note
        #: Told when Locked changes, so the screen below (its summary line) says it at once.
        self.changed = changed
        self.notes_problem: str | None = None

    def compose(self) -> ComposeResult:
        draft, meta = self.draft, self.draft.meta
        box = VerticalScroll(classes="dialog-box", id="settings")
        box.can_focus = False  # its fields scroll into view; a focused box would be a tab stop that shows nothing
        with box:
            yield Static("Program settings", classes="dialog-title")
            if self.note:
                yield Static(self.note, id="settings-note", classes="dialog-hint", markup=False)
            yield self._row("Name", self._take_name, "prog-name", placeholder="required", restore=self._put_name)
            yield self._row("Id", self._take_id, "prog-id")
            yield self._row("Description", self._take_description, "prog-description", placeholder="optional")
            yield self._row("Pain limit", self._take_pain, "prog-pain", "2-5, blank = 5", row="row-pain")
            yield self._row("Days/week", self._take_days, "prog-days", "1-7, blank = not set", row="row-days")
            yield Button(locked_words(draft.locked), id="prog-locked", compact=True)
            adapt = "Adapt: doses may change as sessions go"  # short: a checkbox label does not wrap
            yield Checkbox(adapt, draft.adapt, compact=True, id="prog-adapt")
            for label, setting in (("Patient", "patient"), ("Clinician", "clinician")):
                take = self._text_taker(setting, NAME_MAX)
                yield self._row(label, take, f"prog-{setting}", placeholder="optional")
            yield self._row(
                "Review on", self._take_review, "prog-review", "the follow-up",
                row="row-review", placeholder="2027-01-31",
            )
            yield Static("Notes: private, kept in the file, never on the handout", id="prog-notes-label")
            yield TextArea(meta.notes, id="prog-notes", soft_wrap=True)
            error = Static("", id="prog-notes-error", classes="field-error", markup=False)
            error.display = False
            yield error
            yield Static("tab = next    enter on Locked = change it    escape = done", classes="dialog-keys")

    @staticmethod
    def _row(
        label: str,
        take: Callable[[str], None],
        field_id: str,
        hint: str = "",
        *,
        row: str | None = None,
        placeholder: str = "",
        restore: Callable[[str], None] | None = None,
    ) -> FieldRow:
        """A labelled field; long enough to type past the validator's limit, so the limit is said, not silent."""
        what = "Days per week" if label == "Days/week" else label
        field = CheckedInput(what, take, id=field_id, placeholder=placeholder, max_length=500, restore=restore)
        return FieldRow(label, field, hint, id=row)

    def on_mount(self) -> None:
        self.show_draft()
        self.query_one("#prog-name").focus()

    def show_draft(self) -> None:
        """Every field as the draft holds it."""
        draft, meta = self.draft, self.draft.meta
        shown = {
            "prog-name": draft.name,
            "prog-id": "" if draft.id_is_auto else draft.id,
            "prog-description": draft.description,
            "prog-pain": "" if draft.pain_limit is None else str(draft.pain_limit),
            "prog-days": "" if draft.days_per_week is None else str(draft.days_per_week),
            "prog-patient": meta.patient,
            "prog-clinician": meta.clinician,
            "prog-review": "" if meta.review_on is None else meta.review_on.isoformat(),
        }
        for field_id, text in shown.items():
            self.query_one(f"#{field_id}", CheckedInput).show(text)
        self._show_auto_id()
        self._show_locked()
        adapt = self.query_one("#prog-adapt", Checkbox)
        with adapt.prevent(Checkbox.Changed):
            adapt.value = draft.adapt
        notes = self.query_one("#prog-notes", TextArea)
        if notes.text != meta.notes:
            with notes.prevent(TextArea.Changed):
                notes.load_text(meta.notes)

    def _show_auto_id(self) -> None:
        """An empty Id field shows the id the name gives."""
        self.query_one("#prog-id", Input).placeholder = slugify(self.draft.name) or "from the name"

    # ---- taking what is typed ----------------------------------------------

    def _take_name(self, text: str) -> None:
        self._text_taker("name", NAME_MAX, min_len=1)(text)
        self._show_auto_id()

    def _text_taker(self, setting: str, max_len: int, *, min_len: int = 0) -> Callable[[str], None]:
        """A ``take`` that checks one line of text as the validator does, then sets it on the draft."""

        def take(text: str) -> None:
            problem = text_problem(text, min_len=min_len, max_len=max_len, single_line=True)
            if problem:
                raise DraftError(problem, setting)
            if setting == "name":
                self.draft.name = text
            else:
                self.draft.set_meta(setting, text)

        return take

    def _put_name(self, text: str) -> None:
        self.draft.name = text
        self._show_auto_id()

    def _take_id(self, text: str) -> None:
        self.draft.set_id(text or None)

    def _take_description(self, text: str) -> None:
        problem = text_problem(text, min_len=0, max_len=400, single_line=False)
        if problem:
            raise DraftError(problem, "description")
        self.draft.description = text

    def _take_pain(self, text: str) -> None:
        self.draft.pain_limit = parse_whole("pain limit", text, PAIN_LIMIT_BOUNDS)

    def _take_days(self, text: str) -> None:
        self.draft.days_per_week = parse_whole("days per week", text, DAYS_PER_WEEK_BOUNDS)

    def _take_review(self, text: str) -> None:
        self.draft.set_meta("review_on", parse_date("review on", text))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(TextArea.Changed, "#prog-notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        error = self.query_one("#prog-notes-error", Static)
        try:
            problem = text_problem(event.text_area.text, min_len=0, max_len=NOTES_MAX, single_line=False)
            if problem:
                raise DraftError(problem, "notes")
            self.draft.set_meta("notes", event.text_area.text)
        except DraftError as refused:
            self.notes_problem = f"Notes {refused.reason}"
            error.update(f"{self.notes_problem}.")
            error.display = True
            return
        self.notes_problem = None
        error.display = False

    @on(Checkbox.Changed, "#prog-adapt")
    def _adapt_changed(self, event: Checkbox.Changed) -> None:
        self.draft.adapt = event.value

    @on(Button.Pressed, "#prog-locked")
    def _ask_to_lock(self) -> None:
        self.app.push_screen(LockDialog(self.draft.locked), callback=self._lock_answered)

    def _lock_answered(self, change: bool | None) -> None:
        if change:
            self.draft.locked = not self.draft.locked
            self._show_locked()
            if self.changed is not None:
                self.changed()

    def _show_locked(self) -> None:
        """The Locked button in words; laid out again, as a new label may wrap to another height."""
        button = self.query_one("#prog-locked", Button)
        button.label = locked_words(self.draft.locked)
        button.refresh(layout=True)

    def action_done(self) -> None:
        """Fields left with a refused value put back theirs first; over-long notes are put back too."""
        for field in self.query(CheckedInput):
            field.settle()
        if self.notes_problem is not None:
            notes = self.query_one("#prog-notes", TextArea)
            with notes.prevent(TextArea.Changed):
                notes.load_text(self.draft.meta.notes)
            error = self.query_one("#prog-notes-error", Static)
            error.update(f"{sentence(self.notes_problem)}; put back the notes from before.")
            self.notes_problem = None
            return
        self.dismiss(None)
