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
    "F": ("111", "100", "110", "100", "100"),
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


def draw_pixels(glyphs: list[tuple[str, ...]], columns: int, half_rows: int) -> list[str]:
    """Text rows drawing 5-pixel-high ``glyphs`` side by side, one pixel gap apart.

    Each pixel is ``columns`` wide and ``half_rows`` half-characters high,
    so one font serves every size from a laptop to a wall screen.
    """
    pixel_rows: list[str] = []
    for row in range(5):
        line = "0".join(glyph[row] for glyph in glyphs)
        pixel_rows += ["".join(p * columns for p in line)] * half_rows
    if len(pixel_rows) % 2:
        pixel_rows.append("0" * len(pixel_rows[0]))
    return [
        "".join(_HALF[(t, b)] for t, b in zip(top, bottom, strict=True))
        for top, bottom in zip(pixel_rows[0::2], pixel_rows[1::2], strict=True)
    ]


def rows_for(half_rows: int) -> int:
    """How many text rows a 5-pixel glyph takes at ``half_rows`` per pixel."""
    return -(-5 * half_rows // 2)


def render_big(word: str, scale: int = 2) -> list[str]:
    """Three text rows drawing ``word``; each pixel is ``scale`` columns wide."""
    return draw_pixels([_FONT[char] for char in word.upper()], scale, 1)


def fit_pixels(glyphs: list[tuple[str, ...]], width: int, height: int) -> list[str] | None:
    """``glyphs`` drawn as large as ``width`` x ``height`` allows (None: not even the smallest).

    Pixels are twice as wide as a half-row where they can be (the look of
    Textual's ``Digits``), then squarer, before a smaller size is tried.
    """
    for half_rows in (4, 3, 2, 1):
        if rows_for(half_rows) > height:
            continue
        for columns in range(2 * half_rows, half_rows - 1, -1):
            rows = draw_pixels(glyphs, columns, half_rows)
            if len(rows[0]) <= width:
                return rows
    return None


class BigWord(Widget):
    """Shows ``word`` large; its colour comes from CSS, so themes and NO_COLOR apply.

    It grows with the room CSS gives it (3 rows by default, more on a big
    terminal): a phase word must be readable from the mat.
    """

    DEFAULT_CSS = """
    BigWord { height: 3; width: 1fr; }
    """

    word: reactive[str] = reactive("", layout=True)

    def __init__(self, word: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's own keywords (id, classes, ...), passed through unretyped
        self.word = word

    def render(self) -> Text:
        width, height = self.size
        if can_draw(self.word):
            rows = fit_pixels([_FONT[char] for char in self.word.upper()], width, height)
            if rows is not None:
                pad = (width - len(rows[0])) // 2
                top = "\n" * ((height - len(rows)) // 2)
                return Text(top + "\n".join(" " * pad + row for row in rows))
        return Text(f"\n{self.word.upper()}", style="bold", justify="center")
