"""Program files: validation messages, overrides, writing, importing, lookup."""

from __future__ import annotations

import copy
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import content_tomlgen

from backcoach import paths
from backcoach.content.errors import ContentError, ProgramExists
from backcoach.content.library import Library, default_library, load_library
from backcoach.content.model import Program, ProgramItem
from backcoach.content.programs import (
    apply_overrides,
    builtin_programs,
    find_program,
    import_program,
    imported_programs,
    load_program_file,
    parse_program,
    program_to_toml,
)
from backcoach.content.tomlwrite import toml_string

FIXTURES = Path(__file__).parent / "fixtures" / "content"
FIXTURE_PROGRAMS = FIXTURES / "programs"
REPO = Path(__file__).resolve().parents[2]


tomlgen = content_tomlgen()


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(FIXTURES / "drills")


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A private data dir for this test; the override is always reset."""
    target = tmp_path / "data"
    paths.set_data_dir(target)
    try:
        yield target
    finally:
        paths.set_data_dir(None)


@pytest.fixture
def fake_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Built-in programs = the fixture programs (so lookups do not depend on data)."""
    assets = tmp_path / "assets"
    shutil.copytree(FIXTURE_PROGRAMS, assets / "programs")
    monkeypatch.setattr(paths, "assets_dir", lambda: assets)
    return assets


def essentials_text() -> str:
    return (FIXTURE_PROGRAMS / "essentials.toml").read_text(encoding="utf-8")


def problems_of(text: str, library: Library, label: str = "my.toml") -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_program(text, label, library)
    return [str(problem) for problem in info.value.problems]


# --- parsing and overrides ----------------------------------------------------


def test_fixture_program_parses_with_overrides(library: Library) -> None:
    path = FIXTURE_PROGRAMS / "essentials.toml"
    program = load_program_file(path, library)
    assert (program.id, program.name, program.origin, program.path) == (
        "essentials", "Essentials (fixture)", "file", str(path),
    )  # fmt: skip
    assert (program.pain_limit, program.days_per_week, program.locked) == (4, 3, True)
    assert [item.drill.id for item in program.items] == [
        "cat-camel", "bird-dog", "front-plank", "walking", "hamstring-stretch",
    ]  # fmt: skip
    camel, bird, plank, walking, stretch = program.drills
    assert (camel.dosage.reps, camel.dosage.sets, camel.dosage.rest_seconds) == (6, 2, 30)
    assert [phase.seconds for phase in camel.breathing.phases] == [2.5, 2.5]
    assert bird == library["bird-dog"]
    assert (plank.dosage.sets, plank.dosage.hold_seconds, plank.dosage.rest_seconds) == (2, 25, 20)
    assert walking.dosage.seconds == 300 and stretch.dosage.seconds == 45
    assert program.items[0].overrides == {
        "reps": 6, "sets": 2, "rest": 30, "tempo": 2.5, "exhale_on": "flexion",
    }  # fmt: skip
    assert program.items[1].overrides == {}


def test_minimal_program_defaults(library: Library) -> None:
    program = load_program_file(FIXTURE_PROGRAMS / "minimal.toml", library, origin="imported")
    assert program.origin == "imported" and program.description == "" and program.source == ""
    assert (program.pain_limit, program.days_per_week, program.locked) == (None, None, False)
    assert program.drills == (library["walking"],)


def test_exhale_on_extension_swaps_the_breath_and_the_cue(library: Library) -> None:
    camel = library["cat-camel"]
    swapped = apply_overrides(camel, {"exhale_on": "extension"})
    assert [(p.movement, p.breath) for p in swapped.breathing.phases] == [
        ("flexion", "inhale"),
        ("extension", "exhale"),
    ]
    assert swapped.breathing.cue.startswith("Breathe out as you arch")
    assert apply_overrides(camel, {"exhale_on": "flexion"}) == camel
    assert apply_overrides(camel, {}) is camel


def test_tempo_replaces_every_phase(library: Library) -> None:
    bird = apply_overrides(library["bird-dog"], {"tempo": 4})
    assert [phase.seconds for phase in bird.breathing.phases] == [4, 4]
    assert bird.breathing.rep_seconds == 8


