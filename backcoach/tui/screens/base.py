"""What every session screen shares: the runner, the engine, ``escape``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.notifications import Notification, Notify, SeverityLevel
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

    def __init__(self) -> None:
        super().__init__()
        #: The toasts this screen raised (see ``notify``).
        self._hints: list[Notification] = []

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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A hint about this screen ("Mark at least one..."), shown as a toast
        that goes when the screen goes: left up, it sat over the next stage's
        text. The app's own toasts (a failed save) are not this screen's and stay."""
        notification = Notification(
            message, title, severity, self.app.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup
        )
        self._hints.append(notification)
        self.app.post_message(Notify(notification))

    def on_unmount(self) -> None:
        for hint in self._hints:
            self.app._unnotify(hint, refresh=False)
        if self._hints:
            self.app._refresh_notifications()
        self._hints.clear()

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
