"""The drill intro ("Get ready"): what, why, how much, how to breathe, and
a countdown that runs by itself (the person is on the mat, not at the keys).

It comes straight after a green or amber pain check (``coach.session_gate``),
says what that check was, and keeps its other choices a key away (``e``
easier, ``s`` skip). ``enter`` starts the drill at once; ``space`` pauses.
The countdown, its label and the bar keep their rows when paused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ProgressBar, Static

from backcoach.coach.adapt_words import today_line
from backcoach.coach.session import GateSource, SessionView, Stage
from backcoach.content.describe import drill_details
from backcoach.tui.session.base import SessionScreen, fmt_clock
from backcoach.tui.widgets.big_digits import BigDigits
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pose_figure import PoseFigure, drill_figure

if TYPE_CHECKING:
    from backcoach.tui.session.runner import SessionRunner


def locked_note(has_easier: bool) -> str:
    """Why a locked program's dose is what it is, and that less is always fine.

    Said before the drill starts so nobody pushes through a dose out of a
    sense that it cannot be changed: it cannot be raised, but it can be eased.
    """
    way_down = "the easier version (e) or skipping it (s)" if has_easier else "skipping it (s)"
    return f"Your physiotherapist set this dose. If it feels like too much today, {way_down} is always fine."


def gate_line(view: SessionView) -> str:
    """What the pain check before this drill said, and the other choices it left."""
    result = view.gate_result
    if result is None:
        return ""
    line = f"Pain check: {result.score}/10, {result.band.value}"
    if view.gate_source is GateSource.CHECKIN:
        line += " (your check-in score)"
    elif view.gate_source is GateSource.REPEATED:
        line += " (the same as last time)"
    if result.easier_offered and view.easier_drill is not None:
        # Amber, or green in a locked program: the gate's offer, a key away.
        line += f". e = the easier version: {view.easier_drill.name}"
    return line + "."


class IntroScreen(SessionScreen):
    CSS_PATH = "intro.tcss"
    BINDINGS = [
        Binding("enter", "begin", "Start now"),
        Binding("space", "pause", "Pause"),
        Binding("e", "easier", "Easier version"),
        Binding("s", "skip", "Skip"),
        Binding("escape", "back", "End session", show=False),
        Binding("q", "back", "End session"),
    ]

    def __init__(self, runner: SessionRunner, view: SessionView) -> None:
        super().__init__(runner, view)
        self._bindings_state: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        view = self.view
        drill = view.drill
        yield Static("Get ready", classes="heading")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield PoseFigure(drill_figure(drill), id="figure")
                yield BigDigits("", id="ready")
                yield ProgressBar(total=1000, show_eta=False, show_percentage=False, id="ready-bar")
                yield Static("", id="ready-label")
            with VerticalScroll(id="details"):
                # A clinic demo's pain check is a formality: nothing to say about it.
                yield Static("" if self.runner.is_demo else gate_line(view), id="gate", markup=False)
                title = f"{drill.name}  (drill {view.index + 1} of {view.drill_count})"
                if drill.id == view.planned_drill.easier:
                    title += f"\neasier version of {view.planned_drill.name}"
                elif drill.id != view.planned_drill.id:
                    title += f"\nin place of {view.planned_drill.name}"
                yield Static(title, id="title", markup=False)
                why = today_line(view.drill_plan)
                if why:
                    yield Static(why, id="adapted", markup=False)
                if view.program.locked:
                    yield Static(locked_note(view.easier_drill is not None), id="locked", markup=False)
                yield Static(drill_details(drill), id="text", markup=False)
        yield Static("", id="more", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # up/down and page keys scroll the cues where they do not all fit.
        self.query_one("#details").focus()
        self.call_after_refresh(self._say_if_more)

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_if_more)

    def _say_if_more(self) -> None:
        """At 80x24 the cues may run below the screen: say how to reach them."""
        details = self.query_one("#details", VerticalScroll)
        more = self.query_one("#more", Static)
        more.update("More below: up/down or page down to scroll" if details.max_scroll_y > 0 else "")

    def draw(self) -> None:
        view = self.view
        if view.stage is not Stage.READY:
            return
        self.query_one("#ready", BigDigits).update(fmt_clock(view.remaining))
        left = view.remaining / view.ready_seconds if view.ready_seconds else 0.0
        self.query_one("#ready-bar", ProgressBar).update(progress=round(max(0.0, min(1.0, left)) * 1000))
        label = "Get down onto the mat" if view.first_ready else "Get into position"
        label = "PAUSED - space to resume" if view.paused else label
        self.query_one("#ready-label", Static).update(label)
        self.set_class(view.paused, "-paused")
        state = (view.stage, view.paused)
        if state != self._bindings_state:
            # Re-rendering the footer is costly: only when the keys change.
            self._bindings_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        stage = self.view.stage
        if action in ("begin", "pause"):
            return stage is Stage.READY
        if action == "easier":
            return self.view.easier_drill is not None and stage is Stage.READY
        return True

    def action_begin(self) -> None:
        if self.view.stage is Stage.READY:
            self.runner.begin()

    def action_pause(self) -> None:
        if self.view.stage is Stage.READY:
            self.runner.pause()

    def action_easier(self) -> None:
        if self.view.easier_drill is not None:
            self.runner.easier()

    def action_skip(self) -> None:
        self.runner.skip()
