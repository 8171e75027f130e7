"""The validator's messages a physio reads when a value is nearly right:
``12.0`` for 12, a misspelled setting, one drill too many (``content.validate``)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from factories import content_tomlgen

from backcoach.content.drills import parse_drill
from backcoach.content.errors import ContentError
from backcoach.content.library import Library, load_library
from backcoach.content.programs import parse_program
from backcoach.content.validate import one_slip, or_list, unknown_key_message

FIXTURES = Path(__file__).parent / "fixtures" / "content"
tomlgen = content_tomlgen()

HEAD = 'id = "anna"\nname = "Anna week 1"\ndescription = ""\n'


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(FIXTURES / "drills")


def program_problems(text: str, library: Library) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_program(text, "clinic/anna.toml", library)
    return [str(problem) for problem in info.value.problems]


def drill_problems(change: Any, drill_id: str = "front-plank") -> list[str]:
    import tomllib

    data = tomllib.loads((FIXTURES / "drills" / f"{drill_id}.toml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    change(data)
    with pytest.raises(ContentError) as info:
        parse_drill(tomlgen.dumps(data), f"{drill_id}.toml")
    return [str(problem) for problem in info.value.problems]


PROGRAM_CASES = [
    # a whole number written with a decimal point
    (HEAD + '\n[[drills]]\nid = "cat-camel"\nreps = 12.0\n',
     "drills[1].reps: must be a whole number, without a decimal point (12, not 12.0)"),
    (HEAD + '\n[[drills]]\nid = "front-plank"\nhold = 20.0\n',
     "drills[1].hold: must be a whole number, without a decimal point (20, not 20.0)"),
    (HEAD + 'pain_limit = 4.0\n\n[[drills]]\nid = "cat-camel"\n',
     "pain_limit: must be a whole number, without a decimal point (4, not 4.0)"),
    # not whole, or whole but out of bounds: the bounds are what to fix
    (HEAD + '\n[[drills]]\nid = "cat-camel"\nreps = 12.5\n', "drills[1].reps: must be a whole number between 1 and 50"),
    (HEAD + '\n[[drills]]\nid = "cat-camel"\nreps = 60.0\n', "drills[1].reps: must be a whole number between 1 and 50"),
    # misspelled settings: the nearest ones
    (HEAD + '\n[[drills]]\nid = "front-plank"\nhodl = 20\n', "drills[1].hodl: unknown setting hodl; did you mean hold?"),
    (HEAD + '\n[[drills]]\nid = "cat-camel"\nrpes = 8\n', "drills[1].rpes: unknown setting rpes; did you mean reps?"),
    (HEAD + 'lokced = true\n\n[[drills]]\nid = "cat-camel"\n', "lokced: unknown setting lokced; did you mean locked?"),
    (HEAD + 'days_per_weak = 3\n\n[[drills]]\nid = "cat-camel"\n',
     "days_per_weak: unknown setting days_per_weak; did you mean days_per_week?"),
    (HEAD + 'clinican = "J. Physio"\n\n[[drills]]\nid = "cat-camel"\n',
     "clinican: unknown setting clinican; did you mean clinician?"),
    (HEAD + '\n[profile]\neses = "flexion"\n\n[[drills]]\nid = "cat-camel"\n',
     "profile.eses: unknown setting eses; did you mean eases?"),
    (HEAD + '\n[profile]\nlimits = { extenson = "small" }\n\n[[drills]]\nid = "cat-camel"\n',
     "profile.limits.extenson: unknown setting extenson; did you mean extension?"),
    # nothing close: every setting it takes
    (HEAD + '\n[[drills]]\nid = "front-plank"\nweight = 5\n',
     "drills[1].weight: unknown setting weight; expected one of: id, sets, hold, rest"),
    # one drill too many, counted
    (HEAD + '\n[[drills]]\nid = "cat-camel"\n' * 41, "drills: 41 entries, at most 40"),
    (HEAD + '\n[[drills]]\nid = "cat-camel"\n' * 55, "drills: 55 entries, at most 40"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PROGRAM_CASES, ids=[case[1].split(":")[0] + f"-{n}" for n, case in enumerate(PROGRAM_CASES)])
def test_program_messages(library: Library, text: str, expected: str) -> None:
    assert program_problems(text, library) == [f"clinic/anna.toml: {expected}"]


def test_forty_drills_are_allowed(library: Library) -> None:
    program = parse_program(HEAD + '\n[[drills]]\nid = "cat-camel"\n' * 40, "anna.toml", library)
    assert len(program.items) == 40


def _put(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _rename(path: str, new: str) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[new] = target.pop(last)

    return change


DRILL_CASES = [
    (_rename("purpose", "purpse"), "purpse: unknown setting purpse; did you mean purpose?"),
    (_rename("dosage.hold_seconds", "hodl_seconds"), "dosage.hodl_seconds: unknown setting hodl_seconds; did you mean hold_seconds?"),
    (_rename("direction.flexion", "flexon"), "direction.flexon: unknown setting flexon; did you mean flexion?"),
    (_put("dosage.hold_seconds", 20.0), "dosage.hold_seconds: must be a whole number, without a decimal point (20, not 20.0)"),
    (_put("cues", ["a", "b", "c", "d", "e"]), "cues: 5 entries, at most 4"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), DRILL_CASES, ids=[case[1].split(":")[0] for case in DRILL_CASES])
def test_drill_file_messages(change: Any, expected: str) -> None:
    assert f"front-plank.toml: {expected}" in drill_problems(change)


@pytest.mark.parametrize(
    ("words", "expected"),
    [([], ""), (["hold"], "hold"), (["hold", "rest"], "hold or rest"), (["hold", "rest", "reps"], "hold, rest or reps")],
)
def test_or_list(words: list[str], expected: str) -> None:
    assert or_list(words) == expected


@pytest.mark.parametrize(
    ("typed", "allowed", "expected"),
    [
        # one slip of the finger is the answer, even where other names are alike
        ("ret", ("reps", "sets", "rest"), "unknown setting ret; did you mean rest?"),
        ("rpes", ("reps", "sets", "rest"), "unknown setting rpes; did you mean reps?"),
        # two slips as likely: both
        ("sest", ("reps", "sets", "rest"), "unknown setting sest; did you mean sets or rest?"),
        # alike, but no single slip: the alike ones
        ("hold_secs", ("sets", "hold_seconds", "rest_seconds"), "unknown setting hold_secs; did you mean hold_seconds?"),
    ],
)
def test_the_nearest_settings(typed: str, allowed: tuple[str, ...], expected: str) -> None:
    assert unknown_key_message(typed, allowed) == expected


def test_an_odd_key_is_shown_quoted_and_cut() -> None:
    message = unknown_key_message("a key\nwith a line break " + "x" * 80, ("hold",))
    assert message.startswith("unknown setting 'a key\\nwith a line break xxxxxxxxxxxxx...'; expected one of: hold")


@pytest.mark.parametrize(
    ("typed", "word", "slip"),
    [
        ("hodl", "hold", True),  # two letters swapped
        ("hld", "hold", True),  # one missing
        ("holld", "hold", True),  # one extra
        ("hald", "hold", True),  # one wrong
        ("hold", "hold", False),  # no slip at all
        ("hdlo", "hold", False),  # two slips
        ("ho", "hold", False),
    ],
)
def test_one_slip(typed: str, word: str, slip: bool) -> None:
    assert one_slip(typed, word) is slip
