"""Direction tags and equipment: checked like every other drill field, kept
by the content cache, searchable, and shown (CLINICAL.md section 4)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from factories import content_tomlgen
from hypothesis import HealthCheck, given, settings, strategies as st

from backcoach.content.browse import QueryError, filter_drills, parse_query
from backcoach.content.cache_codec import Doubt, decode_drill, encode_drill
from backcoach.content.describe import equipment_text, needed_equipment, tags_text
from backcoach.content.drills import parse_drill
from backcoach.content.errors import ContentError
from backcoach.content.library import Library, default_library
from backcoach.content.model import DIRECTION_FIELDS, EQUIPMENT, EXTENTS, LOADS, NERVES, POSITIONS
from backcoach.content.sources import REFERENCES, SEEDS, source_text

FIXTURES = Path(__file__).parent / "fixtures" / "content"
CAMEL = tomllib.loads((FIXTURES / "drills" / "cat-camel.toml").read_text(encoding="utf-8"))
SEED_DIR = Path("/work/shared/seeds")


tomlgen = content_tomlgen()


@pytest.fixture(scope="module")
def shipped() -> Library:
    default_library.cache_clear()
    return default_library()


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_drill(tomlgen.dumps(data), "d.toml")
    return [str(problem) for problem in info.value.problems]


def _with(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(CAMEL)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("direction"), "d.toml: direction: required section [direction] is missing"),
        (
            lambda d: d["direction"].update(extension="huge"),
            "d.toml: direction.extension: must be one of: none, small, mid, end (got 'huge')",
        ),
        (
            lambda d: d["direction"].update(load="heavy"),
            "d.toml: direction.load: must be one of: none, bodyweight, loaded (got 'heavy')",
        ),
        (
            lambda d: d["direction"].update(nerve=True),
            "d.toml: direction.nerve: must be one of: none, slider, tensioner (got true)",
        ),
        (
            lambda d: d["direction"].update(position="upside down"),
            "d.toml: direction.position: must be one of: back, face_down, side, hands_knees, kneeling, sitting, "
            "standing (got 'upside down')",
        ),
        (lambda d: d["direction"].pop("side_bend"), "d.toml: direction.side_bend: required setting is missing"),
        (
            lambda d: d["direction"].update(twist="none"),
            "d.toml: direction.twist: unknown setting twist; expected one of: flexion, extension, rotation, side_bend, "
            "load, nerve, position",
        ),
        (
            lambda d: d.pop("equipment"),
            'd.toml: equipment: required setting is missing (use ["none"] when the drill needs nothing)',
        ),
        (lambda d: d.update(equipment=[]), 'd.toml: equipment: must be a list of 1 to 8 items, like ["mat", "ball"]'),
        (lambda d: d.update(equipment="mat"), 'd.toml: equipment: must be a list of 1 to 8 items, like ["mat", "ball"]'),
        (
            lambda d: d.update(equipment=["mat", "kettlebell"]),
            "d.toml: equipment[2]: must be one of: none, mat, band, ball, dowel, chair, wall, bike (got 'kettlebell')",
        ),
        (lambda d: d.update(equipment=["mat", "mat"]), "d.toml: equipment[2]: 'mat' is listed twice"),
        (
            lambda d: d.update(equipment=["none", "mat"]),
            'd.toml: equipment: "none" cannot be listed with other equipment',
        ),
    ],
)
def test_bad_direction_or_equipment_is_one_clear_problem(change: Any, expected: str) -> None:
    assert _problems(_with(change)) == [expected]


def test_tags_are_parsed() -> None:
    drill = parse_drill(tomlgen.dumps(CAMEL), "d.toml")
    assert drill.direction.flexion == "mid" and drill.direction.position == "hands_knees"
    assert drill.equipment == ("mat",)


CHOICES = {
    "flexion": EXTENTS, "extension": EXTENTS, "rotation": EXTENTS, "side_bend": EXTENTS,
    "load": LOADS, "nerve": NERVES, "position": tuple(POSITIONS),
}  # fmt: skip
ANY_VALUE = st.one_of(
    st.sampled_from([v for values in CHOICES.values() for v in values] + list(EQUIPMENT)),
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.lists(st.sampled_from([*EQUIPMENT, "x", ""]), max_size=10),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from([*DIRECTION_FIELDS, "twist", ""]), ANY_VALUE, max_size=4),
    st.sampled_from(["keep", "delete", "replace"]),
    ANY_VALUE,
)
def test_mutated_tags_load_exactly_or_fail_on_the_tag(
    direction_changes: dict[str, Any], equipment_op: str, equipment: Any
) -> None:
    """Whatever is written into [direction] and equipment, the drill either
    loads with exactly those values, every one from its scale, or fails with
    problems that point at those fields and nowhere else."""
    data = copy.deepcopy(CAMEL)
    data["direction"].update(direction_changes)
    if equipment_op == "delete":
        del data["equipment"]
    elif equipment_op == "replace":
        data["equipment"] = equipment
    try:
        drill = parse_drill(tomlgen.dumps(data), "fuzz.toml")
    except ContentError as exc:
        assert exc.problems
        assert all(p.where.startswith(("direction", "equipment")) for p in exc.problems), exc.problems
        return
    for name, choices in CHOICES.items():
        assert getattr(drill.direction, name) == data["direction"][name] and data["direction"][name] in choices
    assert set(data["direction"]) <= set(DIRECTION_FIELDS)
    assert list(drill.equipment) == data["equipment"] and set(drill.equipment) <= set(EQUIPMENT)
    assert decode_drill(encode_drill(drill)) == drill


def test_every_shipped_drill_is_tagged_and_round_trips_the_cache(shipped: Library) -> None:
    for drill in shipped.values():
        assert decode_drill(encode_drill(drill)) == drill
        assert drill.equipment and drill.direction.position in POSITIONS


@pytest.mark.parametrize(
    ("field", "value"),
    [("direction", {"flexion": "lots"}), ("equipment", ["mat", "mat"]), ("equipment", ["anvil"]), ("equipment", [])],
)
def test_the_cache_doubts_bad_tags(shipped: Library, field: str, value: Any) -> None:
    raw = encode_drill(shipped["cat-camel"])
    raw[field] = {**raw[field], **value} if isinstance(value, dict) else value
    with pytest.raises(Doubt):
        decode_drill(raw)


def test_tags_are_right_where_the_clinic_relies_on_them(shipped: Library) -> None:
    assert shipped["prone-lumbar-extension"].direction.extension != "none"
    assert shipped["prone-on-elbows"].direction.extension == "mid"
    assert shipped["knees-to-chest"].direction.flexion == "mid"
    assert shipped["sciatic-nerve-floss"].direction.nerve == "slider"
    assert shipped["open-book"].direction.rotation == "small"
    assert shipped["band-hip-hinge"].direction.load == "loaded"
    assert shipped["band-hip-hinge"].equipment == ("band",)
    assert shipped["adductor-ball-squeeze"].equipment == ("mat", "ball")
    assert shipped["stationary-bike"].equipment == ("bike",)


def test_hands_and_knees_drills_offer_fists_for_sore_wrists(shipped: Library) -> None:
    for drill in shipped.values():
        if drill.direction.position == "hands_knees":
            text = " ".join((*drill.cues, *drill.cautions)).casefold()
            assert "make fists" in text, drill.id


# --- search -----------------------------------------------------------------


def _ids(shipped: Library, text: str, category: str = "all") -> set[str]:
    return {d.id for d in filter_drills(shipped.values(), category, text)}


def test_direction_terms_filter_exactly(shipped: Library) -> None:
    no_extension = _ids(shipped, "extension:none")
    assert no_extension == {d.id for d in shipped.values() if d.direction.extension == "none"}
    assert "prone-lumbar-extension" not in no_extension and "dead-bug" in no_extension
    assert _ids(shipped, "nerve:slider") == {"sciatic-nerve-floss", "ankle-pumps"}
    assert _ids(shipped, "equipment:band") == {"band-hip-hinge", "monster-walk"}
    standing = _ids(shipped, "position:standing extension:none")
    assert standing and all(
        shipped[i].direction.position == "standing" and shipped[i].direction.extension == "none" for i in standing
    )


def test_at_most_terms_keep_the_lower_end_of_the_scale(shipped: Library) -> None:
    at_most_small = _ids(shipped, "extension:<=small")
    assert at_most_small == {d.id for d in shipped.values() if d.direction.extension in ("none", "small")}
    assert "prone-on-elbows" not in at_most_small and "glute-bridge" in at_most_small


def test_plain_words_find_cautions(shipped: Library) -> None:
    stenosis = _ids(shipped, "stenosis")
    assert {"prone-lumbar-extension", "cat-camel", "prone-on-elbows"} <= stenosis
    disc = _ids(shipped, "disc")
    assert {"knees-to-chest", "hamstring-stretch", "sciatic-nerve-floss"} <= disc
    assert _ids(shipped, "stenosis extension:none") <= _ids(shipped, "extension:none")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extnsion:none", "unknown search field 'extnsion'; use one of: flexion, extension, rotation, side_bend, "
         "load, nerve, position, equipment"),
        ("extension:lots", "extension can be none, small, mid, end (got 'lots')"),
        ("position:<=side", "position has no order, so position:<= cannot be used; use position:VALUE"),
    ],
)  # fmt: skip
def test_bad_terms_say_what_is_allowed(text: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(text)
    assert str(info.value) == message


def test_term_spelling_is_forgiving() -> None:
    assert parse_query("Side-Bend:NONE side:none").terms[0] == parse_query("side_bend:none").terms[0]


# --- in words -----------------------------------------------------------------


def test_every_source_is_a_seed_in_words(shipped: Library) -> None:
    for drill in shipped.values():
        assert drill.source in SEEDS or drill.source in REFERENCES, drill.id
    # The curl-up is in no seed: it comes from the review's McGill sources.
    assert "McGill" in source_text(shipped["mcgill-curl-up"].source)
    assert source_text("000_dc70ed090b9a3b32.txt") == "Back Pain Essentials, Movement As Medicine"
    assert source_text("somewhere else") == "somewhere else"


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the seed documents are not on this machine")
def test_seed_titles_are_the_documents_own() -> None:
    for name, (title, _author) in SEEDS.items():
        assert (SEED_DIR / name).read_text(encoding="utf-8").lstrip().startswith(title), name


def test_tags_text_says_it_in_words(shipped: Library) -> None:
    text = tags_text(shipped["adductor-ball-squeeze"])
    assert "You will need: a mat, a small ball" in text
    assert "Source: My understanding of back pain, Jen Xu, athletic trainer" in text
    assert "Tags: flexion:none extension:none" in text
    assert "lying on the back" in text


def test_needed_equipment_is_each_item_once_in_order(shipped: Library) -> None:
    drills = [shipped["monster-walk"], shipped["adductor-ball-squeeze"], shipped["glute-bridge"], shipped["walking"]]
    assert needed_equipment(drills) == ("mat", "band", "ball")
    assert equipment_text(needed_equipment(drills)) == "a mat, a resistance band, a small ball"
    assert equipment_text(needed_equipment([shipped["walking"]])) == "nothing"
