"""A drill in progress: everything readable at a glance from the floor.

A rest of 20 s or more between sets also shows a pain education card
(``view.card``, dealt by the runner by the rule in ``coach.education``),
large enough to read from the mat, in the figure's place.

Reps drills show the breath (EXHALE / INHALE) large with the movement, a
bar that empties on the exhale and fills on the inhale, and the figure
moving between its two positions in step with the breath. Holds, rests, timed and per-side
drills show a big countdown. The figure (``PoseFigure``) moves with the
breath state and the segment's elapsed time of each view. All of it is redrawn from the view the runner
pushes after every tick, so nothing here keeps time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from backcoach.coach.figure import breath_step
from backcoach.coach.plan import side_name
from backcoach.coach.session import SessionView, Stage
from backcoach.tui.session.base import SessionScreen, fmt_clock
from backcoach.tui.widgets.big_digits import BigDigits
from backcoach.tui.widgets.big_word import BigWord
from backcoach.tui.widgets.breath_bar import BreathBar
from backcoach.tui.widgets.education_card import card_text
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pose_figure import PoseFigure, drill_figure

if TYPE_CHECKING:
    from backcoach.content.education import Card
    from backcoach.tui.session.runner import SessionRunner

MOOD_CLASSES = ("exhale", "inhale", "hold", "rest", "paused")


class DrillScreen(SessionScreen):
    CSS_PATH = "drill.tcss"
    BINDINGS = [
        Binding("space", "pause", "Pause/resume"),
        Binding("n", "done", "Done"),
        Binding("e", "easier", "Easier"),
        Binding("s", "skip", "Skip"),
        Binding("q", "back", "End session"),
    ]

    def __init__(self, runner: SessionRunner, view: SessionView) -> None:
        super().__init__(runner, view)
        self._shown: dict[str, str] = {}
        self._mood = ""

    def compose(self) -> ComposeResult:
        view = self.view
        yield Static(
            f"{view.drill.name}  ·  drill {view.index + 1} of {view.drill_count}",
            classes="heading",
            markup=False,
        )
        with Horizontal(id="body"):
            yield PoseFigure(drill_figure(view.drill), id="figure")
            with Vertical(id="live"):
                yield BigWord(id="word")
                yield Static(id="movement", markup=False)
                yield BreathBar(id="bar")
                yield BigDigits("", id="countdown")
                yield Static(id="progress", markup=False)
                yield Static(id="card")
        yield KeyBar()

    def draw(self) -> None:
        view = self.view
        if view.stage is not Stage.WORK:
            return
        seg = view.segment
        drill = view.drill
        if seg is None:
            return
        word, movement, mood = "HOLD", drill.breathing.cue, "hold"
        bar = view.segment_elapsed / seg.seconds if seg.seconds else 1.0
        show_digits = True
        progress = f"Set {seg.set_number} of {view.sets_total}"
        breath = view.breath
        if seg.kind == "rest":
            word, mood = "REST", "rest"
            nxt = seg.set_number + 1
            movement = f"Rest and breathe easily. Next: set {nxt} of {view.sets_total}"
        elif seg.kind == "switch":
            word, mood = "SWITCH", "rest"
            movement = f"Switch to the {side_name(seg.side)} side and get into position"
        elif breath is not None:
            word = breath.phase.breath.upper()
            mood = breath.phase.breath
            movement = breath.phase.label
            step = breath_step(breath)
            bar = step if breath.phase.breath == "inhale" else 1 - step
            show_digits = False
            progress = f"Rep {breath.rep} of {drill.dosage.reps}  ·  {progress}"
        elif drill.kind == "per_side":
            progress = f"{side_name(seg.side).capitalize()} side"
            word = progress.upper()
        elif drill.kind == "timed":
            word, progress = "MOVE", "Keep an easy, steady pace"
        if seg.side and drill.kind != "per_side" and seg.kind == "work":
            progress += f"  ·  {side_name(seg.side).capitalize()} side"
        if view.paused:
            # Only the word changes: the cue keeps its rows, so the bar and
            # the countdown under it never jump when a pause starts or ends.
            word, mood = "PAUSED", "paused"
            progress = "Paused: press space to carry on"
        self._show("#word", word)
        if mood != self._mood:
            self._mood = mood
            for name in MOOD_CLASSES:
                self.set_class(name == mood, f"mood-{name}")
        self._show("#movement", movement)
        self._bar.update(bar)
        if self._digits.display != show_digits:
            self._digits.display = show_digits
        if show_digits:
            self._show("#countdown", fmt_clock(view.remaining))
        self._show("#progress", progress)
        moving = breath if seg.kind == "work" else None
        self._figure.show(drill_figure(drill, moving, view.segment_elapsed, seg.side))
        self._show_card(view.card if seg.kind == "rest" else None)

    def on_mount(self) -> None:
        # Looked up once, before SessionScreen.on_mount (Textual calls each class's
        # handler, this one first) draws: the runner pushes a view 20 times a second.
        self._bar = self.query_one("#bar", BreathBar)
        self._digits = self.query_one("#countdown", BigDigits)
        self._figure = self.query_one("#figure", PoseFigure)

    def _show_card(self, card: Card | None) -> None:
        """The rest's card in the figure's place (the figure is back when the set starts)."""
        shown = card.id if card is not None else ""
        if self._shown.get("#card") == shown:
            return
        self._shown["#card"] = shown
        self.set_class(card is not None, "-card")
        if card is not None:
            self.query_one("#card", Static).update(card_text(card))

    def _show(self, selector: str, value: str) -> None:
        """Update a widget only when its text changes: each update costs a layout."""
        if self._shown.get(selector) == value:
            return
        self._shown[selector] = value
        widget = self.query_one(selector)
        if isinstance(widget, BigWord):
            widget.word = value
        elif isinstance(widget, BigDigits):
            widget.value = value
        else:
            widget.update(value)  # type: ignore[attr-defined]  # every other selector here names a Static, which has update()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "easier":
            return self.view.easier_drill is not None
        return True

    def action_pause(self) -> None:
        self.runner.pause()

    def action_done(self) -> None:
        self.runner.done()

    def action_easier(self) -> None:
        if self.view.easier_drill is not None:
            self.runner.easier()

    def action_skip(self) -> None:
        self.runner.skip()
