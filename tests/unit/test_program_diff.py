"""What replacing an installed program changes, in words: a table of old and new files."""

from __future__ import annotations

import pytest

from backcoach.content.library import default_library
from backcoach.content.program_diff import NO_CHANGES, diff_lines, program_changes
from backcoach.content.programs import parse_program

LIB = default_library()
HEAD = 'id = "anna"\nname = "Anna week 1"\n'


def program(settings: str = "", *drills: str) -> str:
    """A program file: the top-level ``settings``, then one [[drills]] entry per
    string (its id, then any override lines after a ``;``)."""
    entries = []
    for drill in drills or ("cat-camel", "bird-dog", "glute-bridge"):
        drill_id, _, overrides = drill.partition(";")
        lines = [f'id = "{drill_id}"', *(line.strip() for line in overrides.split(",") if line.strip())]
        entries.append("[[drills]]\n" + "\n".join(lines))
    return HEAD + settings + "\n" + "\n\n".join(entries) + "\n"


def lines(old: str, new: str) -> list[str]:
    return diff_lines(parse_program(old, "old.toml", LIB), parse_program(new, "new.toml", LIB))


THREE = ("cat-camel", "bird-dog", "glute-bridge")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(program(), program(), [NO_CHANGES], id="same"),
        pytest.param(
            program("", "cat-camel;reps = 8", "bird-dog", "glute-bridge"), program(), [NO_CHANGES],
            id="default-spelled-out-is-the-same",
        ),
        pytest.param(
            program(), program("", "cat-camel;reps = 12", "bird-dog", "glute-bridge"),
            ["Cat-camel: 8 -> 12 reps"], id="reps",
        ),
        pytest.param(
            program(), program("", "cat-camel", "bird-dog;hold = 10,sets = 3", "glute-bridge;rest = 45"),
            ["Bird dog: 5 -> 3 sets", "Bird dog: hold 8 s -> 10 s", "Glute bridge: rest 30 s -> 45 s"],
            id="sets-hold-rest",
        ),
        pytest.param(
            program(), program("", "cat-camel;tempo = 3", "bird-dog", "glute-bridge"),
            ["Cat-camel: 4/4 -> 3/3 s per breath"], id="tempo",
        ),
        pytest.param(
            program(), program("", 'cat-camel;exhale_on = "extension"', "bird-dog", "glute-bridge"),
            ["Cat-camel: breathe out on flexion -> on extension"], id="exhale-on",
        ),
        pytest.param(
            program("", "walking"), program("", "walking;seconds = 900"),
            ["Walking: 10 min -> 15 min"], id="timed",
        ),
        pytest.param(
            program(), program("", "cat-camel", "glute-bridge"),
            ["removed: Bird dog (was drill 2)"], id="removed",
        ),
        pytest.param(
            program(), program("", *THREE, "front-plank"),
            ["added: Front plank (drill 4)"], id="added",
        ),
        pytest.param(
            program(), program("", "glute-bridge", "cat-camel", "bird-dog"),
            ["moved: Glute bridge, drill 3 -> 1"], id="moved",
        ),
        pytest.param(
            program(), program("", "cat-camel", "front-plank", "glute-bridge;reps = 12"),
            ["removed: Bird dog (was drill 2)", "added: Front plank (drill 2)", "Glute bridge: 10 -> 12 reps"],
            id="swapped-and-dosed",
        ),
        pytest.param(
            program("", "cat-camel", "cat-camel;reps = 5"), program("", "cat-camel", "cat-camel;reps = 6"),
            ["Cat-camel: 5 -> 6 reps"], id="same-drill-twice-matched-in-order",
        ),
        pytest.param(
            program("locked = true\npain_limit = 4\ndays_per_week = 3\n"),
            program("pain_limit = 3\ndays_per_week = 5\nadapt = false\n"),
            ["locked: yes -> no", "pain_limit: 4 -> 3", "days_per_week: 3 -> 5", "adapt: yes -> no"],
            id="settings",
        ),
        pytest.param(
            program('clinician = "J. Physio"\nreview_on = 2027-01-15\nnotes = "private"\n'),
            program('clinician = "K. Physio"\nreview_on = 2027-02-01\nnotes = "other private words"\n'),
            ["clinician: J. Physio -> K. Physio", "review_on: 2027-01-15 -> 2027-02-01"],
            id="meta-without-the-private-notes",
        ),
        pytest.param(
            program(), program().replace("Anna week 1", "Anna week 2"),
            ['name: "Anna week 1" -> "Anna week 2"'], id="name",
        ),
    ],
)
def test_diff_lines(old: str, new: str, expected: list[str]) -> None:
    assert lines(old, new) == expected


def test_notes_never_appear_in_a_diff() -> None:
    old = parse_program(program('notes = "keep an eye on her left knee"\n'), "a.toml", LIB)
    new = parse_program(program('notes = "she is anxious"\n'), "a.toml", LIB)
    assert program_changes(old, new) == []


def test_changes_say_their_kind() -> None:
    old = parse_program(program("locked = true\n"), "a.toml", LIB)
    new = parse_program(program("", "bird-dog;sets = 2", "cat-camel", "front-plank"), "a.toml", LIB)
    kinds = [change.kind for change in program_changes(old, new)]
    assert kinds == ["setting", "removed", "added", "moved", "dose"]