# --- validation messages --------------------------------------------------------


def _program_with(change: Any) -> str:
    data = copy.deepcopy(tomllib.loads(essentials_text()))
    change(data)
    return tomlgen.dumps(data)


def _drill(index: int, **entry: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["drills"][index - 1] = entry

    return change


def _top(key: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        if value is DELETE:
            del data[key]
        else:
            data[key] = value

    return change


DELETE = object()

PROGRAM_CASES = [
    (_drill(3, id="front-plank", hold=4), "drills[3].hold: must be a whole number of seconds between 5 and 600"),
    (_drill(3, id="front-plank", hold=601), "drills[3].hold: must be a whole number of seconds between 5 and 600"),
    (_drill(3, id="front-plank", hold=20.5), "drills[3].hold: must be a whole number of seconds between 5 and 600"),
    (_drill(2, id="cat-camel", reps=True), "drills[2].reps: must be a whole number between 1 and 50"),
    (_drill(2, id="cat-camel", reps=0), "drills[2].reps: must be a whole number between 1 and 50"),
    (_drill(2, id="cat-camel", sets=11), "drills[2].sets: must be a whole number between 1 and 10"),
    (_drill(2, id="cat-camel", rest=-5), "drills[2].rest: must be a whole number of seconds between 0 and 300"),
    (_drill(2, id="cat-camel", tempo=0.5), "drills[2].tempo: must be a number of seconds between 1 and 10"),
    (_drill(2, id="cat-camel", tempo=float("nan")), "drills[2].tempo: must be a number of seconds between 1 and 10"),
    (_drill(2, id="cat-camel", tempo=False), "drills[2].tempo: must be a number of seconds between 1 and 10"),
    (_drill(2, id="cat-camel", exhale_on="up"), "drills[2].exhale_on: must be \"flexion\" or \"extension\" (got 'up')"),
    (_drill(2, id="cat-camel", hlod=20), "drills[2].hlod: unknown setting; expected one of: id, reps, sets, rest, tempo, exhale_on"),
    (_drill(2, id="bird-dog", hlod=20), "drills[2].hlod: unknown setting; expected one of: id, reps, sets, rest, tempo"),
    (_drill(2, id="front-plank", reps=5), "drills[2].reps: front-plank is a hold drill; use sets, hold, rest"),
    (_drill(2, id="cat-camel", hold=20), "drills[2].hold: cat-camel is a reps drill; use reps, sets, rest, tempo, exhale_on"),
    (_drill(2, id="walking", seconds=5), "drills[2].seconds: must be a whole number of seconds between 10 and 3600"),
    (_drill(2, id="hamstring-stretch", sets=2), "drills[2].sets: hamstring-stretch is a per_side drill; use seconds"),
    (_drill(2, id="bird-dog", exhale_on="flexion"), "drills[2].exhale_on: bird-dog pairs the breath with effort"),
    (_drill(2, id="cat-camle"), "drills[2].id: unknown drill 'cat-camle'; did you mean: cat-camel"),
    (_drill(2, id=7), "drills[2].id: must be a drill id in quotes"),
    (_drill(2, reps=7), "drills[2].id: required setting is missing"),
    (_top("drills", []), "drills: must be a list of 1 to 40 [[drills]] entries"),
    (_top("drills", [{"id": "walking"}] * 41), "drills: must be a list of 1 to 40 [[drills]] entries"),
    (_top("drills", [1]), "drills[1]: must be a table (a [[drills]] entry)"),
    (_top("drills", DELETE), "drills: required: at least one [[drills]] entry"),
    (_top("id", "My Program"), "id: must be an id of lowercase letters, digits and dashes"),
    (_top("name", DELETE), "name: required setting is missing"),
    (_top("name", "x" * 61), "name: must be 1 to 60 characters long"),
    (_top("description", 3), "description: must be text in quotes"),
    (_top("pain_limit", 6), "pain_limit: must be a whole number between 2 and 5"),
    (_top("pain_limit", 1), "pain_limit: must be a whole number between 2 and 5"),
    (_top("pain_limit", True), "pain_limit: must be a whole number between 2 and 5"),
    (_top("days_per_week", 8), "days_per_week: must be a whole number between 1 and 7"),
    (_top("locked", "yes"), "locked: must be true or false"),
    (_top("locked", 1), "locked: must be true or false"),
    (_top("colour", "red"), "colour: unknown setting; expected one of: id, name, description, source, pain_limit, days_per_week, locked, drills, adapt, adapt_max_steps, profile"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "expected"),
    PROGRAM_CASES,
    ids=[case[1].split(":")[0] + f"-{n}" for n, case in enumerate(PROGRAM_CASES)],
)
def test_bad_program_field_is_reported(library: Library, change: Any, expected: str) -> None:
    found = problems_of(_program_with(change), library)
    assert any(problem.startswith(f"my.toml: {expected}") for problem in found), found


def test_documented_messages_exactly(library: Library) -> None:
    text = essentials_text().replace("hold = 25", "hold = 700").replace(
        'id = "bird-dog"', 'id = "cat-camle"'
    )
    assert problems_of(text, library) == [
        "my.toml: drills[2].id: unknown drill 'cat-camle'; did you mean: cat-camel",
        "my.toml: drills[3].hold: must be a whole number of seconds between 5 and 600",
    ]


def test_every_problem_is_collected(library: Library) -> None:
    text = (
        'id = "x"\nname = ""\ndescription = "d"\npain_limit = 9\nlokced = true\n\n'
        '[[drills]]\nid = "cat-camel"\nhlod = 20\nhold = 20\n\n'
        '[[drills]]\nid = "nothing-like-it-at-all"\n'
    )
    assert problems_of(text, library) == [
        "my.toml: lokced: unknown setting; expected one of: id, name, description, source, "
        "pain_limit, days_per_week, locked, drills, adapt, adapt_max_steps, profile, "
        "patient, clinician, review_on, notes",
        "my.toml: name: must be 1 to 60 characters long",
        "my.toml: pain_limit: must be a whole number between 2 and 5",
        "my.toml: drills[1].hlod: unknown setting; expected one of: id, reps, sets, rest, "
        "tempo, exhale_on",
        "my.toml: drills[1].hold: cat-camel is a reps drill; use reps, sets, rest, tempo, "
        "exhale_on",
        "my.toml: drills[2].id: unknown drill 'nothing-like-it-at-all'",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('id = "x"\nname = "y"\ndescription = ""\nreps =@3\n', "my.toml: line 4, column 7: Invalid value"),
        ('id = "x"\n[[drills]\n', "my.toml: line 2, column 9: Expected ']]' at the end of an array declaration"),
        ('id = "x"\nid = "y"\n', "my.toml: line 2, column 9: Cannot overwrite a value"),
        ('id = "x', "my.toml: end of file: Unterminated string"),
        ("a = " + "[" * 5000, "my.toml: not accepted: line 1: brackets nested more than 8 deep"),
    ],
)  # fmt: skip
def test_malformed_toml_reports_line_and_column(
    library: Library, text: str, expected: str
) -> None:
    assert problems_of(text, library) == [expected]


def test_unreadable_files(library: Library, tmp_path: Path) -> None:
    def problems(path: Path) -> list[str]:
        with pytest.raises(ContentError) as info:
            load_program_file(path, library)
        return [str(problem) for problem in info.value.problems]

    assert problems(tmp_path / "my.toml") == [
        "my.toml: cannot read file: No such file or directory"
    ]
    (tmp_path / "dir.toml").mkdir()
    assert problems(tmp_path / "dir.toml") == [
        "dir.toml: cannot read file: it is a folder, not a regular file"
    ]
    (tmp_path / "bin.toml").write_bytes(b'id = "\xff"\n')
    assert problems(tmp_path / "bin.toml") == [
        "bin.toml: cannot read file: not UTF-8 text (byte 0xff at offset 6)"
    ]
    (tmp_path / "big.toml").write_bytes(b"#" * (64 * 1024 + 1))
    assert problems(tmp_path / "big.toml") == ["big.toml: cannot read file: larger than 64 KB"]
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + essentials_text().encode())
    assert load_program_file(bom, library).id == "essentials"


