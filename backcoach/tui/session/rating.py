"""After a drill: was that too easy, about right or too hard?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.session import Difficulty
from backcoach.tui.session.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar


class RatingScreen(SessionScreen):
    CSS_PATH = "rating.tcss"
    BINDINGS = [
        Binding("1", "rate('too_easy')", "Too easy"),
        Binding("2", "rate('about_right')", "About right"),
        Binding("3", "rate('too_hard')", "Too hard"),
        Binding("enter", "rate('about_right')", "About right", show=False),
    ]

    def compose(self) -> ComposeResult:
        view = self.view
        drill = view.drill
        yield Static("How did that feel", classes="heading")
        with VerticalScroll():
            finished = "done" if view.complete else "stopped early"
            yield Static(f"{drill.name}: {finished}. How did that feel?", classes="lead", markup=False)
            yield Static(
                "1  too easy\n2  about right   (enter)\n3  too hard",
                classes="options",
            )
            upcoming = view.next_drill
            if upcoming is not None:
                yield Static(f"Next up: {upcoming.name}", classes="next", markup=False)
        yield KeyBar()

    def action_rate(self, value: str) -> None:
        self.runner.rate(Difficulty(value))
