"""The pain gate before every drill: a score, its band in colour and words,
and only the choices that band allows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from backcoach.coach.pain import Band, GateChoice, GateResult, band_for_score
from backcoach.tui.screens.base import SessionScreen
from backcoach.tui.widgets.key_bar import KeyBar
from backcoach.tui.widgets.pain_scale import PainScale

CHOICE_KEYS = {GateChoice.GO: "enter", GateChoice.EASIER: "e", GateChoice.SKIP: "s", GateChoice.END: "x"}

def band_advice(band: Band, easier_offered: bool) -> str:
    """What the band means, naming only choices that really exist."""
    if band is Band.GREEN:
        # Only a locked program offers the easier version in green: its dose
        # was set by a physiotherapist, so doing less must stay easy to find.
        if easier_offered:
            return "Green: go ahead with the full dose, or take the easier version if you prefer."
        return "Green: go ahead with the full dose."
    if band is Band.AMBER:
        return "Amber: acceptable. Go gently" + (", or take the easier version." if easier_offered else ".")
    if band is Band.RED:
        if easier_offered:
            return "Red: no full dose today. Take the easier version or skip this one."
        return "Red: no full dose today, and this drill has no easier version: skip it."
    return "Stop: this drill is skipped. We suggest ending the session and resting today."


class GateScreen(SessionScreen):
    CSS_PATH = "pain.tcss"
    BINDINGS = [
        Binding("enter", "default_choice", "Go", show=False),
        Binding("e", "choose('easier')", "Easier version", show=False),
        Binding("s", "choose('skip')", "Skip drill", show=False),
        Binding("x", "choose('end')", "End session", show=False),
    ]

    def compose(self) -> ComposeResult:
        engine = self.engine
        drill = engine.planned_drill
        yield Static("Pain check", classes="heading")
        with VerticalScroll():
            yield Static(
                f"Next: {drill.name} (drill {engine.index + 1} of {engine.drill_count}).\n"
                "How is your back right now, 0 to 10?",
                classes="lead",
                markup=False,
            )
            yield PainScale(id="scale")
            yield Static(id="band", classes="band", markup=False)
            yield Static(id="choices", classes="choices", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#band").display = False
        self.query_one("#choices").display = False
        self.query_one(PainScale).focus()

    def on_pain_scale_confirmed(self, message: PainScale.Confirmed) -> None:
        message.scale.disabled = True
        result = self.runner.act(lambda: self.engine.gate(message.score))
        if self.is_current:
            self._show_result(result)

    def _show_result(self, result: GateResult) -> None:
        band = self.query_one("#band", Static)
        text = band_advice(result.band, result.easier_offered)
        checkin = self.engine.checkin_pain
        if result.rose and checkin is not None and result.band is not band_for_score(result.score):
            text += (
                f"\n{result.score} is {result.score - checkin} points above your check-in "
                f"({checkin}), so it counts one band higher."
            )
        if result.over_limit:
            text += f"\nYour program asks to stay at or below {self.engine.program.pain_limit}."
        band.update(f"{result.score}/10  {text}")
        for name in ("green", "amber", "red", "stop"):
            band.set_class(result.band.value == name, name)
        band.display = True
        choices = self.query_one("#choices", Static)
        choices.update("\n".join(self._choice_lines(result)))
        choices.display = True
        self.refresh_bindings()

    def _choice_lines(self, result: GateResult) -> list[str]:
        easier = self.engine.easier_drill
        lines = []
        for position, choice in enumerate(result.choices):
            key = "enter" if position == 0 else CHOICE_KEYS[choice]
            if choice is GateChoice.GO:
                label = "go: full dose"
            elif choice is GateChoice.EASIER:
                label = f"easier version: {easier.name}" if easier else "easier version"
            elif choice is GateChoice.SKIP:
                label = "skip this drill" if result.band is not Band.STOP else "skip it and carry on"
            else:
                label = "end the session"
            lines.append(f"{key:>5}  {label}")
        return lines

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        result = self.engine.gate_result if self.engine.stage.value == "gate" else None
        if action == "default_choice":
            return result is not None
        if action == "choose":
            return result is not None and GateChoice(str(parameters[0])) in result.choices
        return True

    def action_default_choice(self) -> None:
        result = self.engine.gate_result
        if result is not None:
            self._choose(result.choices[0])

    def action_choose(self, choice: str) -> None:
        self._choose(GateChoice(choice))

    def _choose(self, choice: GateChoice) -> None:
        result = self.engine.gate_result
        if result is None or choice not in result.choices:
            return
        self.runner.act(lambda: self.engine.choose(choice))
