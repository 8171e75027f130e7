"""The one yes/no question: ``y`` is always yes; ``n`` and ``escape`` always no.

Ending a session, starting on a rest day, replacing an installed program
and leaving the builder with unsaved changes all ask through it, so the
keys never differ from one question to the next. Where no is the safe
answer, ``enter`` says no too; where neither answer is safer, ``enter``
does nothing, so one stray key cannot decide it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from backcoach.tui.dialogs.base import Dialog


class AskScreen(Dialog[bool]):
    """A yes/no question: dismisses with True for ``y``."""

    DEFAULT_CLASSES = "-warning"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("enter", "safe_no", "No", show=False),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str, *, enter_says_no: bool = True) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        self.enter_says_no = enter_says_no

    def compose(self) -> ComposeResult:
        no_keys = "enter or n" if self.enter_says_no else "n"
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-title question", markup=False)
            yield Static(f"{self.detail}\n\ny = {self.yes}    {no_keys} = {self.no}", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without a safe answer ``enter`` is not bound at all: it falls through, unused."""
        return action != "safe_no" or self.enter_says_no

    def action_safe_no(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
