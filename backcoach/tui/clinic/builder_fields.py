"""The program builder's pieces: one-line fields and the drill list's rows.

Every field is one line (label, value, bounds) so the whole program and the
chosen drill's dose fit beside the drill list at 80x24 without scrolling.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static

from backcoach.content.builder import (
    DraftItem,
    ProgramDraft,
    bounds_text,
    default_text,
    slugify,
)
from backcoach.content.describe import dose_text

#: (override key, label) for the numeric dose fields, in file order.
DOSE_FIELDS: tuple[tuple[str, str], ...] = (
    ("reps", "Reps"),
    ("sets", "Sets"),
    ("rest", "Rest (s)"),
    ("hold", "Hold (s)"),
    ("seconds", "Time (s)"),
    ("tempo", "Tempo (s)"),
)
#: Field id -> how a message names its setting ("Time must be ...", not "seconds must be ...").
FIELD_NAMES: dict[str, str] = {
    **{f"dose-{key}": label.removesuffix(" (s)") for key, label in DOSE_FIELDS},
    "prog-id": "Id",
    "prog-pain": "Pain limit",
    "prog-days": "Days per week",
}
EXHALE_OPTIONS = (("out on rounding", "flexion"), ("out on arching", "extension"))
#: Typing is limited to what a field can hold; bounds are checked on every change.
WHOLE = r"[0-9]*"
DECIMAL = r"[0-9]*\.?[0-9]*"


class FieldRow(Horizontal):
    """A label, one field, and a hint (bounds, default) to its right."""

    def __init__(self, label: str, field: Widget, hint: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="field-row")
        self.label = label
        self.field = field
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="field-label")
        yield self.field
        if self.hint:
            yield Static(self.hint, classes="field-hint", markup=False)


def dose_rows() -> ComposeResult:
    """Every dose field; the screen shows only those the chosen drill accepts."""
    for key, label in DOSE_FIELDS:
        restrict = DECIMAL if key == "tempo" else WHOLE
        field = Input(compact=True, restrict=restrict, max_length=5, id=f"dose-{key}")
        yield FieldRow(label, field, bounds_text(key), id=f"row-{key}")
    exhale = Select[str](
        EXHALE_OPTIONS, prompt="default", allow_blank=True, compact=True, id="dose-exhale_on"
    )
    yield FieldRow("Exhale on", exhale, id="row-exhale_on")


def program_rows() -> ComposeResult:
    yield FieldRow(
        "Name",
        Input(placeholder="required", compact=True, max_length=60, id="prog-name"),
        id="row-name",
    )
    yield FieldRow(
        "Id",
        Input(compact=True, restrict=r"[a-z0-9-]*", max_length=49, id="prog-id"),
        id="row-id",
    )
    yield FieldRow(
        "Description",
        Input(placeholder="optional", compact=True, max_length=400, id="prog-description"),
        id="row-description",
    )
    pain = Input(placeholder="-", compact=True, restrict=WHOLE, max_length=2, id="prog-pain")
    yield FieldRow("Pain limit", pain, "2-5, blank = 5", id="row-pain")
    days = Input(placeholder="-", compact=True, restrict=WHOLE, max_length=2, id="prog-days")
    yield FieldRow("Days/week", days, "1-7, blank = not set", id="row-days")
    yield Checkbox("Locked: dose cannot go up", compact=True, id="prog-locked")


def item_prompt(number: int, item: DraftItem) -> Text:
    """A drill-list row: position and name, then the dose as the patient will do it.

    Built as Text, never markup: the names may come from an imported file.
    """
    drill = item.effective
    text = Text(f"{number:>2}. {drill.name}", style="bold")
    text.append(f"\n    {dose_text(drill)}", style="dim")
    return text


def set_quietly(field: Input, value: str) -> None:
    """Show ``value`` without it reading as an edit (no Input.Changed)."""
    with field.prevent(Input.Changed):
        field.value = value


def show_auto_id(root: DOMNode, draft: ProgramDraft) -> None:
    """An empty Id field shows the id the name gives."""
    root.query_one("#prog-id", Input).placeholder = slugify(draft.name) or "from the name"


def fill_program_fields(root: DOMNode, draft: ProgramDraft) -> None:
    """Show the draft's own settings in the program fields."""
    set_quietly(root.query_one("#prog-name", Input), draft.name)
    set_quietly(root.query_one("#prog-id", Input), "" if draft.id_is_auto else draft.id)
    set_quietly(root.query_one("#prog-description", Input), draft.description)
    pain, days = draft.pain_limit, draft.days_per_week
    set_quietly(root.query_one("#prog-pain", Input), "" if pain is None else str(pain))
    set_quietly(root.query_one("#prog-days", Input), "" if days is None else str(days))
    locked = root.query_one("#prog-locked", Checkbox)
    with locked.prevent(Checkbox.Changed):
        locked.value = draft.locked
    show_auto_id(root, draft)


def fill_dose_fields(root: DOMNode, item: DraftItem, applicable: tuple[str, ...]) -> None:
    """Show only the settings ``item``'s drill takes: its overrides, or its defaults greyed."""
    for key in (*(key for key, _label in DOSE_FIELDS), "exhale_on"):
        root.query_one(f"#row-{key}").display = key in applicable
        if key not in applicable:
            continue
        value = item.overrides.get(key)
        if key == "exhale_on":
            select = root.query_one("#dose-exhale_on", Select)
            with select.prevent(Select.Changed):
                select.value = value if isinstance(value, str) else Select.NULL
            select.prompt = f"default: {default_text(item.drill, key)}"
            continue
        root.query_one(f"#row-{key} .field-hint", Static).update(bounds_text(key, item.drill))
        field = root.query_one(f"#dose-{key}", Input)
        field.remove_class("-invalid")
        set_quietly(field, "" if value is None else f"{value:g}")
        field.placeholder = default_text(item.drill, key)
