"""A program file's adapt, adapt_max_steps and [profile]: read, refused with clear sentences, written back, cached."""

from __future__ import annotations

import json

import pytest

from backcoach.content.builder import ProgramDraft
from backcoach.content.cache_codec import Doubt, decode_program, encode_program
from backcoach.content.errors import ContentError
from backcoach.content.library import default_library
from backcoach.content.model import Profile
from backcoach.content.programs import parse_program, program_to_toml

LIBRARY = default_library()
HEAD = 'id = "mine"\nname = "Mine"\n'
DRILL = '\n[[drills]]\nid = "cat-camel"\n'
FULL = (
    HEAD
    + "adapt_max_steps = 2\n"
    + '\n[profile]\neases = "flexion"\nlimits = { extension = "small", rotation = "mid" }\nleg = "thigh"\n'
    + "provisional = true\n"
    + DRILL
)


def test_the_settings_are_read() -> None:
    program = parse_program(FULL, "mine.toml", LIBRARY)
    assert program.adapt is True
    assert program.adapt_max_steps == 2
    assert program.profile == Profile("flexion", (("extension", "small"), ("rotation", "mid")), "thigh", True)


def test_the_defaults_when_absent() -> None:
    program = parse_program(HEAD + DRILL, "mine.toml", LIBRARY)
    assert (program.adapt, program.adapt_max_steps, program.profile) == (True, None, None)
    assert parse_program(HEAD + "adapt = false\n" + DRILL, "mine.toml", LIBRARY).adapt is False


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ('adapt = "no"\n', "mine.toml: adapt: must be true or false"),
        ("adapt_max_steps = 21\n", "mine.toml: adapt_max_steps: must be a whole number between 0 and 20"),
        ('profile = "flexion"\n', "mine.toml: profile: must be a table ([profile])"),
        ('[profile]\neases = "up"\n', "mine.toml: profile.eases: must be one of: flexion, extension, none, unknown (got 'up')"),
        ('[profile]\nlegs = "thigh"\n', "mine.toml: profile.legs: unknown setting legs; did you mean leg?"),
        ('[profile]\nleg = "foot"\n', "mine.toml: profile.leg: must be one of: none, thigh, below_knee (got 'foot')"),
        ('[profile]\nlimits = { twist = "small" }\n', "mine.toml: profile.limits.twist: unknown setting twist; expected one of: flexion, extension, rotation, side_bend"),
        ('[profile]\nlimits = { extension = "far" }\n', "mine.toml: profile.limits.extension: must be one of: none, small, mid, end (got 'far')"),
        ('[profile]\nlimits = "small"\n', 'mine.toml: profile.limits: must be a table, like limits = { extension = "small" }'),
    ],
)  # fmt: skip
def test_bad_settings_are_one_clear_sentence_each(lines: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_program(HEAD + lines + DRILL, "mine.toml", LIBRARY)
    assert [str(p) for p in caught.value.problems] == [message]


@pytest.mark.parametrize("text", [FULL, HEAD + "adapt = false\n" + DRILL, HEAD + '[profile]\neases = "none"\n' + DRILL])
def test_the_settings_round_trip_through_the_writer(text: str) -> None:
    program = parse_program(text, "mine.toml", LIBRARY)
    assert parse_program(program_to_toml(program), "again.toml", LIBRARY) == program


def test_the_settings_round_trip_through_the_content_cache() -> None:
    program = parse_program(FULL, "mine.toml", LIBRARY)
    raw = json.loads(json.dumps(encode_program(program, LIBRARY)))
    assert decode_program(raw, LIBRARY, "file") == program
    raw["profile"]["limits"] = [["extension", "far"]]
    with pytest.raises(Doubt):
        decode_program(raw, LIBRARY, "file")


def test_the_builder_keeps_the_settings() -> None:
    program = parse_program(FULL, "mine.toml", LIBRARY)
    draft = ProgramDraft.from_program(program, LIBRARY)
    again = parse_program(draft.to_toml(), "again.toml", LIBRARY)
    assert (again.adapt, again.adapt_max_steps, again.profile) == (True, 2, program.profile)
