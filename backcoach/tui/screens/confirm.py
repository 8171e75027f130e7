"""The end-session question: ``y`` ends, ``n`` or ``escape`` carries on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmEndScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmEndScreen { align: center middle; }
    ConfirmEndScreen > Vertical {
        width: 56; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConfirmEndScreen .question { text-style: bold; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes, end it"),
        Binding("n", "answer(False)", "No, carry on"),
        Binding("escape", "answer(False)", "Carry on", show=False),
    ]

    def __init__(self, question: str = "End the session now?") -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question")
            yield Static("What you have done so far is saved.\n\ny = end the session    n = carry on")

    def action_answer(self, end: bool) -> None:
        self.dismiss(end)


class AskScreen(ModalScreen[bool]):
    """A yes/no question whose safe answer is no: ``enter``, ``n`` and ``escape`` say no."""

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

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question", markup=False)
            yield Static(f"{self.detail}\n\ny = {self.yes}    enter or n = {self.no}", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
