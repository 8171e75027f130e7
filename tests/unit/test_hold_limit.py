"""A drill's longest hold (``max_hold_seconds``) is data, and nothing can set
a hold past it: not the drill's own dose, not a program file, not the
builder, not the swap to an easier version (CLINICAL.md 6: bird dog holds
5-10 s, never more than 10 s)."""

from __future__ import annotations

import copy
import json
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from factories import content_tomlgen
from hypothesis import given, settings, strategies as st

from backcoach import cli
from backcoach.coach.plan import dose_for_easier
from backcoach.content.builder import DraftError, ProgramDraft, bounds_text
from backcoach.content.cache_codec import Doubt, decode_drill, encode_drill
from backcoach.content.drills import parse_drill
from backcoach.content.errors import ContentError
from backcoach.content.library import Library, default_library
from backcoach.content.programs import parse_program
from tests.factories import make_drill

FIXTURES = Path(__file__).parent / "fixtures" / "content"
PLANK = tomllib.loads((FIXTURES / "drills" / "front-plank.toml").read_text(encoding="utf-8"))
CAMEL = tomllib.loads((FIXTURES / "drills" / "cat-camel.toml").read_text(encoding="utf-8"))
BIRD_DOG_SENTENCE = "must be at most 10 seconds for Bird dog, which is done as short holds, repeated"


tomlgen = content_tomlgen()


@pytest.fixture(scope="module")
def shipped() -> Library:
    default_library.cache_clear()
    return default_library()


def _drill_file(base: dict[str, Any], **top: Any) -> str:
    data = copy.deepcopy(base)
    data.update(top)
    return tomlgen.dumps(data)


# ---- the drill file -----------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "top", "expected"),
    [
        (PLANK, {"max_hold_seconds": 10}, "d.toml: dosage.hold_seconds: must be at most 10 seconds for Front plank"),
        (PLANK, {"max_hold_seconds": 4}, "d.toml: max_hold_seconds: must be a whole number of seconds between 5 and 600"),
        (PLANK, {"max_hold_seconds": 601}, "d.toml: max_hold_seconds: must be a whole number of seconds between 5 and 600"),
        (PLANK, {"max_hold_seconds": "10"}, "d.toml: max_hold_seconds: must be a whole number of seconds between 5 and 600"),
        (PLANK, {"max_hold_seconds": True}, "d.toml: max_hold_seconds: must be a whole number of seconds between 5 and 600"),
        (PLANK, {"max_hold_seconds": 10.0}, "d.toml: max_hold_seconds: must be a whole number, without a decimal point (10, not 10.0)"),
        (CAMEL, {"max_hold_seconds": 10}, "d.toml: max_hold_seconds: only a hold drill has a longest hold; this is a reps drill"),
    ],
)  # fmt: skip
def test_a_bad_longest_hold_is_one_clear_problem(base: dict[str, Any], top: dict[str, Any], expected: str) -> None:
    with pytest.raises(ContentError) as info:
        parse_drill(_drill_file(base, **top), "d.toml")
    found = [str(problem) for problem in info.value.problems]
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize(("limit", "expected"), [(None, None), (20, 20), (45, 45)])
def test_a_longest_hold_at_or_above_the_dose_loads(limit: int | None, expected: int | None) -> None:
    top = {} if limit is None else {"max_hold_seconds": limit}
    drill = parse_drill(_drill_file(PLANK, **top), "d.toml")
    assert drill.max_hold_seconds == expected and drill.dosage.hold_seconds == 20


def test_the_big_three_short_holds_are_capped_in_the_library(shipped: Library) -> None:
    for drill_id in ("bird-dog", "mcgill-curl-up"):
        drill = shipped[drill_id]
        assert drill.max_hold_seconds == 10, drill_id
        assert 5 <= drill.dosage.hold_seconds <= 10, drill_id
    capped = [drill for drill in shipped.values() if drill.max_hold_seconds is not None]
    assert all(drill.kind == "hold" for drill in capped)


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.integers(-5, 700), st.floats(allow_nan=False), st.booleans(), st.text(max_size=3)),
    st.integers(5, 600),
)
def test_mutated_longest_holds_load_exactly_or_fail_on_the_hold(limit: Any, hold: int) -> None:
    """Whatever longest hold and dose a drill file gives, it loads with
    exactly those when the dose fits under the cap, or fails with problems
    that point at the cap or the dose and nowhere else."""
    data = copy.deepcopy(PLANK)
    data["dosage"]["hold_seconds"] = hold
    data["max_hold_seconds"] = limit
    fits = type(limit) is int and 5 <= limit <= 600 and hold <= limit
    try:
        drill = parse_drill(tomlgen.dumps(data), "fuzz.toml")
    except ContentError as exc:
        assert not fits and exc.problems
        assert all(p.where in ("max_hold_seconds", "dosage.hold_seconds") for p in exc.problems), exc.problems
        return
    assert fits and (drill.max_hold_seconds, drill.dosage.hold_seconds) == (limit, hold)
    assert decode_drill(encode_drill(drill)) == drill


# ---- a program file -----------------------------------------------------------


def _program(hold: int, drill_id: str = "bird-dog") -> str:
    return f'id = "p"\nname = "P"\n\n[[drills]]\nid = "cat-camel"\n\n[[drills]]\nid = "{drill_id}"\nhold = {hold}\n'


