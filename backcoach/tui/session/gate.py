"""The pain gate before every drill: a score, its band in colour and words,
and only the choices that band allows.

One key answers it (``coach.session_gate``): a digit confirms at once (a
``1`` waits briefly for a ``0``), ``enter`` repeats the last score, and a
green or amber result goes on to "Get ready" by itself. Any other result
shows the band and its choices; the score (and ``l``, "it has spread
further down my leg", pressed before the score) can still be changed and
the band follows, until a choice is made. Where the band suggests ending,
ending is the ``enter`` choice (CLINICAL.md section 2, safe defaults).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.pain import Band, GateChoice, GateResult, band_for_score
from backcoach.coach.pain_advice import band_advice
from backcoach.coach.session import GateSource, SessionView, Stage
from backcoach.coach.session_gate import starts_on_its_own
from backcoach.tui.session.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pain_scale import TEN_WINDOW_SECONDS, PainScale

if TYPE_CHECKING:
    from backcoach.tui.session.runner import SessionRunner

CHOICE_KEYS = {GateChoice.GO: "enter", GateChoice.EASIER: "e", GateChoice.SKIP: "s", GateChoice.END: "x"}


def source_note(source: GateSource | None, score: int) -> str:
    """Where a score came from when the person did not type it just now."""
    if source is GateSource.CHECKIN:
        return f"Your check-in score, {score}/10, is this drill's pain check (no need to answer twice)."
    if source is GateSource.REPEATED:
        return f"The same as last time: {score}/10 (enter repeats the last score)."
    return ""


class GateScreen(SessionScreen):
    CSS_PATH = "pain.tcss"
    BINDINGS = [
        Binding("enter", "confirm", "Same score as last time"),
        # One enter, named after what it does here: the band's first choice.
        # Where the band suggests ending, that is ending (the safe default).
        Binding("enter", "default_choice('go')", "Go"),
        Binding("enter", "default_choice('easier')", "Easier version"),
        Binding("enter", "default_choice('skip')", "Skip drill"),
        Binding("enter", "default_choice('end')", "End session"),
        Binding("e", "choose('easier')", "Easier"),
        Binding("s", "choose('skip')", "Skip drill"),
        Binding("x", "choose('end')", "End session"),
        Binding("l", "leg_spread", "Spread down my leg"),
    ]

    def __init__(self, runner: SessionRunner, view: SessionView) -> None:
        super().__init__(runner, view)
        #: Once a score is confirmed, the band follows every change of it.
        self.confirmed = False
        self.leg_spread = False

    def compose(self) -> ComposeResult:
        view = self.view
        drill = view.planned_drill
        last = view.last_gate_pain
        again = f" enter = the same as last time ({last})." if last is not None else ""
        yield Static("Pain check", classes="heading")
        with VerticalScroll():
            yield Static(
                f"Next: {drill.name} (drill {view.index + 1} of {view.drill_count}).\n"
                f"How is your back right now, 0 to 10? A number goes straight on.{again} "
                "If the pain has spread further down your leg, press l first.",
                classes="lead",
                markup=False,
            )
            yield Static(id="source", classes="lead", markup=False)
            yield PainScale(id="scale", now=self.runner.real_seconds)
            yield Static(id="leg", classes="advice-box", markup=False)
            yield Static(id="band", classes="band", markup=False)
            yield Static(id="choices", classes="choices", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#band").display = False
        self.query_one("#choices").display = False
        self.query_one("#leg").display = False
        self.query_one("#source").display = False
        scale = self.query_one(PainScale)
        scale.focus()
        standing = self.view.gate_result
        if standing is not None and self.view.stage is Stage.GATE:
            # The check-in score, taken as this pain check, needs a choice.
            scale.score = standing.score
            self.confirmed = True
            self._show_result(standing)

    def on_pain_scale_changed(self, message: PainScale.Changed) -> None:
        # Keys can outrun this message (a paste, a slow link): a change that
        # arrives after the choice was made, or on another stage, is stale.
        if not self.is_current or self.view.stage is not Stage.GATE:
            return
        if self.confirmed:
            self._evaluate()
        elif message.typed and message.awaiting_zero:
            self.runner.wait_for_ten(self.leg_spread, TEN_WINDOW_SECONDS)
        elif message.typed:
            self._answer(message.score, GateSource.TYPED)

    def action_confirm(self) -> None:
        """``enter`` before a result: the score the arrows picked, else the last one again."""
        scale = self.query_one(PainScale)
        if scale.score is not None:
            self._answer(scale.score, GateSource.TYPED)
            return
        last = self.view.last_gate_pain
        if last is None:
            self.notify("Press a number from 0 to 10 first (1 then 0 for 10).", timeout=4)
            return
        scale.score = last
        self._answer(last, GateSource.REPEATED)

    def _answer(self, score: int, source: GateSource) -> None:
        """One key's answer: green or amber goes on by itself, anything else shows its choices."""
        result = self.runner.quick_gate(score, self.leg_spread, source)
        if starts_on_its_own(result) or not self.is_current:
            return
        self.confirmed = True
        self._show_result(result)

    def action_leg_spread(self) -> None:
        self.leg_spread = not self.leg_spread
        leg = self.query_one("#leg", Static)
        leg.update("Noted: the pain has spread further down your leg (l again to undo).")
        leg.display = self.leg_spread
        if self.confirmed:
            self._evaluate()

    def _evaluate(self) -> None:
        score = self.query_one(PainScale).score
        if score is None or self.view.stage is not Stage.GATE:
            return
        result = self.runner.gate(score, self.leg_spread)
        if self.is_current:
            self._show_result(result)

    def _show_result(self, result: GateResult) -> None:
        band = self.query_one("#band", Static)
        text = band_advice(result)
        checkin = self.view.checkin_pain
        if result.rose and checkin is not None and result.band is not band_for_score(result.score):
            text += (
                f"\n{result.score} is {result.score - checkin} points above your check-in "
                f"({checkin}), so it counts one band higher."
            )
        if result.over_limit:
            text += f"\nYour program asks to stay at or below {self.view.program.pain_limit}."
        band.update(f"{result.score}/10  {text}")
        source = self.query_one("#source", Static)
        note = source_note(self.view.gate_source, result.score)
        source.update(note)
        source.display = bool(note)
        for name in ("green", "amber", "red", "stop"):
            band.set_class(result.band.value == name, name)
        band.display = True
        choices = self.query_one("#choices", Static)
        choices.update("\n".join(self._choice_lines(result)))
        choices.display = True
        self.call_after_refresh(choices.scroll_visible, animate=False)
        self.refresh_bindings()

    def _choice_lines(self, result: GateResult) -> list[str]:
        easier = self.view.easier_drill
        lines = []
        for position, choice in enumerate(result.choices):
            key = "enter" if position == 0 else CHOICE_KEYS[choice]
            if choice is GateChoice.GO:
                label = "go: full dose"
            elif choice is GateChoice.EASIER:
                label = f"easier version: {easier.name}" if easier else "easier version"
            elif choice is GateChoice.SKIP:
                label = "skip this drill" if result.band is not Band.STOP else "skip it and carry on"
            elif result.suggest_end:
                label = "end the session and rest today"
            else:
                label = "end the session"
            lines.append(f"{key:>5}  {label}")
        lines.append("  0-10 change the score   l pain spread down my leg")
        return lines

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        result = self.view.gate_result if self.confirmed and self.view.stage is Stage.GATE else None
        if action == "confirm":
            return not self.confirmed
        if action == "default_choice":
            return result is not None and result.choices[0] is GateChoice(str(parameters[0]))
        if action == "choose":
            return result is not None and GateChoice(str(parameters[0])) in result.choices
        return True

    def action_default_choice(self, choice: str) -> None:
        self._choose(GateChoice(choice))

    def action_choose(self, choice: str) -> None:
        self._choose(GateChoice(choice))

    def _choose(self, choice: GateChoice) -> None:
        result = self.view.gate_result
        if not self.confirmed or result is None or self.view.stage is not Stage.GATE:
            return
        if (self.query_one(PainScale).score, self.leg_spread) != (result.score, result.leg_spread):
            # The score shown changed since the band was worked out (its
            # message has not arrived yet): show the new band, act on nothing.
            self._evaluate()
            return
        if choice not in result.choices:
            return
        self.runner.choose(choice)
