"""TOML syntax errors in plain words, on the line to fix (``content.toml_errors``).

Each row is a mistake a physiotherapist makes typing a program file by hand,
and the exact sentence they read. tomllib's own wording ("Invalid value",
"Cannot overwrite a value") must never reach them for these.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from backcoach.content.errors import ContentError
from backcoach.content.library import Library, default_library
from backcoach.content.programs import parse_program
from backcoach.content.toml_errors import explain
from backcoach.content.toml_input import parse_toml

CASES = [
    # true or false
    ('id = "a"\nlocked = ture\n', "line 2: locked: must be true or false"),
    ("locked = flase\n", "line 1: locked: must be true or false"),
    ("locked = yes\n", "line 1: locked: must be true or false"),
    ("locked = True\n", "line 1: locked: must be true or false, in lowercase"),
    # unclosed quotes, named where they open
    ('id = "a"\nname = "b"\ndescription = "c"\nsource = "Anna\n', 'line 4: the text started with " is never closed'),
    ('id = "x', 'line 1: the text started with " is never closed'),
    ("id = 'abc\n", "line 1: the text started with ' is never closed"),
    ('id = "a"\ndescription = """Two\nlines\n', 'line 2: the text started with """ is never closed'),
    ('name = "a\\"\n', 'line 1: the text started with " is never closed'),
    # a missing =
    ('id "a"\n', "line 1: expected = after id (a setting is written: id = value)"),
    ('id = "a"\nlocked\n', "line 2: expected = after locked (a setting is written: locked = value)"),
    ("pain limit = 4\n", "line 1: a setting name cannot contain spaces (pain limit); write one word before ="),
    # set twice
    ('name = "a"\nid = "b"\nsource = "c"\nlocked = true\npain_limit = 4\ndays_per_week = 3\nname = "d"\n',
     "line 7: name is set twice (lines 1 and 7)"),
    ('id = "a"\nname = "b"\n\n[[drills]]\nid = "cat-camel"\nreps = 8\nreps = 10\n', "line 7: reps is set twice (lines 6 and 7)"),
    ('[profile]\nleg = "thigh"\n[profile]\n', "line 3: [profile] appears twice (lines 1 and 3)"),
    ("drills = 1\n[[drills]]\n", "line 2: drills is set twice (lines 1 and 2)"),
    ("x = {a = 1, a = 2}\n", "line 1: a setting is given twice inside the { } on this line"),
    # bad section headers
    ('id = "x"\n[[drills]\n', "line 2: a section header must be one name in brackets, like [profile] or [[drills]] (found [[drills])"),
    ("[profile\n", "line 1: a section header must be one name in brackets, like [profile] or [[drills]] (found [profile)"),
    ("[[drills]]]\n", "line 1: a section header must be one name in brackets, like [profile] or [[drills]] (found [[drills]]])"),
    # values
    ("reps = \n", "line 1: reps: a value is missing after ="),
    ("reps =", "line 1: reps: a value is missing after ="),
    ("name = Anna\n", 'line 1: name: text must be in quotes: name = "Anna"'),
    ("name = \u201cAnna\u201d\n", 'line 1: name: text goes between straight quotes ("), not curly ones (\u201c \u201d)'),
    ("reps =@3\n", "line 1: reps: @3 is not a value; write a number, true or false, or text in quotes"),
    ("tempo = 2,5\n", "line 1: tempo: write decimals with a point, not a comma (2.5)"),
    ("hold = 20 s\n", "line 1: hold: write the number alone, without a unit (20)"),
    ("hold = 20s # twenty\n", "line 1: hold: write the number alone, without a unit (20)"),
    ("seconds = 15m\n", "line 1: seconds: write the time in seconds, without a unit (900 for 15m)"),
    ("seconds = 15 min\n", "line 1: seconds: write the time in seconds, without a unit (900 for 15min)"),
    ("reps = 12 13\n", "line 1: reps: 13 follows the value; one value per line (a comment starts with #)"),
    ('name = "Anna" Smith\n', "line 1: name: Smith follows the closing quote; put all of the text inside the quotes"),
    ("review_on = 2026-13-01\n", "line 1: review_on: not a real date; write it as YYYY-MM-DD, like 2026-03-01"),
    ("review_on = 2026-02-30\n", "line 1: review_on: not a real date; write it as YYYY-MM-DD, like 2026-03-01"),
    # lists and tables never closed
    ('id = "x"\ncues = ["a", "b"\n', "line 2: the list started with [ is never closed"),
    ("id = [\n", "line 1: the list started with [ is never closed"),
    ("limits = {extension = 1\n", "line 1: the table started with { is never closed"),
    ("cues = [1 2]\n", "line 1: the items of a list must be separated by commas"),
    ("limits = {extension = 1 flexion = 2}\n", "line 1: the settings inside { } must be separated by commas"),
    ('cues = [\n  "Slowly",\n  gently\n]\n', 'line 3: text in a list must be in quotes: "gently"'),
    ("reps = 08\n", "line 1: reps: write the number without a leading zero (8)"),
    # odd lines
    ("x = 1\n  \x0c\n", "line 2: a line must start with a setting name, a [section] or # for a comment (found an invisible character)"),
    ("= 1\n", "line 1: a line must start with a setting name, a [section] or # for a comment (found = 1)"),
    ('name = "C:\\programs"\n', "line 1: a backslash (\\) inside double quotes must be written twice (\\\\), or use 'single quotes'"),
    ('name = "a\x01"\n', "line 1: the text contains an invisible control character; remove it"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"{n}-{case[1][:30]}" for n, case in enumerate(CASES)])
def test_a_syntax_error_is_one_plain_sentence_on_its_line(text: str, expected: str) -> None:
    with pytest.raises(ContentError) as info:
        parse_toml(text, "clinic/anna.toml")
    assert [str(problem) for problem in info.value.problems] == [f"clinic/anna.toml: {expected}"]


def test_a_reason_it_does_not_know_keeps_line_and_column() -> None:
    assert explain('name = "a"\n', "Some new grammar rule", 1, 8) == ("line 1, column 8", "Some new grammar rule")
    assert explain("", "Some new grammar rule", None, None) == ("end of file", "Some new grammar rule")


def test_a_program_file_with_a_typo_in_a_boolean_names_the_setting() -> None:
    library: Library = default_library()
    text = 'id = "anna"\nname = "Anna week 1"\ndescription = ""\nlocked = ture\n\n[[drills]]\nid = "cat-camel"\n'
    with pytest.raises(ContentError) as info:
        parse_program(text, "home/anna.toml", library)
    assert str(info.value) == "home/anna.toml: line 4: locked: must be true or false"


FRAGMENTS = st.sampled_from(
    ['"', "'", '"""', "'''", "[", "]", "[[", "]]", "{", "}", "=", ",", ".", "#", "\\", "\n", "\r\n", " ", "\t",
     "id", "reps", "locked", "drills", "profile", "ture", "12.0", "2,5", "20 s", "07", "\u201c", "\x01", "\x0c",
     "2026-13-01", "Anna", "a b"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_any_broken_file_gets_one_line_on_a_line(text: str) -> None:
    """Whatever the mistake, one problem, one line, never an exception of another kind."""
    try:
        parse_toml(text, "f.toml")
    except ContentError as error:
        (problem,) = error.problems
        assert "\n" not in str(problem)
        assert problem.where == "" or problem.where.startswith(("line ", "end of file"))
