"""The clinic's drill filter and progression line, and the demo speed steps."""

from __future__ import annotations

import pytest

from backcoach.coach.clock import DEMO_SPEEDS, next_speed
from backcoach.content.browse import ALL_CATEGORIES, category_choices, chain_text, drill_matches, filter_drills
from backcoach.content.library import default_library

LIBRARY = default_library()


@pytest.mark.parametrize(
    ("category", "text", "expected"),
    [
        ("core", "plank", [
            "front-plank", "incline-plank", "knee-plank", "knee-side-plank", "mcgill-curl-up", "side-plank",
            "side-lying-hip-lift",
        ]),  # fmt: skip
        (ALL_CATEGORIES, "SIDE plank", ["knee-side-plank", "mcgill-curl-up", "side-plank", "side-lying-hip-lift"]),
        (ALL_CATEGORIES, "plank side", ["knee-side-plank", "mcgill-curl-up", "side-plank", "side-lying-hip-lift"]),
        ("mobility", "plank", []),
        (ALL_CATEGORIES, "no such drill", []),
        ("nerve", "", [d.id for d in sorted((d for d in LIBRARY.values() if d.category == "nerve"), key=lambda d: d.name.casefold())]),
    ],
)
def test_filter_by_category_and_words(category: str, text: str, expected: list[str]) -> None:
    assert [d.id for d in filter_drills(LIBRARY.values(), category, text)] == expected


def test_no_filter_lists_every_drill_grouped_by_category() -> None:
    drills = filter_drills(LIBRARY.values())
    assert sorted(d.id for d in drills) == sorted(LIBRARY)
    order = [d.category for d in drills]
    categories = list(dict.fromkeys(order))
    assert categories == list(LIBRARY.categories())


def test_words_match_id_category_and_purpose() -> None:
    plank = LIBRARY["front-plank"]
    assert drill_matches(plank, "front plank")
    assert drill_matches(plank, "core")
    assert drill_matches(plank, "  ")
    assert not drill_matches(plank, "bridge")
    first_purpose_word = plank.purpose.split()[1]
    assert drill_matches(plank, first_purpose_word.upper())


def test_category_choices_start_with_all() -> None:
    assert category_choices(LIBRARY) == (ALL_CATEGORIES, *LIBRARY.categories())


def test_chain_marks_the_drill_and_is_empty_alone() -> None:
    assert chain_text(LIBRARY, "front-plank") == "Incline plank -> Kneeling plank -> [Front plank]"
    assert chain_text(LIBRARY, "knee-plank") == "Incline plank -> [Kneeling plank] -> Front plank"
    lonely = next(d for d in LIBRARY.values() if not d.easier and not d.harder)
    assert chain_text(LIBRARY, lonely.id) == ""


@pytest.mark.parametrize(
    ("speed", "step", "expected"),
    [
        (1.0, 1, 2.0),
        (2.0, 1, 4.0),
        (4.0, 1, 8.0),
        (8.0, 1, 8.0),
        (8.0, -1, 4.0),
        (2.0, -1, 1.0),
        (1.0, -1, 1.0),
        (3.0, 1, 4.0),  # between steps (a --speed 3 app): on to the next one up
        (0.5, 1, 1.0),
        (20.0, -1, 8.0),
    ],
)
def test_demo_speed_steps(speed: float, step: int, expected: float) -> None:
    assert next_speed(speed, step) == expected
    assert expected in DEMO_SPEEDS
