"""The question before a program the physiotherapist locked is replaced.

A locked program is the physio's word on what the patient does, so the
clinic's import does not ask its usual yes/no: it says plainly that this
replaces a program locked by the physiotherapist, shows what would change
(``content.program_diff``), and its default, the focused button that
``enter`` presses, keeps the physio's program. Replacing it takes a
deliberate choice: moving to the other button (``tab``, or a click) and
pressing it. No single key replaces it; ``escape`` and ``n`` keep it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from backcoach.tui.dialogs.base import Dialog

KEEP = "Keep the physio's program"
REPLACE = "Replace the locked program"


class ReplaceLockedScreen(Dialog[bool]):
    """Dismissed with True only when the replace button is pressed."""

    DEFAULT_CLASSES = "-warning"
    # The changes scroll, so the buttons stay on an 80x24 screen; a roomier one shows more at once.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall"), (32, "-roomy")]
    DEFAULT_CSS = """
    ReplaceLockedScreen #locked-changes { height: auto; max-height: 6; margin: 1 0; }
    ReplaceLockedScreen.-roomy #locked-changes { max-height: 14; }
    ReplaceLockedScreen #locked-buttons { height: auto; margin-top: 1; }
    ReplaceLockedScreen #locked-buttons Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("escape", "keep", "Keep", show=False),
        Binding("n", "keep", "Keep", show=False),
    ]

    def __init__(self, installed: str, file_name: str, changes: Sequence[str]) -> None:
        super().__init__()
        self.installed = installed
        self.file_name = file_name
        self.changes = list(changes)

    def compose(self) -> ComposeResult:
        # Names and file names are the user's own: never markup.
        with Vertical(classes="dialog-box"):
            yield Static(
                "This replaces a program locked by the physiotherapist.",
                classes="dialog-title question",
                markup=False,
            )
            yield Static(
                f"{self.installed} was locked by the physiotherapist, so that it stays as they set it. "
                f"{self.file_name} would change:",
                markup=False,
            )
            with VerticalScroll(id="locked-changes"):
                yield Static("\n".join(f"  - {line}" for line in self.changes), markup=False)
            yield Static("Keep it unless the physiotherapist asked for this change.", classes="dialog-hint")
            with Horizontal(id="locked-buttons"):
                yield Button(KEEP, id="keep", variant="primary")
                yield Button(REPLACE, id="replace", variant="error")
            yield Static("enter = keep it    tab, then enter = replace it", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "replace")

    def action_keep(self) -> None:
        self.dismiss(False)