@pytest.mark.parametrize(
    ("drill_id", "hold", "problem"),
    [
        ("bird-dog", 11, f"p.toml: drills[2].hold: {BIRD_DOG_SENTENCE} (got 11)"),
        ("bird-dog", 600, f"p.toml: drills[2].hold: {BIRD_DOG_SENTENCE} (got 600)"),
        ("mcgill-curl-up", 30, "p.toml: drills[2].hold: must be at most 10 seconds for McGill curl-up"),
        ("bird-dog", 4, "p.toml: drills[2].hold: must be a whole number of seconds between 5 and 600"),
        ("bird-dog", 10, None),
        ("bird-dog", 5, None),
        ("front-plank", 60, None),
    ],
)
def test_a_program_cannot_hold_past_the_drills_cap(
    shipped: Library, drill_id: str, hold: int, problem: str | None
) -> None:
    text = _program(hold, drill_id)
    if problem is None:
        program = parse_program(text, "p.toml", shipped)
        assert program.drills[1].dosage.hold_seconds == hold
        return
    with pytest.raises(ContentError) as info:
        parse_program(text, "p.toml", shipped)
    found = [str(p) for p in info.value.problems]
    assert len(found) == 1 and found[0].startswith(problem), found


# ---- the builder --------------------------------------------------------------


@pytest.mark.parametrize(
    ("drill_id", "hold", "refused"),
    [("bird-dog", 11, True), ("bird-dog", 10, False), ("mcgill-curl-up", 12, True), ("front-plank", 60, False)],
)
def test_the_builder_cannot_hold_past_the_drills_cap(
    shipped: Library, drill_id: str, hold: int, refused: bool
) -> None:
    draft = ProgramDraft(shipped)
    draft.name = "Anna"
    index = draft.add(drill_id)
    if not refused:
        draft.set_override(index, "hold", hold)
        assert draft.to_program().drills[0].dosage.hold_seconds == hold
        return
    with pytest.raises(DraftError) as info:
        draft.set_override(index, "hold", hold)
    assert info.value.setting == "hold"
    assert info.value.reason.startswith(f"must be at most 10 seconds for {shipped[drill_id].name}")
    assert "hold" not in draft.items[index].overrides  # the refused value was not kept


def test_the_builder_hint_gives_the_drills_own_range(shipped: Library) -> None:
    assert bounds_text("hold", shipped["bird-dog"]) == "5-10 s"
    assert bounds_text("hold", shipped["front-plank"]) == bounds_text("hold") == "5-600 s"
    assert bounds_text("sets", shipped["bird-dog"]) == "1-10"


# ---- the cache, the CLI, the easier swap --------------------------------------


def test_the_cache_keeps_the_longest_hold_and_doubts_a_bad_one(shipped: Library) -> None:
    bird = shipped["bird-dog"]
    assert decode_drill(encode_drill(bird)).max_hold_seconds == 10
    assert decode_drill(encode_drill(shipped["front-plank"])).max_hold_seconds is None
    for bad in ("10", -1, 1.5, True):
        raw = encode_drill(bird)
        raw["max_hold_seconds"] = bad
        with pytest.raises(Doubt):
            decode_drill(raw)
    raw = encode_drill(bird)
    del raw["max_hold_seconds"]  # a cache from before the field is not trusted
    with pytest.raises(Doubt):
        decode_drill(raw)


def test_drills_show_gives_the_longest_hold(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["drills", "show", "bird-dog", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["max_hold_seconds"] == 10
    assert cli.main(["drills", "show", "bird-dog"]) == 0
    assert "Each hold lasts at most 10 s: short holds, repeated." in capsys.readouterr().out
    assert cli.main(["drills", "show", "front-plank"]) == 0
    assert "at most" not in capsys.readouterr().out


@pytest.mark.parametrize(("current_hold", "expected"), [(30, 10), (10, 10), (8, 8), (6, 6)])
def test_the_easier_version_keeps_its_own_cap(current_hold: int, expected: int) -> None:
    easier = replace(make_drill("short-hold", "hold", hold=10, sets=3), max_hold_seconds=10)
    current = make_drill("long-hold", "hold", hold=current_hold, sets=2, easier="short-hold")
    swapped = dose_for_easier(easier, current)
    assert swapped.dosage.hold_seconds == expected and swapped.dosage.sets == 2


def test_an_easier_version_never_lasts_longer_than_its_own_dose() -> None:
    """Review finding: walking (600 s) made easier was a 600 s "short walk"."""
    from backcoach.content.library import default_library

    library = default_library()
    walking, short = library.get("walking"), library.get("short-walks")
    assert walking is not None and short is not None and short.dosage.seconds < walking.dosage.seconds
    assert dose_for_easier(short, walking).dosage.seconds == short.dosage.seconds
    shorter = walking.with_dosage(replace(walking.dosage, seconds=120))
    assert dose_for_easier(short, shorter).dosage.seconds == 120  # less is kept as it is
    bear, brace = library.get("bear-hold"), library.get("hands-knees-brace")
    assert bear is not None and brace is not None
    assert dose_for_easier(brace, bear).dosage.hold_seconds == min(bear.dosage.hold_seconds, brace.dosage.hold_seconds)