# --- writing --------------------------------------------------------------------


def test_round_trip_of_fixture_programs(library: Library) -> None:
    for path in sorted(FIXTURE_PROGRAMS.glob("*.toml")):
        program = load_program_file(path, library)
        again = parse_program(program_to_toml(program), path.name, library)
        assert again == program
        assert [item.overrides for item in again.items] == [
            item.overrides for item in program.items
        ]


def test_round_trip_escapes_strings(library: Library) -> None:
    base = load_program_file(FIXTURE_PROGRAMS / "minimal.toml", library)
    awkward = 'Quote " backslash \\ tab\t newline\n crlf\r\n unicode é — ☃ """ \'\'\' # [x]'
    program = Program(
        id="odd", name='Odd "one" \\ é', description=awkward, items=base.items,
        source="x\\y", pain_limit=2, days_per_week=7, origin="file",
    )  # fmt: skip
    text = program_to_toml(program)
    assert tomllib.loads(text)["description"] == awkward
    assert parse_program(text, "odd.toml", library) == program


def test_toml_string_escapes_control_characters() -> None:
    text = "".join(chr(code) for code in range(0x80)) + "é\u2028☃"
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_writer_writes_only_what_was_set(library: Library) -> None:
    program = load_program_file(FIXTURE_PROGRAMS / "minimal.toml", library)
    text = program_to_toml(program)
    assert text == 'id = "minimal"\nname = "Minimal"\ndescription = ""\n\n[[drills]]\nid = "walking"\n'
    bad = Program(
        id="x", name="x", description="", items=(ProgramItem(library["walking"], {"speed": 2}),)
    )
    with pytest.raises(ValueError):
        program_to_toml(bad)


