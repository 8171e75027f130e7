"""The drill intro ("Get ready"): what, why, how much, how to breathe, and
a short countdown once ``enter`` is pressed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Static

from backcoach.coach.adapt_words import today_line
from backcoach.coach.session import SessionView, Stage
from backcoach.content.describe import drill_details
from backcoach.tui.session.base import SessionScreen, fmt_clock
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


class IntroScreen(SessionScreen):
    CSS_PATH = "intro.tcss"
    BINDINGS = [
        Binding("enter", "begin", "Begin"),
        Binding("space", "pause", "Pause", show=False),
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
                yield Digits("", id="ready")
                yield Static("", id="ready-label")
            with VerticalScroll(id="details"):
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
        yield KeyBar()

    def draw(self) -> None:
        view = self.view
        ready = view.stage is Stage.READY
        digits = self.query_one("#ready", Digits)
        label = self.query_one("#ready-label", Static)
        digits.display = ready
        label.display = ready
        if ready:
            digits.update(fmt_clock(view.remaining))
            label.update("PAUSED - space to resume" if view.paused else "Get into position")
        state = (view.stage, view.paused)
        if state != self._bindings_state:
            # Re-rendering the footer is costly: only when the keys change.
            self._bindings_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        stage = self.view.stage
        if action == "begin":
            return stage is Stage.INTRO
        if action == "pause":
            return stage is Stage.READY
        if action == "easier":
            return self.view.easier_drill is not None and stage in (Stage.INTRO, Stage.READY)
        return True

    def action_begin(self) -> None:
        if self.view.stage is Stage.INTRO:
            self.runner.begin()

    def action_pause(self) -> None:
        if self.view.stage is Stage.READY:
            self.runner.pause()

    def action_easier(self) -> None:
        if self.view.easier_drill is not None:
            self.runner.easier()

    def action_skip(self) -> None:
        self.runner.skip()
