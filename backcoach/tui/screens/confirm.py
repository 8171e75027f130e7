"""Yes/no questions: ending a session, and starting one on a rest day.

One dialog, two uses. ``y`` always means yes; ``n`` and ``escape`` always
mean no. Where no is the safe answer (a rest day), ``enter`` says no too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class AskScreen(ModalScreen[bool]):
    """A yes/no question: dismisses with True for ``y``."""

    DEFAULT_CSS = """
    AskScreen { align: center middle; }
    AskScreen > Vertical {
        width: 64; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    AskScreen .question { text-style: bold; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,enter", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]
    #: ``enter`` answers no (the safe default); subclasses without it say so.
    enter_says_no = True

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        no_keys = "enter or n" if self.enter_says_no else "n"
        with Vertical():
            yield Static(self.question, classes="question", markup=False)
            yield Static(f"{self.detail}\n\ny = {self.yes}    {no_keys} = {self.no}", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmEndScreen(AskScreen, inherit_bindings=False):
    """The end-session question: ``y`` ends, ``n`` or ``escape`` carries on.

    ``enter`` does nothing here: neither answer is safer than the other, so
    one stray key must not decide it.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes, end it"),
        Binding("n", "answer(False)", "No, carry on"),
        Binding("escape", "answer(False)", "Carry on", show=False),
    ]
    enter_says_no = False

    def __init__(self, question: str = "End the session now?") -> None:
        super().__init__(question, "What you have done so far is saved.", "end the session", "carry on")
