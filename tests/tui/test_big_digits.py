"""Big means big: the countdown's digits and the phase word take the largest
size that fits the room they are given, and never more."""

from __future__ import annotations

import pytest

from backcoach.tui.widgets.big_digits import DIGIT_FONT
from backcoach.tui.widgets.big_word import can_draw, fit_pixels, render_big

CLOCK = [DIGIT_FONT[c] for c in "0:20"]


@pytest.mark.parametrize(("height", "rows"), [(3, 3), (4, 3), (5, 5), (8, 8), (10, 10), (40, 10)])
def test_the_digits_take_the_tallest_size_the_height_allows(height: int, rows: int) -> None:
    drawn = fit_pixels(CLOCK, 200, height)
    assert drawn is not None and len(drawn) == rows
    assert all(len(line) == len(drawn[0]) for line in drawn)


def test_a_narrow_room_gets_a_smaller_face_and_too_narrow_gets_none() -> None:
    wide = fit_pixels(CLOCK, 200, 10)
    narrow = fit_pixels(CLOCK, 30, 10)
    assert wide is not None and narrow is not None
    assert len(narrow[0]) <= 30 < len(wide[0])
    assert fit_pixels(CLOCK, 5, 10) is None
    assert fit_pixels(CLOCK, 200, 2) is None


def test_at_three_rows_the_face_is_textuals_digits_size() -> None:
    """The smallest face is what ``Digits`` gives (3 rows); anything larger is more."""
    drawn = fit_pixels(CLOCK, 80, 3)
    assert drawn is not None and len(drawn) == 3


def test_per_side_words_can_be_drawn_large() -> None:
    assert can_draw("LEFT SIDE") and can_draw("RIGHT SIDE")
    assert len(render_big("LEFT SIDE", 1)) == 3
