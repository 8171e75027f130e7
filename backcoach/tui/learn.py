"""Learn: every pain education card, to read at leisure (``l`` on Home, the palette).

The rests show one card at a time; here a person can find again the one
they half read from the mat, or read them all before a first session. The
list scrolls, so it reads the same at 60x20 as at 80x24.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from backcoach.content.errors import ContentError
from backcoach.tui.widgets.education_card import card_text
from backcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

INTRO = (
    "What is known about back pain, in short. One of these cards shows in the longer "
    "rests and at the end of a session; each names the study or guide it comes from."
)


class LearnScreen(Screen[None]):
    DEFAULT_CSS = """
    LearnScreen VerticalScroll { padding: 1 2; }
    LearnScreen.-narrow VerticalScroll, LearnScreen.-short VerticalScroll { padding: 0 1; }
    LearnScreen .lead { max-width: 84; margin-bottom: 1; }
    LearnScreen .card {
        max-width: 84; padding: 0 1; margin-bottom: 1; border: round $success;
    }
    LearnScreen .error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
    ]

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    def compose(self) -> ComposeResult:
        yield Static("Learn", classes="heading")
        with VerticalScroll(id="cards"):
            yield Static(INTRO, classes="lead")
            try:
                cards = self.backcoach.services.load_cards()
            except ContentError as error:
                yield Static(f"The cards could not be read: {error.problems[0]}", classes="error", markup=False)
                cards = ()
            for card in cards:
                yield Static(card_text(card), classes="card", id=f"card-{card.id}")
        yield KeyBar()

    def on_mount(self) -> None:
        # Focused, the list scrolls with up/down, page up/down, home and end.
        self.query_one("#cards", VerticalScroll).focus()


def open_learn(app: BackcoachApp) -> None:
    """``l`` on Home, the palette: never over a session, never twice."""
    if app.runner is None and not isinstance(app.screen, LearnScreen):
        app.push_screen(LearnScreen())


def learn_commands(app: BackcoachApp) -> Iterator[SystemCommand]:
    """The palette's Learn entry (none during a session: the cards come in its rests)."""
    if app.runner is None:
        yield SystemCommand("Learn", "Short cards on how back pain works (l)", lambda: open_learn(app))
