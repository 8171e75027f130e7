"""The 0-10 pain scale: eleven cells, the band's colour and a word.

Keys follow DESIGN.md: ``0``-``9`` pick a score, ``10`` is typed as ``1``
then ``0`` (a ``1`` waits briefly for a following ``0``), ``left``/``right``
adjust. The scale only picks: ``enter`` belongs to the screen, which decides
what confirming means there, so the score can still be changed until the
choice that follows it is made. The band is always shown in words too, so
the scale reads the same with NO_COLOR or a colour-blind eye.
"""

from __future__ import annotations

import time
from collections.abc import Callable

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
#: How long after a ``1`` a ``0`` still makes it 10 (seconds of the clock given).
TEN_WINDOW_SECONDS = 1.5


class PainScale(Widget, can_focus=True):
    BINDINGS = [
        Binding("left", "adjust(-1)", "Less", show=False),
        Binding("right", "adjust(1)", "More", show=False),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(10)],
    ]
    DEFAULT_CSS = """
    PainScale { height: 4; width: 1fr; }
    """

    score: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The score shown changed (a digit, ``1 0``, or an arrow).

        ``typed``: a digit chose it (a pain check takes that as confirmed),
        not an arrow (which only moves the score until ``enter``).
        ``awaiting_zero``: it is a ``1`` that a ``0`` could still make 10,
        as it stood when the key was pressed: a ``0`` typed in the same burst
        is handled before this message arrives, so the scale's state by then
        says nothing about this key."""

        def __init__(self, scale: PainScale, score: int, typed: bool = False, awaiting_zero: bool = False) -> None:
            super().__init__()
            self.scale = scale
            self.score = score
            self.typed = typed
            self.awaiting_zero = awaiting_zero

    def __init__(
        self,
        score: int | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's own keywords (id, classes, ...), passed through unretyped
        self.set_reactive(PainScale.score, score)
        #: The clock the ``1 0`` window is measured on (the session's clock,
        #: so a test's fake clock makes it exact).
        self._now = now
        self._one_at: float | None = None

    def _awaiting_zero(self) -> bool:
        return self._one_at is not None and self._now() - self._one_at <= TEN_WINDOW_SECONDS

    def action_pick(self, digit: int) -> None:
        if digit == 0 and self.score == 1 and self._awaiting_zero():
            self._one_at = None
            self._set(10, typed=True)
            return
        self._one_at = self._now() if digit == 1 else None
        self._set(digit, typed=True)
        if digit == 1:
            # Redraw once the window has passed, to drop the "0 for 10" hint.
            self.set_timer(TEN_WINDOW_SECONDS + 0.05, self.refresh)

    def action_adjust(self, step: int) -> None:
        self._one_at = None
        base = self.score if self.score is not None else 0
        self._set(max(0, min(10, base + step)))

    def _set(self, score: int, typed: bool = False) -> None:
        self.score = score
        awaiting = typed and score == 1 and self._awaiting_zero()
        self.post_message(self.Changed(self, score, typed, awaiting_zero=awaiting))

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
            text.append("Press 0-10 (1 then 0 for 10), or use the arrows", style="italic")
        else:
            band = band_for_score(self.score)
            text.append(f" {self.score}/10  {pain_word(self.score)} ", style=BAND_STYLE[band.value])
            if self.score == 1 and self._awaiting_zero():
                text.append("  press 0 now for 10", style="italic")
        return text
