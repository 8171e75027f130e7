"""What every session screen shares: the runner, the engine, ``escape``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from backcoach.coach.session import SessionEngine

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.session_runner import SessionRunner


class SessionScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "End session", show=False)]

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]

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
        self.update_view()

    def update_view(self) -> None:
        """Redraw from the engine's state; called after every tick and key."""


def fmt_clock(seconds: float) -> str:
    """``m:ss`` for the big countdowns, rounding up so 0:00 means done."""
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    return f"{whole // 60}:{whole % 60:02d}"
