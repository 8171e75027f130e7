"""The program builder's draft: bounds, editing, and files that load back the same."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

import pytest

from backcoach.cli import main as cli_main
from backcoach.content.builder import (
    DraftError,
    ProgramDraft,
    bounds_text,
    default_text,
    parse_override,
    slugify,
)
from backcoach.content.errors import ContentError
from backcoach.content.library import Library, default_library
from backcoach.content.model import Program
from backcoach.content.programs import (
    INT_OVERRIDES,
    MAX_DRILLS,
    OVERRIDES_BY_KIND,
    TEMPO_BOUNDS,
    builtin_programs,
    load_program_file,
)


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def draft_with(library: Library, *drill_ids: str, name: str = "Anna, week 3") -> ProgramDraft:
    draft = ProgramDraft.empty(library)
    draft.name = name
    for drill_id in drill_ids:
        draft.add(drill_id)
    return draft


#: A drill of each kind, plus a reps drill that pairs the breath with effort.
DRILL_FOR_KIND = {
    "reps": "cat-camel",
    "hold": "front-plank",
    "timed": "walking",
    "per_side": "hamstring-stretch",
}

#: (key, value, accepted): every edge of every override's bounds, and wrong types.
BOUNDS_CASES = [
    *(
        case
        for key, (low, high, _unit) in INT_OVERRIDES.items()
        for case in (
            (key, low, True),
            (key, high, True),
            (key, low - 1, False),
            (key, high + 1, False),
            (key, float(low), False),
            (key, True, False),
            (key, str(low), False),
        )
    ),
    ("tempo", TEMPO_BOUNDS[0], True),
    ("tempo", TEMPO_BOUNDS[1], True),
    ("tempo", 2.5, True),
    ("tempo", 0.5, False),
    ("tempo", 10.5, False),
    ("tempo", float("nan"), False),
    ("tempo", float("inf"), False),
    ("tempo", True, False),
    ("tempo", "3", False),
    ("exhale_on", "flexion", True),
    ("exhale_on", "extension", True),
    ("exhale_on", "effort", False),
    ("exhale_on", 1, False),
]


@pytest.mark.parametrize(("key", "value", "accepted"), BOUNDS_CASES)
def test_set_override_bounds(library: Library, key: str, value: object, accepted: bool) -> None:
    kind = next(kind for kind, keys in OVERRIDES_BY_KIND.items() if key in keys)
    draft = draft_with(library, DRILL_FOR_KIND[kind])
    if accepted:
        draft.set_override(0, key, value)
        assert draft.items[0].overrides == {key: value}
        assert draft.to_program().items[0].overrides == {key: value}
    else:
        with pytest.raises(DraftError, match=key):
            draft.set_override(0, key, value)
        assert draft.items[0].overrides == {}


@pytest.mark.parametrize("kind", sorted(DRILL_FOR_KIND))
def test_only_keys_of_the_drills_kind(library: Library, kind: str) -> None:
    draft = draft_with(library, DRILL_FOR_KIND[kind])
    expected = OVERRIDES_BY_KIND[kind]
    assert draft.applicable(0) == expected
    for key in {"reps", "sets", "rest", "hold", "seconds", "tempo"} - set(expected):
        with pytest.raises(DraftError, match=f"is a {kind} drill; use"):
            draft.set_override(0, key, 20)


def test_exhale_on_only_for_spinal_drills(library: Library) -> None:
    draft = draft_with(library, "glute-bridge")
    assert "exhale_on" not in draft.applicable(0)
    with pytest.raises(DraftError, match="pairs the breath with effort"):
        draft.set_override(0, "exhale_on", "flexion")


def test_unknown_override_key(library: Library) -> None:
    draft = draft_with(library, "front-plank")
    with pytest.raises(DraftError, match="unknown setting 'hlod'"):
        draft.set_override(0, "hlod", 20)


def test_exhale_on_extension_flips_the_breath(library: Library) -> None:
    draft = draft_with(library, "cat-camel")
    draft.set_override(0, "exhale_on", "extension")
    phases = draft.items[0].effective.breathing.phases
    assert {phase.movement: phase.breath for phase in phases} == {
        "flexion": "inhale",
        "extension": "exhale",
    }


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [("reps", "12", 12), ("rest", " 0 ", 0), ("tempo", "3", 3), ("tempo", "2.5", 2.5),
     ("tempo", "4.0", 4), ("exhale_on", "extension", "extension")],
)  # fmt: skip
def test_parse_override_accepts(key: str, text: str, value: object) -> None:
    parsed = parse_override(key, text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("reps", "51", "reps must be a whole number between 1 and 50"),
        ("reps", "eight", "reps must be a whole number between 1 and 50"),
        ("reps", "1_0", "reps must be a whole number between 1 and 50"),
        ("sets", "2.5", "sets must be a whole number between 1 and 10"),
        ("hold", "601", "hold must be a whole number of seconds between 5 and 600"),
        ("rest", "-1", "rest must be a whole number of seconds between 0 and 300"),
        ("seconds", "9", "seconds must be a whole number of seconds between 10 and 3600"),
        ("tempo", "11", "tempo must be a number of seconds between 1 and 10"),
        ("tempo", "1e1", "tempo must be a number of seconds between 1 and 10"),
        ("tempo", "nan", "tempo must be a number of seconds between 1 and 10"),
        ("exhale_on", "out", 'exhale_on must be "flexion" or "extension"'),
    ],
)
def test_parse_override_refuses_with_the_validators_words(
    key: str, text: str, message: str
) -> None:
    with pytest.raises(DraftError) as caught:
        parse_override(key, text)
    assert str(caught.value) == message


def test_bounds_and_defaults_read_like_the_readme(library: Library) -> None:
    assert [bounds_text(key) for key in ("reps", "sets", "rest", "hold", "seconds", "tempo")] == [
        "1-50", "1-10", "0-300 s", "5-600 s", "10-3600 s", "1-10 s",
    ]  # fmt: skip
    cat_camel = library["cat-camel"]
    assert default_text(cat_camel, "reps") == str(cat_camel.dosage.reps)
    assert default_text(cat_camel, "exhale_on") == "flexion"
    assert default_text(library["front-plank"], "hold") == str(
        library["front-plank"].dosage.hold_seconds
    )


@pytest.mark.parametrize(("field", "low", "high"), [("pain_limit", 2, 5), ("days_per_week", 1, 7)])
def test_program_settings_bounds(library: Library, field: str, low: int, high: int) -> None:
    draft = draft_with(library, "walking")
    for good in (None, high, low):
        setattr(draft, field, good)
        assert getattr(draft, field) == good
        assert getattr(draft.to_program(), field) == good
    for bad in (low - 1, high + 1, True, 3.0):
        with pytest.raises(DraftError, match="whole number"):
            setattr(draft, field, bad)
        assert getattr(draft, field) == low
    assert getattr(draft.to_program(), field) == low


def test_add_remove_move(library: Library) -> None:
    draft = draft_with(library, "cat-camel", "front-plank", "walking")

    def ids() -> list[str]:
        return [item.drill.id for item in draft.items]

    assert draft.add("bird-dog", at=1) == 1
    assert ids() == ["cat-camel", "bird-dog", "front-plank", "walking"]
    assert draft.move(1, 1) == 2
    assert ids() == ["cat-camel", "front-plank", "bird-dog", "walking"]
    assert draft.move(0, -1) == 0  # already first
    assert draft.move(3, 5) == 3  # already last
    assert draft.move(3, -3) == 0
    assert ids() == ["walking", "cat-camel", "front-plank", "bird-dog"]
    assert draft.remove(2).drill.id == "front-plank"
    assert ids() == ["walking", "cat-camel", "bird-dog"]
    with pytest.raises(IndexError):
        draft.remove(3)
    with pytest.raises(IndexError):
        draft.move(-1, 1)


def test_overrides_travel_with_their_drill(library: Library) -> None:
    draft = draft_with(library, "cat-camel", "front-plank")
    draft.set_override(0, "reps", 6)
    draft.move(0, 1)
    assert draft.items[1].overrides == {"reps": 6}
    draft.clear_override(1, "reps")
    assert draft.items[1].overrides == {}


def test_add_refuses_unknown_drills_and_too_many(library: Library) -> None:
    draft = draft_with(library)
    with pytest.raises(DraftError, match="did you mean: cat-camel"):
        draft.add("cat-camle")
    for _ in range(MAX_DRILLS):
        draft.add("walking")
    with pytest.raises(DraftError, match=f"at most {MAX_DRILLS}"):
        draft.add("walking")


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Anna, week 3", "anna-week-3"), ("  Zoë's  back!! ", "zoes-back"), ("!!!", ""),
     ("x" * 80, "x" * 49), ("a" * 48 + " b", "a" * 48)],
)  # fmt: skip
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_id_follows_the_name_until_set(library: Library) -> None:
    draft = draft_with(library, "walking")
    assert draft.id == "anna-week-3" and draft.id_is_auto
    draft.name = "Anna, week 4"
    assert draft.id == "anna-week-4"
    draft.set_id("anna")
    draft.name = "Anna, week 5"
    assert draft.id == "anna" and not draft.id_is_auto
    with pytest.raises(DraftError, match="lowercase letters"):
        draft.set_id("Anna Week")
    assert draft.id == "anna"
    draft.set_id(None)
    assert draft.id == "anna-week-5"


def test_a_copy_renamed_gets_a_new_id(library: Library) -> None:
    program = next(p for p in builtin_programs(library) if p.id == "quick-start")
    draft = ProgramDraft.from_program(program, library)
    assert draft.id == "quick-start"
    draft.name = "Quick start for Ben"
    assert draft.id == "quick-start-for-ben"


def test_estimated_minutes_is_live(library: Library) -> None:
    draft = draft_with(library)
    assert draft.estimated_minutes == 0
    draft.add("walking")
    draft.set_override(0, "seconds", 600)
    assert draft.estimated_minutes == 11  # 600 s + 20 s of set-up, rounded up
    draft.set_override(0, "seconds", 1200)
    assert draft.estimated_minutes == 21
    assert draft.estimated_minutes == draft.to_program().estimated_minutes


def test_invalid_drafts_are_refused_with_the_validators_messages(
    library: Library, tmp_path: Path
) -> None:
    draft = ProgramDraft.empty(library)
    with pytest.raises(ContentError) as caught:
        draft.save(tmp_path / "x.toml")
    messages = {(p.where, p.message) for p in caught.value.problems}
    assert ("name", "must be 1 to 60 characters long") in messages
    assert ("drills", "required: at least one [[drills]] entry") in messages
    assert not (tmp_path / "x.toml").exists()
    draft.name = "x" * 61
    draft.add("walking")
    with pytest.raises(ContentError, match="name: must be 1 to 60 characters long"):
        draft.to_program()


def test_dirty_until_saved(library: Library, tmp_path: Path) -> None:
    draft = ProgramDraft.empty(library)
    assert not draft.is_dirty
    draft.name = "Anna"
    draft.add("walking")
    assert draft.is_dirty
    draft.save(tmp_path / "anna.toml")
    assert not draft.is_dirty
    draft.move(0, 0)
    assert not draft.is_dirty  # nothing really changed
    draft.set_override(0, "seconds", 300)
    assert draft.is_dirty
    draft.clear_override(0, "seconds")
    assert not draft.is_dirty


def assert_same_program(loaded: Program, draft_program: Program) -> None:
    """Equal as programs, and with the same overrides as written (not compared by ==)."""
    assert loaded == dataclasses.replace(draft_program, origin="file")
    assert [dict(i.overrides) for i in loaded.items] == [
        dict(i.overrides) for i in draft_program.items
    ]


def test_round_trip_of_a_built_draft(library: Library, tmp_path: Path) -> None:
    draft = draft_with(library, "cat-camel", "front-plank", "hamstring-stretch", "glute-bridge")
    draft.description = 'Gentle "control" work;\nwalk on the other days.'
    draft.pain_limit = 4
    draft.days_per_week = 3
    draft.locked = True
    draft.move(3, -2)
    draft.set_override(0, "reps", 6)
    draft.set_override(0, "tempo", 2.5)
    draft.set_override(0, "exhale_on", "extension")
    draft.set_override(2, "hold", 20)
    draft.set_override(2, "sets", 2)
    draft.set_override(3, "seconds", 45)
    path = tmp_path / f"{draft.id}.toml"
    saved = draft.save(path)
    loaded = load_program_file(path, library)
    assert_same_program(loaded, saved)
    assert [item.drill.id for item in loaded.items] == [
        "cat-camel", "glute-bridge", "front-plank", "hamstring-stretch",
    ]  # fmt: skip
    assert [dict(item.overrides) for item in loaded.items] == [
        {"reps": 6, "tempo": 2.5, "exhale_on": "extension"}, {}, {"hold": 20, "sets": 2},
        {"seconds": 45},
    ]  # fmt: skip
    assert (loaded.id, loaded.name, loaded.pain_limit, loaded.days_per_week, loaded.locked) == (
        "anna-week-3", "Anna, week 3", 4, 3, True,
    )  # fmt: skip
    assert loaded.description == draft.description
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ProgramDraft.from_program(loaded, library).to_toml() == path.read_text()


@pytest.mark.parametrize("program_id", [p.id for p in builtin_programs(default_library())])
def test_every_builtin_program_round_trips(
    library: Library, tmp_path: Path, program_id: str
) -> None:
    program = next(p for p in builtin_programs(library) if p.id == program_id)
    draft = ProgramDraft.from_program(program, library)
    assert not draft.is_dirty
    assert draft.id == program.id and draft.locked == program.locked
    path = tmp_path / f"{program_id}.toml"
    draft.save(path)
    assert_same_program(load_program_file(path, library), program)


def test_a_locked_program_stays_locked_until_unticked(library: Library) -> None:
    program = dataclasses.replace(builtin_programs(library)[0], locked=True)
    draft = ProgramDraft.from_program(program, library)
    assert draft.locked and draft.to_program().locked
    draft.locked = False
    assert not draft.to_program().locked


def test_saved_file_passes_programs_validate(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = draft_with(library, "pelvic-tilt", "bear-hold", "walking", name="Ben's morning")
    draft.set_override(0, "tempo", 3.5)
    draft.set_override(1, "hold", 30)
    draft.pain_limit = 3
    path = tmp_path / "ben.toml"
    draft.save(path)
    assert cli_main(["programs", "validate", str(path)]) == 0
    assert "ok (Ben's morning, 3 drills)" in capsys.readouterr().out


def test_save_to_a_missing_folder_raises_oserror(library: Library, tmp_path: Path) -> None:
    draft = draft_with(library, "walking")
    with pytest.raises(OSError):
        draft.save(tmp_path / "no-such-folder" / "x.toml")
    assert draft.is_dirty
