"""The 0-10 pain scale: eleven cells, the band's colour and a word.

Keys follow DESIGN.md: ``0``-``9`` pick a score, ``left``/``right`` adjust
(the only way to reach 10), ``enter`` confirms. The band is always shown in
words too, so the scale reads the same with NO_COLOR or a colour-blind eye.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from backcoach.coach.pain import band_for_score, pain_word

BAND_STYLE = {
    "green": "bold black on #4caf50",
    "amber": "bold black on #ffb300",
    "red": "bold white on #d32f2f",
    "stop": "bold white on #6a1b9a",
}


class PainScale(Widget, can_focus=True):
    BINDINGS = [
        Binding("left", "adjust(-1)", "Less", show=False),
        Binding("right", "adjust(1)", "More", show=False),
        Binding("enter", "confirm", "Confirm"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(10)],
    ]
    DEFAULT_CSS = """
    PainScale { height: 4; width: 1fr; }
    """

    score: reactive[int | None] = reactive(None)

    class Confirmed(Message):
        def __init__(self, scale: PainScale, score: int) -> None:
            super().__init__()
            self.scale = scale
            self.score = score

    def __init__(self, score: int | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.score = score

    def action_pick(self, score: int) -> None:
        self.score = score

    def action_adjust(self, step: int) -> None:
        base = self.score if self.score is not None else 0
        self.score = max(0, min(10, base + step))

    def action_confirm(self) -> None:
        if self.score is None:
            self.notify("Press a number from 0 to 9 first (right arrow reaches 10).", timeout=4)
            return
        self.post_message(self.Confirmed(self, self.score))

    def render(self) -> Text:
        cell = 5 if self.size.width >= 60 else 3 if self.size.width >= 36 else 2
        text = Text()
        for n in range(11):
            label = str(n).center(cell)
            if n == self.score:
                style = BAND_STYLE[band_for_score(n).value]
                text.append(label, style=style)
            else:
                text.append(label, style="reverse" if self.score is not None and n < self.score else "")
        text.append("\n")
        text.append("no pain".ljust(cell * 5) + "worst imaginable".rjust(cell * 6), style="dim")
        text.append("\n\n")
        if self.score is None:
            text.append("Press 0-9, or use the arrows; enter to confirm", style="italic")
        else:
            band = band_for_score(self.score)
            text.append(f" {self.score}/10  {pain_word(self.score)} ", style=BAND_STYLE[band.value])
        return text
