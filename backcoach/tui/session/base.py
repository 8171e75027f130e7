"""What every session screen shares: its runner, its view, ``escape``.

A session screen is built by the runner with the runner and the engine's
view of the moment, and the runner pushes every newer view into it. The
screen draws from ``view`` alone (``watch_view``) and sends what a key
means back through the runner's intent methods: state flows one way, and
no screen looks the runner or the engine up through the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.notifications import Notification, Notify, SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from backcoach.coach.session import SessionView

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp
    from backcoach.tui.session.runner import SessionRunner


#: From this size up (columns, rows) a session screen is ``-large``: the
#: phase word, the countdown and the figure use the room (issue 13 item 3).
LARGE_SIZE = (120, 40)


def _built_without_a_view() -> SessionView:
    raise RuntimeError("a session screen is built with its runner and view")


class SessionScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "End session", show=False)]
    #: The session as the runner last showed it; every change redraws.
    view: var[SessionView] = var(_built_without_a_view, init=False)
    #: The heading as composed, before a demo's banner was added to it.
    _plain_heading: str | None = None
    #: The speed the demo banner shows (redrawn only when it changes).
    _banner_speed: float | None = None

    def __init__(self, runner: SessionRunner, view: SessionView) -> None:
        super().__init__()
        self.runner = runner
        self.set_reactive(SessionScreen.view, view)
        #: The toasts this screen raised (see ``notify``).
        self._hints: list[Notification] = []

    @property
    def backcoach(self) -> BackcoachApp:
        return self.app  # type: ignore[return-value]  # Textual types self.app as App[object]; this screen only runs in BackcoachApp

    def action_back(self) -> None:
        self.runner.ask_end()

    def on_mount(self) -> None:
        self._fit_size()
        self._redraw()

    def on_resize(self) -> None:
        self._fit_size()

    def _fit_size(self) -> None:
        width, height = self.app.size
        self.set_class(width >= LARGE_SIZE[0] and height >= LARGE_SIZE[1], "-large")

    def watch_view(self) -> None:
        # Before the first mount there is nothing to draw on: on_mount draws
        # whatever view is newest by then.
        if self.is_mounted:
            self._redraw()

    def _redraw(self) -> None:
        if self.runner.is_demo and self.view.speed != self._banner_speed:
            self._mark_demo()
        self.draw()

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

    def _mark_demo(self) -> None:
        """A clinic demo says so in the heading, with its live speed."""
        heading = self.query(".heading").first(Static)
        if self._plain_heading is None:
            self._plain_heading = str(heading.content)
        self._banner_speed = self.view.speed
        heading.update(f"{self._plain_heading}  ·  DEMO x{self.view.speed:g}, +/- speed")

    def draw(self) -> None:
        """Redraw from ``self.view``; called on mount and for every newer view."""


def fmt_clock(seconds: float) -> str:
    """``m:ss`` for the big countdowns, rounding up so 0:00 means done."""
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    return f"{whole // 60}:{whole % 60:02d}"
