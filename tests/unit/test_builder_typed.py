"""The builder's pure parts: what it reads from a typed value (times in
minutes, dates, refusals in the validator's words, never a number stripped
into another), and what it says about the drills chosen (facts, warnings)."""

from __future__ import annotations

import datetime as dt

import pytest

from backcoach.content.builder_advice import drill_facts, program_warnings, stretch_target
from backcoach.content.builder_input import (
    DATE_WORDS,
    DraftError,
    field_hint,
    parse_date,
    parse_override,
    parse_seconds,
    parse_whole,
)
from backcoach.content.library import default_library
from backcoach.content.validate import int_message

#: (typed, seconds or None when it is not a time).
SECONDS_ROWS = [
    ("90", 90), ("90s", 90), (" 90 s ", 90), ("90 sec", 90), ("15m", 900), ("15 min", 900), ("15M", 900),
    ("1m30s", 90), ("1m 30s", 90), ("1m30", 90), ("1:30", 90), ("0:45", 45), ("2m0s", 120),
    ("7.5", None), ("1.5m", None), ("-5", None), ("2,5", None), ("", None), ("m", None), ("s", None),
    ("1:75", None), ("1h", None), ("ten", None), ("15 m 30 s x", None),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "seconds"), SECONDS_ROWS)
def test_times_in_minutes_and_seconds(typed: str, seconds: int | None) -> None:
    assert parse_seconds(typed) == seconds


#: (override, typed, value, or the message when refused).
OVERRIDE_ROWS = [
    ("seconds", "15m", 900, None),
    ("seconds", "1m30s", 90, None),
    ("rest", "1m", 60, None),
    ("hold", "90s", 90, None),
    ("seconds", "61m", None, f"seconds {int_message(10, 3600, 'seconds')}; 61m is 61 min (3660 s)"),
    ("rest", "5m30s", None, f"rest {int_message(0, 300, 'seconds')}; 5m30s is 5 min 30 s (330 s)"),
    ("seconds", "5", None, f"seconds {int_message(10, 3600, 'seconds')}"),  # no "is" for plain seconds
    ("seconds", "7.5", None, f"seconds {int_message(10, 3600, 'seconds')}"),
    ("reps", "15m", None, f"reps {int_message(1, 50)}"),  # reps are not a time
    ("reps", "1.5", None, f"reps {int_message(1, 50)}"),
    ("reps", "-5", None, f"reps {int_message(1, 50)}"),
    ("sets", "2,5", None, f"sets {int_message(1, 10)}"),
    ("tempo", "2,5", None, "tempo: write decimals with a point, not a comma (2.5)"),  # the file reader's words
]


@pytest.mark.parametrize(("key", "typed", "value", "message"), OVERRIDE_ROWS)
def test_overrides_convert_minutes_and_refuse_with_what_they_came_to(
    key: str, typed: str, value: int | None, message: str | None
) -> None:
    if message is None:
        assert parse_override(key, typed) == value
        return
    with pytest.raises(DraftError) as refused:
        parse_override(key, typed)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2027-01-31", dt.date(2027, 1, 31)), (" 2027-01-31 ", dt.date(2027, 1, 31)), ("", None)],
)
def test_review_dates_are_year_month_day(typed: str, expected: dt.date | None) -> None:
    assert parse_date("review on", typed) == expected


@pytest.mark.parametrize("typed", ["31/01/2027", "2027-02-30", "2027-1-31", "20270131", "next week", "2027-01-31T10:00"])
def test_other_dates_are_refused_in_plain_words(typed: str) -> None:
    with pytest.raises(DraftError) as refused:
        parse_date("review on", typed)
    assert str(refused.value) == f"review on {DATE_WORDS}"


@pytest.mark.parametrize("typed", ["2.5", "-5", "9", "1_0", "four"])
def test_whole_settings_refuse_what_the_validator_refuses(typed: str) -> None:
    with pytest.raises(DraftError) as refused:
        parse_whole("pain limit", typed, (2, 5))
    assert refused.value.reason == f"{int_message(2, 5)} (or not set)"


def test_whole_settings_take_a_number_or_nothing() -> None:
    assert parse_whole("pain limit", " 4 ", (2, 5)) == 4
    assert parse_whole("pain limit", "", (2, 5)) is None


def test_time_hints_give_the_top_in_minutes() -> None:
    library = default_library()
    assert [field_hint(key) for key in ("reps", "rest", "hold", "seconds", "tempo")] == [
        "1-50", "0-300 s, or 5m", "5-600 s, or 10m", "10-3600 s, or 60m", "1-10 s",
    ]  # fmt: skip
    assert field_hint("hold", library["bird-dog"]) == "5-10 s"  # capped below a minute


def test_which_stretches_have_an_order() -> None:
    library = default_library()
    targets = {drill_id: stretch_target(drill) for drill_id, drill in library.items() if stretch_target(drill)}
    assert targets == {
        "hamstring-stretch": "hamstrings",
        "bent-knee-hamstring-stretch": "hamstrings",
        "hip-flexor-stretch": "hip flexors",
        "standing-hip-flexor-stretch": "hip flexors",
    }


@pytest.mark.parametrize(
    ("drill_ids", "locked", "expected"),
    [
        (("hip-flexor-stretch", "hamstring-stretch"), False, []),
        (("hamstring-stretch", "hip-flexor-stretch"), False, ["comes before"]),
        (("bent-knee-hamstring-stretch", "walking", "standing-hip-flexor-stretch"), False, ["comes before"]),
        (("hip-flexor-stretch", "bent-knee-hamstring-stretch"), False, []),
        (("hamstring-stretch",), False, []),  # no hip flexor stretch to come first
        (("walking", "cat-camel"), True, []),  # both have an easier version
        (("open-book", "walking"), True, ["Locked, with no easier version of Open book (upper back):"]),
        (("open-book", "wall-hinge"), False, []),  # not locked: the pain check may still ease the dose
        (("bent-knee-hamstring-stretch", "hip-flexor-stretch"), True, ["Locked", "comes before"]),
    ],
)
def test_program_warnings(drill_ids: tuple[str, ...], locked: bool, expected: list[str]) -> None:
    library = default_library()
    warnings = program_warnings([library[drill_id] for drill_id in drill_ids], locked=locked)
    assert len(warnings) == len(expected)
    for warning, start in zip(warnings, expected, strict=True):
        assert start in warning


def test_two_drills_without_an_easier_version_are_named_once_each() -> None:
    library = default_library()
    drills = [library["open-book"], library["wall-hinge"], library["open-book"]]
    (warning,) = program_warnings(drills, locked=True)
    assert warning == (
        "Locked, with no easier version of Open book (upper back), Wall hinge: "
        "on a sore day the patient can only skip them."
    )


def test_drill_facts_lead_with_the_cautions() -> None:
    library = default_library()
    drill = library["hamstring-stretch"]
    facts = drill_facts(drill, library)
    assert facts[: len(drill.cautions)] == [f"! {caution}" for caution in drill.cautions]
    assert facts[len(drill.cautions) :] == [
        "Needs: a mat",
        f"Low back: {drill.direction.words()}",
        "Tags: flexion:small extension:none rotation:none side_bend:none load:none nerve:none position:back",
        "Easier version: Bent-knee hamstring stretch",
    ]
    assert drill_facts(library["open-book"], library)[-1] == "Easier version: none in the library"
