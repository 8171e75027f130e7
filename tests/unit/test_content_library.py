"""The drill library: loading, validation messages, ordering and progressions.

Fixture drills under ``fixtures/content/drills`` keep these tests independent
of the shipped data; the ``TestShippedDrills`` class checks the real assets.
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from factories import content_tomlgen

from backcoach import paths
from backcoach.content.drills import parse_drill
from backcoach.content.errors import ContentError, Problem
from backcoach.content.library import Library, default_library, load_library
from backcoach.content.model import CATEGORIES, KINDS

FIXTURES = Path(__file__).parent / "fixtures" / "content"
FIXTURE_DRILLS = FIXTURES / "drills"


tomlgen = content_tomlgen()


def fixture_dict(drill_id: str) -> dict[str, Any]:
    return tomllib.loads((FIXTURE_DRILLS / f"{drill_id}.toml").read_text(encoding="utf-8"))


def problems_of(text: str, label: str = "d.toml", expected_id: str | None = None) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_drill(text, label, expected_id)
    return [str(problem) for problem in info.value.problems]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(FIXTURE_DRILLS)


# --- errors -----------------------------------------------------------------


def test_problem_and_error_strings() -> None:
    with_where = Problem("my.toml", "drills[3].hold", "must be a whole number")
    whole_file = Problem("my.toml", "", "cannot read file: No such file or directory")
    assert str(with_where) == "my.toml: drills[3].hold: must be a whole number"
    assert str(whole_file) == "my.toml: cannot read file: No such file or directory"
    error = ContentError([with_where, whole_file])
    assert error.problems == [with_where, whole_file]
    assert str(error) == f"{with_where}\n{whole_file}"


# --- the fixture library ----------------------------------------------------


def test_fixture_library_loads_in_stable_order(library: Library) -> None:
    assert len(library) == 6
    assert list(library) == [
        "cat-camel", "pelvic-tilt", "bird-dog", "front-plank", "hamstring-stretch", "walking",
    ]  # fmt: skip
    assert library.categories() == ("mobility", "core", "stretch", "conditioning")
    assert "cat-camel" in library and "nope" not in library
    assert library.get("nope") is None
    assert library.get("walking") is library["walking"]
    assert [d.id for d in library.values() if d.category == "core"] == ["bird-dog", "front-plank"]


def test_library_is_immutable(library: Library) -> None:
    with pytest.raises(TypeError):
        library["x"] = library["walking"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        library["walking"].name = "Running"


def test_drill_fields_are_parsed(library: Library) -> None:
    drill = library["cat-camel"]
    assert drill.kind == "reps" and drill.category == "mobility"
    assert drill.dosage.reps == 8 and drill.dosage.rest_seconds == 20 and drill.dosage.sides == 1
    assert drill.cues[0] == "Hands under shoulders, knees under hips"
    assert drill.cautions == ("Stay in a range that does not hurt",)
    assert [(p.movement, p.breath, p.frame) for p in drill.breathing.phases] == [
        ("flexion", "exhale", 0),
        ("extension", "inhale", 1),
    ]
    assert drill.easier == "pelvic-tilt" and drill.harder == "bird-dog"
    assert library["bird-dog"].dosage.sides == 2
    assert library["bird-dog"].breathing.phases[1].seconds == 2.5
    assert library["walking"].breathing.phases == ()


def test_chain_follows_easier_and_harder(library: Library) -> None:
    assert library.chain("cat-camel") == ("pelvic-tilt", "cat-camel", "bird-dog")
    assert library.chain("pelvic-tilt") == ("pelvic-tilt", "cat-camel", "bird-dog")
    assert library.chain("walking") == ("walking",)
    with pytest.raises(KeyError):
        library.chain("nope")


def test_chain_is_cycle_safe(library: Library) -> None:
    a = dataclasses.replace(library["walking"], id="a", easier="b", harder="b")
    b = dataclasses.replace(library["walking"], id="b", easier="a", harder="a")
    c = dataclasses.replace(library["walking"], id="c", easier="c", harder="missing")
    cyclic = Library([a, b, c])
    assert cyclic.chain("a") == ("b", "a")
    assert cyclic.chain("c") == ("c",)


def test_nearest(library: Library) -> None:
    assert library.nearest("cat-camle")[0] == "cat-camel"
    assert library.nearest("plank") == ["front-plank"]
    assert library.nearest("zzzzzzzzzzzzz") == []


# --- validation of one drill file -------------------------------------------


def _mutated(drill_id: str, change: Any) -> str:
    data = copy.deepcopy(fixture_dict(drill_id))
    change(data)
    return tomlgen.dumps(data)


def _set(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value

    return change


DELETE = object()

DRILL_CASES = [
    # (fixture, change, expected problem) -- problems are "d.toml: <where>: <message>"
    ("walking", _set("id", "Walking"), "id: must be an id of lowercase letters, digits and dashes"),
    ("walking", _set("name", DELETE), "name: required setting is missing"),
    ("walking", _set("name", "x" * 61), "name: must be 1 to 60 characters long"),
    ("walking", _set("name", 5), "name: must be text in quotes"),
    ("walking", _set("name", "two\nlines"), "name: must be a single line"),
    ("walking", _set("category", "cardio"), "category: must be one of: mobility, core, glutes,"),
    ("walking", _set("kind", "rep"), "kind: must be one of: reps, hold, timed, per_side (got 'rep')"),
    ("walking", _set("cues", ["one"]), "cues: must be a list of 2 to 4 texts"),
    ("walking", _set("cues", ["ok", "x" * 71]), "cues[2]: must be 1 to 70 characters long"),
    ("walking", _set("cautions", "none"), "cautions: must be a list of at most 3 texts"),
    ("walking", _set("colour", "red"), "colour: unknown setting colour; expected one of: id, name,"),
    ("walking", _set("easier", "walking"), "easier: must name a different drill"),
    ("walking", _set("dosage.seconds", 5), "dosage.seconds: must be a whole number of seconds between 10 and 3600"),
    ("walking", _set("dosage.seconds", True), "dosage.seconds: must be a whole number of seconds between 10 and 3600"),
    ("walking", _set("dosage.seconds", 60.0), "dosage.seconds: must be a whole number, without a decimal point (60, not 60.0)"),
    ("walking", _set("dosage.seconds", 60.5), "dosage.seconds: must be a whole number of seconds between 10 and 3600"),
    ("walking", _set("dosage.seconds", 5.0), "dosage.seconds: must be a whole number of seconds between 10 and 3600"),
    ("walking", _set("dosage.reps", 8), "dosage.reps: a timed drill does not use reps; use seconds"),
    ("walking", _set("dosage.sedonds", 8), "dosage.sedonds: unknown setting sedonds; did you mean seconds?"),
    ("walking", _set("dosage", 8), "dosage: must be a table (a [dosage] section)"),
    ("walking", _set("dosage", DELETE), "dosage: required section [dosage] is missing"),
    ("walking", _set("breathing.style", "paired"), "breathing.style: must be one of: natural, steady (got 'paired')"),
    ("walking", _set("breathing.exhale_on", "flexion"), "breathing.exhale_on: only applies to paired"),
    ("cat-camel", _set("dosage.reps", 0), "dosage.reps: must be a whole number between 1 and 50"),
    ("cat-camel", _set("dosage.reps", 51), "dosage.reps: must be a whole number between 1 and 50"),
    ("cat-camel", _set("dosage.sets", 11), "dosage.sets: must be a whole number between 1 and 10"),
    ("cat-camel", _set("dosage.rest_seconds", -1), "dosage.rest_seconds: must be a whole number of seconds between 0 and 300"),
    ("cat-camel", _set("dosage.sides", 3), "dosage.sides: must be a whole number between 1 and 2"),
    ("cat-camel", _set("dosage.rest_seconds", DELETE), "dosage.rest_seconds: required setting is missing"),
    ("front-plank", _set("dosage.hold_seconds", 601), "dosage.hold_seconds: must be a whole number of seconds between 5 and 600"),
    ("front-plank", _set("breathing.cue", "Hold your breath and squeeze."), "breathing.cue: a hold must cue steady breathing"),
    ("front-plank", _set("breathing.cue", "Squeeze everything."), "breathing.cue: a hold must cue steady breathing"),
    ("cat-camel", _set("breathing.phases", []), "breathing.phases: paired breathing needs exactly 2"),
    ("cat-camel", _set("breathing.phases.0.breath", "inhale"), "breathing.phases: need one exhale phase and one inhale phase"),
    ("cat-camel", _set("breathing.phases.0.seconds", 0), "breathing.phases[1].seconds: must be a number of seconds between 1 and 10"),
    ("cat-camel", _set("breathing.phases.1.frame", 2), "breathing.phases[2].frame: must be a whole number between 0 and 1 (the pose keyframe it moves towards, in poses/<drill id>.toml)"),
    ("cat-camel", _set("breathing.phases.1.label", "x" * 25), "breathing.phases[2].label: must be 1 to 24 characters long"),
    ("cat-camel", _set("breathing.phases.1.movement", "effort"), "breathing.phases: movements must be flexion and extension (spine) or effort and return"),
    ("bird-dog", _set("breathing.phases.0.breath", "inhale"), "breathing.phases: need one exhale"),
    ("bird-dog", _set("breathing.exhale_on", "flexion"), "breathing.exhale_on: only applies to flexion/extension drills"),
    ("walking", _set("figure", {"frames": ["o"]}), "figure: unknown setting figure; expected one of: id, name, category, kind, source, purpose, cues, cautions, easier, harder, equipment, dosage, breathing, direction, max_hold_seconds"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("drill_id", "change", "expected"),
    DRILL_CASES,
    ids=[case[2].split(":")[0] + f"-{n}" for n, case in enumerate(DRILL_CASES)],
)
def test_bad_drill_field_is_reported(drill_id: str, change: Any, expected: str) -> None:
    found = problems_of(_mutated(drill_id, change))
    assert any(problem.startswith(f"d.toml: {expected}") for problem in found), found


def test_exhale_must_go_with_flexion() -> None:
    def swap(data: dict[str, Any]) -> None:
        phases = data["breathing"]["phases"]
        phases[0]["breath"], phases[1]["breath"] = "inhale", "exhale"

    message = (
        'd.toml: breathing.phases: the exhale goes with flexion (set exhale_on = "extension" '
        "in [breathing] only if this drill deliberately pairs them the other way)"
    )
    assert problems_of(_mutated("cat-camel", swap)) == [message]

    def swap_on_purpose(data: dict[str, Any]) -> None:
        swap(data)
        data["breathing"]["exhale_on"] = "extension"

    drill = parse_drill(_mutated("cat-camel", swap_on_purpose), "d.toml")
    assert drill.breathing.phases[1].breath == "exhale"


def test_all_problems_are_collected_in_one_error() -> None:
    def many(data: dict[str, Any]) -> None:
        data["name"] = ""
        data["dosage"]["reps"] = 0
        data["breathing"]["phases"][0]["frame"] = 2

    found = problems_of(_mutated("cat-camel", many))
    assert found == [
        "d.toml: name: must be 1 to 60 characters long",
        "d.toml: dosage.reps: must be a whole number between 1 and 50",
        "d.toml: breathing.phases[1].frame: must be a whole number between 0 and 1 (the pose keyframe it moves "
        "towards, in poses/<drill id>.toml)",
    ]


def test_id_must_match_file_name() -> None:
    text = (FIXTURE_DRILLS / "walking.toml").read_text(encoding="utf-8")
    assert problems_of(text, "walk.toml", expected_id="walk") == [
        "walk.toml: id: must match the file name ('walk'), got 'walking'"
    ]


def test_malformed_drill_toml_reports_line_and_column() -> None:
    assert problems_of('id = "x"\nname = = 2\n') == ["d.toml: line 2: name: = 2 is not a value; write a number, true or false, or text in quotes"]


# --- load_library -------------------------------------------------------------


def test_load_library_collects_problems_across_files(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_DRILLS, tmp_path, dirs_exist_ok=True)
    walking = tmp_path / "walking.toml"
    walking.write_text(walking.read_text().replace("seconds = 600", "seconds = 1"))
    camel = tmp_path / "cat-camel.toml"
    camel.write_text(camel.read_text().replace('easier = "pelvic-tilt"', 'easier = "pelvic-tlit"'))
    (tmp_path / "broken.toml").write_text("id = \n")
    (tmp_path / "latin1.toml").write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(ContentError) as info:
        load_library(tmp_path)
    assert [str(problem) for problem in info.value.problems] == [
        "broken.toml: line 1: id: a value is missing after =",
        "latin1.toml: cannot read file: not UTF-8 text (byte 0xe9 at offset 11)",
        "walking.toml: dosage.seconds: must be a whole number of seconds between 10 and 3600",
        "cat-camel.toml: easier: unknown drill 'pelvic-tlit'; did you mean: pelvic-tilt",
    ]


def test_load_library_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no drill files"):
        load_library(tmp_path)
    with pytest.raises(ContentError, match="no drill files"):
        load_library(tmp_path / "missing")


# --- the shipped drills -----------------------------------------------------

ISSUE_DRILL_IDS = (
    "segmental-rolls", "cat-camel", "pelvic-tilt", "bear-hold", "front-plank", "side-plank",
    "glute-bridge", "bridge-march", "quadruped-hip-extension", "hip-hinge-dowel",
    "band-hip-hinge", "half-kneeling-glute", "prone-lumbar-extension", "dead-bug", "bird-dog",
    "bear-crawl", "monster-walk", "fire-hydrant", "donkey-kick", "hip-flexor-stretch",
    "hamstring-stretch", "sciatic-nerve-floss", "adductor-ball-squeeze", "knee-to-wall",
    "walking",
)  # fmt: skip


def _shipped_drill_files() -> list[Path]:
    return sorted((paths.assets_dir() / "drills").glob("*.toml"))


needs_data = pytest.mark.skipif(
    not _shipped_drill_files(), reason="assets/drills has no drill files yet"
)


@needs_data
class TestShippedDrills:
    @pytest.fixture(scope="class")
    def shipped(self) -> Library:
        default_library.cache_clear()
        return default_library()

    def test_every_drill_loads(self, shipped: Library) -> None:
        assert len(shipped) == len(_shipped_drill_files())
        assert len(shipped) >= 22

    def test_default_library_is_cached(self, shipped: Library) -> None:
        assert default_library() is shipped

    def test_issue_drills_exist(self, shipped: Library) -> None:
        missing = [drill_id for drill_id in ISSUE_DRILL_IDS if drill_id not in shipped]
        assert missing == []

    def test_every_field_is_filled_and_every_link_resolves(self, shipped: Library) -> None:
        for drill in shipped.values():
            assert drill.kind in KINDS and drill.category in CATEGORIES
            assert drill.name and drill.purpose and drill.source and drill.breathing.cue
            assert 2 <= len(drill.cues) <= 4
            for link in (drill.easier, drill.harder):
                assert link is None or link in shipped, (drill.id, link)
            assert drill.estimated_seconds > 0, drill.id
            assert shipped.chain(drill.id)[0] in shipped

    def test_exhale_goes_with_flexion(self, shipped: Library) -> None:
        for drill in shipped.values():
            by_movement = {phase.movement: phase.breath for phase in drill.breathing.phases}
            if set(by_movement) == {"flexion", "extension"}:
                assert by_movement == {"flexion": "exhale", "extension": "inhale"}, drill.id
            if set(by_movement) == {"effort", "return"}:
                assert by_movement == {"effort": "exhale", "return": "inhale"}, drill.id

    def test_holds_cue_steady_breathing(self, shipped: Library) -> None:
        for drill in shipped.values():
            if drill.kind == "hold":
                assert drill.breathing.style == "steady", drill.id
                assert "breath" in drill.breathing.cue.lower(), drill.id
