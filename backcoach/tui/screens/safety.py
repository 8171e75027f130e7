"""The safety check before the first session of each day, and its stop screens.

It cannot be skipped: the only ways on are ``n`` (none apply) or ``y`` and
then marking which apply. Any yes ends the day's exercise with advice.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from backcoach.coach.safety import ADVICE, SAFETY_QUESTIONS, SafetyOutcome, all_clear
from backcoach.tui.screens.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar


class SafetyScreen(SessionScreen):
    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("n", "none_apply", "None of these apply"),
        Binding("y", "some_apply", "One or more apply"),
        Binding("enter", "confirm", "Confirm", show=False),
        Binding("escape", "back", "Home"),
        *[Binding(str(i + 1), f"toggle({i})", show=False) for i in range(len(SAFETY_QUESTIONS))],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marking = False
        self.marked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static("Safety check", classes="heading")
        with VerticalScroll():
            yield Static(
                "Before today's first session: do any of these apply to you right now?",
                classes="lead",
            )
            # Not markup: "[x]" is a tick box here, not a style tag.
            yield Static(id="questions", markup=False)
            yield Static(id="prompt", classes="prompt")
        yield KeyBar()

    def update_view(self) -> None:
        lines = []
        for index, question in enumerate(SAFETY_QUESTIONS):
            box = ("[x]" if index in self.marked else "[ ]") if self.marking else f"{index + 1}."
            lines.append(f"{box} {question.text}")
        self.query_one("#questions", Static).update("\n".join(lines))
        prompt = (
            "Press 1-6 to mark each one that applies, then enter."
            if self.marking
            else "n = none of these apply     y = one or more apply"
        )
        self.query_one("#prompt", Static).update(prompt)

    def action_none_apply(self) -> None:
        self.runner.act(lambda: self.engine.answer_safety(all_clear()))

    def action_some_apply(self) -> None:
        self.marking = True
        self.update_view()

    def action_toggle(self, index: int) -> None:
        if not self.marking:
            return
        self.marked ^= {index}
        self.update_view()

    def action_confirm(self) -> None:
        if not self.marking:
            return
        if not self.marked:
            self.notify("Mark at least one with 1-6, or press n if none apply.", timeout=5)
            return
        answers = all_clear()
        for index in self.marked:
            answers[SAFETY_QUESTIONS[index].id] = True
        self.runner.act(lambda: self.engine.answer_safety(answers))

    def action_back(self) -> None:
        # Nothing has been saved yet, so leaving here leaves no trace.
        self.runner.leave()


class SafetyStopScreen(SessionScreen):
    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("enter", "home", "Home"),
        Binding("escape", "home", "Home", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Safety check", classes="heading")
        with VerticalScroll():
            yield Static(id="advice", classes="advice")
            yield Static(
                "Your answers are saved in your history. You can show them to your doctor "
                "or physiotherapist.",
            )
        yield KeyBar()

    def update_view(self) -> None:
        outcome = self.engine.safety_outcome or SafetyOutcome.SEE_DOCTOR
        advice = self.query_one("#advice", Static)
        advice.update(ADVICE[outcome])
        advice.set_class(outcome is SafetyOutcome.URGENT, "urgent")

    def action_home(self) -> None:
        self.runner.leave()


class SafetyBlockedScreen(Screen[None]):
    """Shown instead of a session after a yes earlier today."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("enter", "app.pop_screen", "Home"),
        Binding("escape", "app.pop_screen", "Home", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Safety check", classes="heading")
        with VerticalScroll():
            yield Static(
                "Earlier today you told us a warning sign applies, so there is no exercise "
                "today. Please follow that advice: contact urgent care for numbness, bladder "
                "or bowel changes or worsening leg weakness, otherwise see a doctor soon.",
                classes="advice",
            )
            yield Static("The check is asked again tomorrow.")
        yield KeyBar()
