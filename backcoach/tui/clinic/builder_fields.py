"""The program builder's pieces: checked fields, their rows, and the drill list's rows.

Every field is one line (label, value, bounds) so the chosen drill's dose
fits beside the drill list at 80x24; a field's refusal takes a line under
it only while there is one to show.

A :class:`CheckedInput` never filters keys: what is typed is what the
validator sees, so ``1.5`` reps is refused as a decimal rather than read
as 15. What it takes goes into the draft at once (the list and the minutes
follow as the physio types); a value it refuses leaves the program as it was
before the edit began, and leaving the field (or ``enter``) with one puts
that value back in the field too, saying why, instead of keeping a
half-typed number.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from backcoach.content.builder import DraftError, DraftItem, default_text, parse_override
from backcoach.content.builder_input import field_hint
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
EXHALE_OPTIONS = (("out on rounding", "flexion"), ("out on arching", "extension"))


def sentence(text: str) -> str:
    """The validator's words ("reps must be ...") as the start of a sentence."""
    return text[:1].upper() + text[1:]


class CheckedInput(Input):
    """A field that takes what it is given only through ``take``, which raises DraftError to refuse.

    ``what`` names the setting in messages ("Time must be ..." for ``seconds``).
    ``blank`` says what an empty field means, for the line that reports a
    value put back ("put back the library's dose (6)"). ``restore`` puts
    back a value from before an edit where ``take`` would refuse it (a new
    program's empty name: refused as typed, but where the draft started).
    """

    def __init__(
        self,
        what: str,
        take: Callable[[str], None],
        *,
        id: str,
        blank: str = "",
        restore: Callable[[str], None] | None = None,
        normal: Callable[[str], str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(compact=True, id=id, **kwargs)  # type: ignore[arg-type]  # Input's own keyword arguments, passed through
        self.what = what
        self.take = take
        self.restore = restore or take
        #: How a value taken is shown once the edit ends (``1m30s`` as the ``90`` the file holds).
        self.normal = normal
        self.blank = blank
        #: What the field showed before the edit in progress: what a refusal puts back.
        self.before = ""
        #: Why what it shows is not in the program, while it shows something refused.
        self.problem: str | None = None

    @property
    def error_line(self) -> Static:
        return self.screen.query_one(f"#{self.id}-error", Static)

    def show(self, text: str) -> None:
        """Show the program's value: not an edit, and nothing to put back."""
        with self.prevent(Input.Changed):
            self.value = text
        self.before = text
        self.problem = None
        self._report(None)

    def _report(self, message: str | None, *, refused: bool = True) -> None:
        self.set_class(refused and message is not None, "-invalid")
        if self.is_attached and self.id:
            line = self.error_line
            line.update(message or "")
            line.display = message is not None

    def on_focus(self, event: events.Focus) -> None:
        if self.problem is None:
            self.before = self.value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        try:
            self.take(event.value.strip())
        except DraftError as error:
            self.problem = f"{self.what} {error.reason}" if error.setting else str(error)
            self.restore(self.before.strip())  # nothing changes: not even the half-typed value before this one
            self._report(f"{sentence(self.problem)}.")
            return
        self.problem = None
        self._report(None)

    def on_blur(self, event: events.Blur) -> None:
        self.settle()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self:
            self.settle()

    def settle(self) -> None:
        """End of an edit: keep what was taken, or put back the value from before it."""
        problem = self.problem
        if problem is None:
            if self.normal is not None and self.value != self.before:
                self.show(self.normal(self.value.strip()))
            self.before = self.value
            return
        before = self.before
        self.show(before)
        self.restore(before.strip())  # what the field held before the edit: the program held it then
        if before.strip():
            kept = f"put back {before}"
        elif self.blank:
            kept = f"put back {self.blank} ({self.placeholder})" if self.placeholder else f"put back {self.blank}"
        else:
            kept = "left it empty"
        self._report(f"{sentence(problem)}; {kept}.", refused=False)


class FieldRow(Vertical):
    """A label, one field, and a hint (bounds, default) to its right; a refusal under them."""

    def __init__(self, label: str, field: Widget, hint: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="field-row")
        self.label = label
        self.field = field
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Static(self.label, classes="field-label")
            yield self.field
            if self.hint:
                yield Static(self.hint, classes="field-hint", markup=False)
        if self.field.id:
            error = Static("", id=f"{self.field.id}-error", classes="field-error", markup=False)
            error.display = False
            yield error


def dose_rows(take: Callable[[str, str], None]) -> ComposeResult:
    """Every dose field; the screen shows only those the chosen drill accepts.

    ``take(key, text)`` sets (or, for an empty text, clears) that override
    of the chosen drill, raising DraftError to refuse it.
    """
    for key, label in DOSE_FIELDS:

        def take_key(text: str, key: str = key) -> None:
            take(key, text)

        def normal(text: str, key: str = key) -> str:
            return f"{parse_override(key, text):g}" if text else ""

        what = label.removesuffix(" (s)")
        field = CheckedInput(
            what, take_key, id=f"dose-{key}", max_length=12, blank="the library's dose", normal=normal
        )
        yield FieldRow(label, field, field_hint(key), id=f"row-{key}")
    exhale = Select[str](
        EXHALE_OPTIONS, prompt="default", allow_blank=True, compact=True, id="dose-exhale_on"
    )
    yield FieldRow("Exhale on", exhale, id="row-exhale_on")


def item_prompt(number: int, item: DraftItem) -> Text:
    """A drill-list row: position and name, then the dose as the patient will do it.

    Built as Text, never markup: the names may come from an imported file.
    """
    drill = item.effective
    text = Text(f"{number:>2}. {drill.name}", style="bold")
    text.append(f"\n    {dose_text(drill)}", style="dim")
    return text


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
        root.query_one(f"#row-{key} .field-hint", Static).update(field_hint(key, item.drill))
        field = root.query_one(f"#dose-{key}", CheckedInput)
        field.show("" if value is None else f"{value:g}")
        field.placeholder = default_text(item.drill, key)
