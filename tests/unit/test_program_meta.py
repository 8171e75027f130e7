"""A program file's patient, clinician, review date and notes, and the program's content hash."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from backcoach.content.errors import ContentError
from backcoach.content.library import default_library
from backcoach.content.model import ProgramMeta
from backcoach.content.program_hash import program_hash
from backcoach.content.program_meta import review_due
from backcoach.content.programs import builtin_programs, parse_program, program_to_toml

LIB = default_library()
BASE = program_to_toml(builtin_programs(LIB)[0])
META = 'patient = "Anna K"\nclinician = "J. Physio"\nreview_on = 2027-01-15\nnotes = "two\\nlines"\n'


def with_meta(extra: str) -> str:
    return BASE.replace("\n\n[[drills]]", "\n" + extra + "\n[[drills]]", 1)


def test_meta_is_read_and_written_back() -> None:
    program = parse_program(with_meta(META), "anna.toml", LIB)
    assert program.meta == ProgramMeta("Anna K", "J. Physio", dt.date(2027, 1, 15), "two\nlines")
    assert parse_program(program_to_toml(program), "anna.toml", LIB) == program


def test_review_date_in_quotes_is_the_same_date() -> None:
    program = parse_program(with_meta('review_on = "2027-01-15"\n'), "anna.toml", LIB)
    assert program.meta.review_on == dt.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('review_on = "soon"', "review_on: must be a date, like review_on = 2027-01-31"),
        ("review_on = 2027-01-15T10:00:00", "a date without a time"),
        ("clinician = 3", "clinician: must be text in quotes"),
        ('patient = "' + "x" * 61 + '"', "patient: must be 1 to 60 characters long"),
    ],
)
def test_bad_meta_is_refused_in_plain_words(line: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        parse_program(with_meta(line + "\n"), "anna.toml", LIB)


def test_review_is_due_only_after_the_date() -> None:
    meta = ProgramMeta(review_on=dt.date(2027, 1, 15))
    assert not review_due(meta, dt.date(2027, 1, 15))
    assert review_due(meta, dt.date(2027, 1, 16))
    assert not review_due(ProgramMeta(), dt.date(2030, 1, 1))


def test_hash_ignores_meta_and_layout_but_not_doses() -> None:
    program = parse_program(BASE, "a.toml", LIB)
    noted = parse_program(with_meta(META), "a.toml", LIB)
    commented = parse_program("# week 1\n" + BASE.replace("\n", "\n\n", 3), "a.toml", LIB)
    assert program_hash(program) == program_hash(noted) == program_hash(commented)
    locked = dataclasses.replace(program, locked=not program.locked)
    assert program_hash(locked) != program_hash(program)
    first = program.items[0]
    changed = dataclasses.replace(
        program, items=(dataclasses.replace(first, overrides={"sets": 3}),) + program.items[1:]
    )
    assert program_hash(parse_program(program_to_toml(changed), "a.toml", LIB)) != program_hash(program)
    assert len(program_hash(program)) == 12