# --- importing --------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_import_installs_a_private_copy(library: Library, data_dir: Path) -> None:
    source = FIXTURE_PROGRAMS / "essentials.toml"
    program = import_program(source, library)
    target = data_dir / "programs" / "essentials.toml"
    assert program.origin == "imported" and program.path == str(target)
    assert target.read_text(encoding="utf-8") == essentials_text()
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700 and _mode(data_dir) == 0o700
    assert sorted(os.listdir(target.parent)) == ["essentials.toml"]  # no temp files left
    imported, problems = imported_programs(library)
    assert [p.id for p in imported] == ["essentials"] and problems == []
    assert imported[0] == program


def test_import_of_a_bad_file_writes_nothing(
    library: Library, data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(essentials_text().replace("hold = 25", "hold = 1"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"bad.toml: drills\[3\].hold"):
        import_program(bad, library)
    assert not data_dir.exists()


def test_import_same_id_needs_replace(
    library: Library, data_dir: Path, tmp_path: Path, fake_assets: Path
) -> None:
    import_program(FIXTURE_PROGRAMS / "essentials.toml", library)
    renamed = tmp_path / "new.toml"
    renamed.write_text(essentials_text().replace("Essentials (fixture)", "Essentials v2"))
    with pytest.raises(ProgramExists) as info:
        import_program(renamed, library)
    assert info.value.program_id == "essentials"
    assert "essentials" in str(info.value)
    assert find_program("essentials", library).name == "Essentials (fixture)"
    # The fixture is locked: ``replace`` alone is refused, with both programs for the diff.
    with pytest.raises(ProgramExists) as info:
        import_program(renamed, library, replace=True)
    assert info.value.locked and "locked by the physiotherapist" in str(info.value)
    assert info.value.installed is not None and info.value.installed.name == "Essentials (fixture)"
    assert info.value.incoming is not None and info.value.incoming.name == "Essentials v2"
    assert find_program("essentials", library).name == "Essentials (fixture)"
    program = import_program(renamed, library, replace_locked=True)
    assert program.name == "Essentials v2"
    target = data_dir / "programs" / "essentials.toml"
    assert "Essentials v2" in target.read_text() and _mode(target) == 0o600


def test_imported_programs_skip_bad_files(library: Library, data_dir: Path) -> None:
    assert imported_programs(library) == ([], [])
    folder = paths.ensure_private_dir(data_dir / "programs")
    shutil.copy(FIXTURE_PROGRAMS / "minimal.toml", folder / "minimal.toml")
    shutil.copy(FIXTURE_PROGRAMS / "minimal.toml", folder / "zz-copy.toml")
    (folder / "broken.toml").write_text("id = [\n")
    (folder / "latin.toml").write_bytes(b"name = '\xe9'")
    (folder / "notes.txt").write_text("ignored")
    programs, problems = imported_programs(library)
    assert [p.id for p in programs] == ["minimal"]
    assert [str(p) for p in problems] == [
        "broken.toml: end of file: Invalid value",
        "latin.toml: cannot read file: not UTF-8 text (byte 0xe9 at offset 8)",
        "zz-copy.toml: id: program id 'minimal' is also used by minimal.toml; "
        "this file is skipped",
    ]


# --- built-in programs and lookup ---------------------------------------------------


def test_builtin_programs_sorted_by_name(library: Library, fake_assets: Path) -> None:
    programs = builtin_programs(library)
    assert [p.name for p in programs] == ["Essentials (fixture)", "Minimal"]
    assert {p.origin for p in programs} == {"builtin"}


def test_builtin_errors_raise(library: Library, fake_assets: Path) -> None:
    folder = fake_assets / "programs"
    (folder / "other-name.toml").write_text((folder / "minimal.toml").read_text())
    (folder / "bad.toml").write_text("id = 3")
    with pytest.raises(ContentError) as info:
        builtin_programs(library)
    assert [str(p) for p in info.value.problems][-1] == "other-name.toml: id: must match the file name"
    assert len(info.value.problems) >= 2


def test_find_program(library: Library, fake_assets: Path, data_dir: Path, tmp_path: Path) -> None:
    assert find_program("minimal", library).origin == "builtin"
    by_path = find_program(str(FIXTURE_PROGRAMS / "essentials.toml"), library)
    assert by_path.origin == "file" and by_path.id == "essentials"
    with pytest.raises(ContentError) as info:
        find_program("esentials", library)
    assert str(info.value) == "programs: unknown program 'esentials'; did you mean: essentials"
    with pytest.raises(ContentError) as info:
        find_program("qqqqqq", library)
    assert str(info.value) == (
        "programs: unknown program 'qqqqqq'; known programs: essentials, minimal"
    )
    with pytest.raises(ContentError, match="cannot read file"):
        find_program(str(tmp_path / "missing.toml"), library)

    # An imported program with a built-in's id shadows the built-in.
    shadow = tmp_path / "shadow.toml"
    shadow.write_text(
        (FIXTURE_PROGRAMS / "minimal.toml").read_text().replace('"Minimal"', '"My minimal"')
    )
    import_program(shadow, library)
    found = find_program("minimal", library)
    assert (found.origin, found.name) == ("imported", "My minimal")

    # A broken imported file explains itself when asked for by id.
    (data_dir / "programs" / "broken.toml").write_text('id = "broken"\n')
    with pytest.raises(ContentError) as info:
        find_program("broken", library)
    assert "broken.toml: name: required setting is missing" in str(info.value)


# --- the shipped programs ---------------------------------------------------------


def _shipped_program_files() -> list[Path]:
    return sorted((paths.assets_dir() / "programs").glob("*.toml"))


@pytest.mark.skipif(
    not _shipped_program_files(), reason="assets/programs has no program files yet"
)
def test_shipped_programs_load_and_round_trip() -> None:
    default_library.cache_clear()
    library = default_library()
    programs = builtin_programs(library)
    assert len(programs) >= 4
    assert len(programs) == len(_shipped_program_files())
    for program in programs:
        assert program.origin == "builtin" and program.items
        assert program.description and program.source
        assert all(drill.id in library for drill in program.drills)
        again = parse_program(program_to_toml(program), "again.toml", library, origin="builtin")
        assert again == program
        assert find_program(program.id, library) == program


# --- import cost ----------------------------------------------------------------------


def test_content_modules_do_not_import_textual() -> None:
    code = (
        "import sys, backcoach.content.programs, backcoach.content.library\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tinydb'))\n"
        "print(','.join(bad))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == ""


def test_description_is_optional() -> None:
    text = 'id = "no-words"\nname = "No words"\n\n[[drills]]\nid = "cat-camel"\n'
    program = parse_program(text, "no-words.toml", default_library())
    assert program.description == ""
    assert parse_program(program_to_toml(program), "again.toml", default_library()) == program
