"""A word in large block letters, readable from a mat a metre away.

Textual's ``Digits`` only draws digits, so the phase words (EXHALE,
INHALE, HOLD, REST, ...) use this small 5-pixel-high font, drawn with
half-block characters into three rows of text. Words the font cannot
draw, or that do not fit the width, fall back to plain bold text.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_FONT: dict[str, tuple[str, ...]] = {
    "A": ("010", "101", "111", "101", "101"),
    "C": ("011", "100", "100", "100", "011"),
    "D": ("110", "101", "101", "101", "110"),
    "E": ("111", "100", "110", "100", "111"),
    "G": ("011", "100", "101", "101", "011"),
    "H": ("101", "101", "111", "101", "101"),
    "I": ("111", "010", "010", "010", "111"),
    "L": ("100", "100", "100", "100", "111"),
    "M": ("10001", "11011", "10101", "10001", "10001"),
    "N": ("1001", "1101", "1011", "1001", "1001"),
    "O": ("111", "101", "101", "101", "111"),
    "P": ("110", "101", "110", "100", "100"),
    "R": ("110", "101", "110", "101", "101"),
    "S": ("011", "100", "010", "001", "110"),
    "T": ("111", "010", "010", "010", "010"),
    "U": ("101", "101", "101", "101", "111"),
    "V": ("101", "101", "101", "101", "010"),
    "W": ("10001", "10001", "10101", "10101", "01010"),
    "X": ("101", "101", "010", "101", "101"),
    "Y": ("101", "101", "010", "010", "010"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("110", "001", "010", "100", "111"),
    " ": ("0", "0", "0", "0", "0"),
}
_HALF = {("1", "1"): "█", ("1", "0"): "▀", ("0", "1"): "▄", ("0", "0"): " "}


def can_draw(word: str) -> bool:
    return all(char in _FONT for char in word.upper())


def render_big(word: str, scale: int = 2) -> list[str]:
    """Three text rows drawing ``word``; each pixel is ``scale`` columns wide."""
    rows = ["", "", ""]
    for index, char in enumerate(word.upper()):
        glyph = _FONT[char]
        pixels = list(glyph) + ["0" * len(glyph[0])]
        for row in range(3):
            top, bottom = pixels[row * 2], pixels[row * 2 + 1]
            line = "".join(_HALF[(t, b)] * scale for t, b in zip(top, bottom, strict=True))
            rows[row] += line + (" " * scale if index < len(word) - 1 else "")
    return rows


class BigWord(Widget):
    """Shows ``word`` large; its colour comes from CSS, so themes and NO_COLOR apply."""

    DEFAULT_CSS = """
    BigWord { height: 3; width: 1fr; }
    """

    word: reactive[str] = reactive("", layout=True)

    def __init__(self, word: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's own keywords (id, classes, ...), passed through unretyped
        self.word = word

    def render(self) -> Text:
        width = self.size.width
        if can_draw(self.word):
            for scale in (2, 1):
                rows = render_big(self.word, scale)
                if len(rows[0]) <= width:
                    pad = (width - len(rows[0])) // 2
                    return Text("\n".join(" " * pad + row for row in rows))
        return Text(f"\n{self.word.upper()}", style="bold", justify="center")
