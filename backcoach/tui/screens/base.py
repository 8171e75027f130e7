"""What every session screen shares: the runner, the engine, ``escape``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from backcoach.coach.session import SessionEngine

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.session_runner import SessionRunner


class SessionScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "End session", show=False)]
    #: The heading as composed, before a demo's banner was added to it.
    _plain_heading: str | None = None

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    @property
    def runner(self) -> SessionRunner:
        runner = self.backcoach.runner
        assert runner is not None, "session screens only exist while a session runs"
        return runner

    @property
    def engine(self) -> SessionEngine:
        return self.runner.engine

    def action_back(self) -> None:
        self.runner.ask_end()

    def on_mount(self) -> None:
        if self.runner.is_demo:
            self.mark_demo()
        self.update_view()

    def mark_demo(self) -> None:
        """A clinic demo says so in the heading, with its live speed."""
        heading = self.query(".heading").first(Static)
        if self._plain_heading is None:
            self._plain_heading = str(heading.content)
        speed = float(getattr(self.engine.clock, "speed", 1.0))
        heading.update(f"{self._plain_heading}  ·  DEMO x{speed:g}, +/- speed")

    def update_view(self) -> None:
        """Redraw from the engine's state; called after every tick and key."""


def fmt_clock(seconds: float) -> str:
    """``m:ss`` for the big countdowns, rounding up so 0:00 means done."""
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    return f"{whole // 60}:{whole % 60:02d}"
