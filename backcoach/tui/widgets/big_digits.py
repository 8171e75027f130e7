"""A countdown in digits as large as the room allows, readable from the mat.

Textual's ``Digits`` has one size (3 rows). On a 120x40 terminal or larger
a countdown of that size leaves most of the screen empty, so this draws the
same ``m:ss`` with the block-pixel font of ``big_word`` at the largest
scale that fits the widget (3, 5, 8 or 10 rows), and as plain bold text
where even the smallest does not fit.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from backcoach.tui.widgets.big_word import fit_pixels

DIGIT_FONT: dict[str, tuple[str, ...]] = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    ":": ("0", "1", "0", "1", "0"),
}


class BigDigits(Widget):
    """Shows ``value`` (digits and ``:``); its colour and size come from CSS."""

    DEFAULT_CSS = """
    BigDigits { height: 3; width: 1fr; }
    """

    value: reactive[str] = reactive("")

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's own keywords (id, classes, ...), passed through unretyped
        self.value = value

    def update(self, value: str) -> None:
        """The same call as ``Digits.update``, so a screen can swap one for the other."""
        self.value = value

    def render(self) -> Text:
        width, height = self.size
        glyphs = [DIGIT_FONT[char] for char in self.value if char in DIGIT_FONT]
        rows = fit_pixels(glyphs, width, height) if glyphs and len(glyphs) == len(self.value) else None
        if rows is None:
            return Text(self.value, style="bold", justify="center")
        pad = (width - len(rows[0])) // 2
        top = "\n" * ((height - len(rows)) // 2)
        return Text(top + "\n".join(" " * pad + row for row in rows))
