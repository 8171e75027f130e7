"""Whatever is thrown at the loaders, only ContentError comes out.

Program files come from clinicians and e-mail attachments; a crash with a
traceback instead of a message would lose the user. These properties feed
random text, random bytes and mutated valid files to the parsers, and check
that a valid program survives writing and reading back.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from factories import content_tomlgen
from hypothesis import HealthCheck, given, settings, strategies as st

from backcoach.content.drills import parse_drill
from backcoach.content.errors import ContentError
from backcoach.content.library import Library, load_library
from backcoach.content.model import Program
from backcoach.content.programs import (
    OVERRIDES_BY_KIND,
    applicable_overrides,
    load_program_file,
    parse_program,
    program_to_toml,
)

FIXTURES = Path(__file__).parent / "fixtures" / "content"
LIBRARY: Library = load_library(FIXTURES / "drills")
PROGRAM_TEXT = (FIXTURES / "programs" / "essentials.toml").read_text(encoding="utf-8")
PROGRAM_DATA = tomllib.loads(PROGRAM_TEXT)
DRILL_DATA = {
    path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
    for path in sorted((FIXTURES / "drills").glob("*.toml"))
}

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


tomlgen = content_tomlgen()

KEYS = st.sampled_from(
    [
        "id", "name", "description", "source", "pain_limit", "days_per_week", "locked",
        "drills", "reps", "sets", "rest", "hold", "seconds", "tempo", "exhale_on",
        "kind", "dosage", "breathing", "phases", "frames", "figure", "cues", "easier",
        "direction", "equipment", "extension", "position", "load", "nerve",
    ]
) | st.text(max_size=8)  # fmt: skip

SCALARS = st.one_of(
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([0, -1, 1, 2, 5, 10, 11, 50, 600, 601, 3600, 10**30, -(10**30)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), 2.5, 0.5, 1e308, -0.0]),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(["flexion", "extension", "cat-camel", "walking", "", "reps", "paired"]),
    st.sampled_from(["none", "small", "mid", "end", "slider", "tensioner", "back", "mat", "band", "bike"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


def _containers(data: Any) -> list[Any]:
    """Every dict and list inside ``data`` (including itself)."""
    found: list[Any] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.append(item)
            stack.extend(item)
    return found


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with a few keys deleted, replaced or added, anywhere in it."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        target = draw(st.sampled_from(_containers(data)))
        operation = draw(st.sampled_from(["delete", "replace", "add"]))
        if isinstance(target, dict):
            if operation == "delete" and target:
                del target[draw(st.sampled_from(sorted(target)))]
            elif operation == "replace" and target:
                target[draw(st.sampled_from(sorted(target)))] = draw(VALUES)
            else:
                target[draw(KEYS)] = draw(VALUES)
        elif isinstance(target, list):
            if operation == "delete" and target:
                del target[draw(st.integers(min_value=0, max_value=len(target) - 1))]
            elif operation == "replace" and target:
                target[draw(st.integers(min_value=0, max_value=len(target) - 1))] = draw(VALUES)
            else:
                target.append(draw(VALUES))
    return data


def _parse_program_or_content_error(text: str) -> None:
    try:
        program = parse_program(text, "fuzz.toml", LIBRARY)
    except ContentError as exc:
        assert exc.problems and all(str(problem) for problem in exc.problems)
    else:
        assert isinstance(program, Program)


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    _parse_program_or_content_error(text)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list('[]{}="\'\n =.,#abc123-_ \\tf')), max_size=200))
def test_random_toml_like_text(text: str) -> None:
    _parse_program_or_content_error(text)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _parse_program_or_content_error(data.decode("utf-8", errors="replace"))
    _parse_program_or_content_error(data.decode("latin-1"))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_in_a_file(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz-bytes.toml"
    path.write_bytes(data)
    try:
        load_program_file(path, LIBRARY)
    except ContentError:
        pass


@FUZZ
@given(mutated(PROGRAM_DATA))
def test_mutated_program_files(data: dict[str, Any]) -> None:
    _parse_program_or_content_error(tomlgen.dumps(data))


@FUZZ
@given(
    st.integers(min_value=0, max_value=len(PROGRAM_TEXT)),
    st.integers(min_value=0, max_value=40),
    st.text(max_size=20),
)
def test_spliced_program_text(start: int, length: int, insert: str) -> None:
    _parse_program_or_content_error(PROGRAM_TEXT[:start] + insert + PROGRAM_TEXT[start + length :])


@FUZZ
@given(st.sampled_from(sorted(DRILL_DATA)).flatmap(lambda stem: mutated(DRILL_DATA[stem])))
def test_mutated_drill_files(data: dict[str, Any]) -> None:
    try:
        parse_drill(tomlgen.dumps(data), "fuzz.toml")
    except ContentError as exc:
        assert exc.problems


# --- round trip -----------------------------------------------------------------

SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\r"),
    max_size=40,
)


def _override_value(key: str) -> st.SearchStrategy[Any]:
    bounds = {"reps": (1, 50), "sets": (1, 10), "rest": (0, 300), "hold": (5, 600),
              "seconds": (10, 3600)}  # fmt: skip
    if key in bounds:
        return st.integers(*bounds[key])
    if key == "tempo":
        return st.integers(1, 10) | st.floats(1, 10, allow_nan=False, allow_infinity=False)
    return st.sampled_from(["flexion", "extension"])


@st.composite
def program_files(draw: st.DrawFn) -> str:
    """Valid program files written by hand (the writer under test is not used)."""
    entries = []
    for drill_id in draw(st.lists(st.sampled_from(sorted(LIBRARY)), min_size=1, max_size=6)):
        keys = draw(st.sets(st.sampled_from(applicable_overrides(LIBRARY[drill_id]))))
        entry: dict[str, Any] = {"id": drill_id}
        entry.update({key: draw(_override_value(key)) for key in sorted(keys)})
        entries.append(entry)
    data: dict[str, Any] = {
        "id": draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        "name": draw(SAFE_TEXT.filter(lambda s: 0 < len(s.strip()) and len(s) <= 60)),
        "description": draw(SAFE_TEXT),
    }
    for key, strategy in (
        ("source", SAFE_TEXT.filter(lambda s: s.strip() != "")),
        ("pain_limit", st.integers(2, 5)),
        ("days_per_week", st.integers(1, 7)),
        ("locked", st.booleans()),
    ):
        if draw(st.booleans()):
            data[key] = draw(strategy)
    data["drills"] = entries
    return tomlgen.dumps(data)


@FUZZ
@given(program_files())
def test_program_round_trip(text: str) -> None:
    program = parse_program(text, "a.toml", LIBRARY)
    again = parse_program(program_to_toml(program), "b.toml", LIBRARY)
    assert again == program
    assert [item.overrides for item in again.items] == [item.overrides for item in program.items]


def test_every_kind_has_overrides() -> None:
    assert set(OVERRIDES_BY_KIND) == {"reps", "hold", "timed", "per_side"}
