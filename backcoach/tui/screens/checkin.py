"""The check-in: how the back is before anything starts (0-10)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.pain import checkin_suggests_rest
from backcoach.tui.screens.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pain_scale import PainScale


class CheckinScreen(SessionScreen):
    CSS_PATH = "pain.tcss"
    BINDINGS = [
        Binding("enter", "carry_on", "Carry on", show=False),
        Binding("x", "end_here", "End session", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pending: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("How is your back", classes="heading")
        with VerticalScroll():
            yield Static(
                f"{self.engine.program.name}: {self.engine.drill_count} drills.\n"
                "How much does your back hurt right now? 0 is no pain, 10 the worst imaginable.",
                classes="lead",
                markup=False,
            )
            yield PainScale(id="scale")
            yield Static(id="advice", classes="advice-box")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#advice").display = False
        self.query_one(PainScale).focus()

    def on_pain_scale_confirmed(self, message: PainScale.Confirmed) -> None:
        if checkin_suggests_rest(message.score):
            self.pending = message.score
            message.scale.disabled = True
            advice = self.query_one("#advice", Static)
            advice.update(
                f"{message.score}/10 is a lot of pain. Today, think about skipping the full "
                "session: rest, or move gently (a short easy walk). If you carry on, every "
                "drill still has its own pain check.\n\nenter = carry on, drill by drill     "
                "x = end the session for today"
            )
            advice.display = True
            self.refresh_bindings()
            return
        self.runner.act(lambda: self.engine.checkin(message.score))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("carry_on", "end_here"):
            return self.pending is not None
        return True

    def action_carry_on(self) -> None:
        if self.pending is not None:
            score = self.pending
            self.runner.act(lambda: self.engine.checkin(score))

    def action_end_here(self) -> None:
        if self.pending is not None:
            score = self.pending

            def end() -> None:
                self.engine.checkin(score)
                self.engine.end_session()

            self.runner.act(end)
