"""Small checkers shared by the drill and program loaders.

Files are written by hand (by us for drills, by clinicians for programs), so
every value is checked for type and range and every mistake is collected
with a 1-based position rather than raised on the spot. The wording of the
messages is part of the documented format: keep it stable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from backcoach.content.errors import ContentError, Problem

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,48}")
_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]{1,40}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")

MISSING_MESSAGE = "required setting is missing"
BOOL_MESSAGE = "must be true or false"
SLUG_MESSAGE = (
    "must be an id of lowercase letters, digits and dashes "
    "(1 to 49 characters, like 'cat-camel')"
)


#: A file with thousands of mistakes (a generated or hostile one) gets the
#: first ones and a count, not thousands of lines.
MAX_PROBLEMS = 20


class Checker:
    """Collects the problems found in one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.more = 0

    def add(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.file, where, message))
        else:
            self.more += 1

    @property
    def count(self) -> int:
        """Every problem found, kept or only counted."""
        return len(self.problems) + self.more

    def raise_if_any(self) -> None:
        if self.more:
            more = Problem(self.file, "", f"and {self.more} more problems like these")
            raise ContentError([*self.problems, more])
        if self.problems:
            raise ContentError(self.problems)


def at(prefix: str, key: str) -> str:
    """``at("dosage", "reps") == "dosage.reps"``; keys are shown safely."""
    shown = show_key(key)
    return f"{prefix}.{shown}" if prefix else shown


def nth(prefix: str, index: int) -> str:
    """Positions are 1-based in messages: ``nth("drills", 0) == "drills[1]"``."""
    return f"{prefix}[{index + 1}]"


def show_key(key: str) -> str:
    """A key as a person would type it; odd (quoted) keys are quoted back."""
    if _BARE_KEY_RE.fullmatch(key):
        return key
    return show(key)


def show(value: object) -> str:
    """A short, printable description of a value for an error message."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value) if value.bit_length() <= 64 else "a very large number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def check_keys(
    ck: Checker, table: Mapping[str, Any], allowed: Sequence[str], prefix: str
) -> None:
    """Unknown keys are errors: a typo must never be silently ignored."""
    for key in table:
        if key not in allowed:
            ck.add(at(prefix, key), unknown_key_message(key, allowed))


def unknown_key_message(key: str, allowed: Sequence[str]) -> str:
    """``unknown setting hodl; did you mean hold?``, or every allowed key when none is close.

    A typo is the usual cause, and the nearest names fix it; a key nothing
    like any setting more likely comes from another program's format, so
    the whole list says what this one takes.
    """
    close = nearest(key[:60], allowed)
    if close:
        # One slip of the finger (a letter swapped, missing, extra or wrong)
        # is what happened; the others are only alike.
        slips = [name for name in close if one_slip(key, name)]
        return f"unknown setting {show_key(key)}; did you mean {or_list(slips or close)}?"
    return f"unknown setting {show_key(key)}; expected one of: " + ", ".join(allowed)


def one_slip(typed: str, word: str) -> bool:
    """True if ``typed`` is ``word`` with one letter swapped with the next, missing, extra or wrong."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    start = 0
    while start < min(len(typed), len(word)) and typed[start] == word[start]:
        start += 1
    a, b = typed[start:], word[start:]
    if len(a) == len(b):
        return a[1:] == b[1:] or (len(a) >= 2 and a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:])
    return a[1:] == b if len(a) > len(b) else a == b[1:]


def or_list(words: Sequence[str]) -> str:
    """``hold``, ``hold or rest``, ``hold, rest or reps``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def count_message(count: int, high: int) -> str:
    """``41 entries, at most 40``: the count named, so the physio knows how many to drop."""
    return f"{count} entries, at most {high}"


def int_message(low: int, high: int, unit: str = "") -> str:
    of_unit = f" of {unit}" if unit else ""
    return f"must be a whole number{of_unit} between {low} and {high}"


#: A whole number written ``12.0``: the value is right, only its spelling is not.
DECIMAL_POINT_MESSAGE = "must be a whole number, without a decimal point"


def int_problem(value: object, low: int, high: int, unit: str = "") -> str | None:
    """Why ``value`` is not a whole number in bounds, or None.

    ``12.0`` is a whole number in a decimal's clothes (a spreadsheet wrote
    it, or a habit did): saying "between 1 and 50" to someone who typed 12
    would puzzle them, so it gets its own words with the number to write.
    """
    if valid_int(value, low, high):
        return None
    if isinstance(value, float) and value.is_integer() and low <= value <= high:
        return f"{DECIMAL_POINT_MESSAGE} ({int(value)}, not {value!r})"
    return int_message(low, high, unit)


def number_message(low: float, high: float, unit: str = "") -> str:
    of_unit = f" of {unit}" if unit else ""
    return f"must be a number{of_unit} between {_num(low)} and {_num(high)}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def is_int(value: object) -> bool:
    """TOML ``true`` is not a number, even though Python's bool is an int."""
    return isinstance(value, int) and not isinstance(value, bool)


def valid_int(value: object, low: int, high: int) -> bool:
    return is_int(value) and low <= value <= high  # type: ignore[operator]  # is_int() just proved value is an int


def valid_number(value: object, low: float, high: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return low <= value <= high


def take_int(
    ck: Checker,
    table: Mapping[str, Any],
    key: str,
    prefix: str,
    low: int,
    high: int,
    *,
    unit: str = "",
    required: bool = True,
) -> int | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), MISSING_MESSAGE)
        return None
    value = table[key]
    problem = int_problem(value, low, high, unit)
    if problem is not None:
        ck.add(at(prefix, key), problem)
        return None
    return int(value)


def take_number(
    ck: Checker,
    table: Mapping[str, Any],
    key: str,
    prefix: str,
    low: float,
    high: float,
    *,
    unit: str = "",
    required: bool = True,
) -> float | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), MISSING_MESSAGE)
        return None
    value = table[key]
    if not valid_number(value, low, high):
        ck.add(at(prefix, key), number_message(low, high, unit))
        return None
    return value  # type: ignore[no-any-return]  # checked just above: the table value is that type


def take_bool(
    ck: Checker, table: Mapping[str, Any], key: str, prefix: str, *, required: bool = True
) -> bool | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), MISSING_MESSAGE)
        return None
    value = table[key]
    if not isinstance(value, bool):
        ck.add(at(prefix, key), BOOL_MESSAGE)
        return None
    return value


def text_problem(value: object, *, min_len: int, max_len: int, single_line: bool) -> str | None:
    """Why ``value`` is not acceptable text, or None if it is."""
    if not isinstance(value, str):
        return "must be text in quotes"
    if single_line and ("\n" in value or "\r" in value):
        return "must be a single line"
    if _CONTROL_RE.search(value.replace("\r\n", "\n")):
        return "must not contain control characters"
    length = len(value.strip())
    if length < min_len or len(value) > max_len:
        if min_len <= 0:
            return f"must be at most {max_len} characters long"
        return f"must be {min_len} to {max_len} characters long"
    return None


def take_text(
    ck: Checker,
    table: Mapping[str, Any],
    key: str,
    prefix: str,
    *,
    max_len: int,
    min_len: int = 1,
    single_line: bool = True,
    required: bool = True,
) -> str | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), MISSING_MESSAGE)
        return None
    value = table[key]
    problem = text_problem(value, min_len=min_len, max_len=max_len, single_line=single_line)
    if problem:
        ck.add(at(prefix, key), problem)
        return None
    return value  # type: ignore[no-any-return]  # checked just above: the table value is that type


def take_slug(
    ck: Checker, table: Mapping[str, Any], key: str, prefix: str, *, required: bool = True
) -> str | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), MISSING_MESSAGE)
        return None
    value = table[key]
    if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
        ck.add(at(prefix, key), SLUG_MESSAGE)
        return None
    return value


def take_choice(
    ck: Checker,
    table: Mapping[str, Any],
    key: str,
    prefix: str,
    choices: Sequence[str],
    *,
    required: bool = True,
) -> str | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), MISSING_MESSAGE)
        return None
    value = table[key]
    if not isinstance(value, str) or value not in choices:
        ck.add(at(prefix, key), f"must be one of: {', '.join(choices)} (got {show(value)})")
        return None
    return value


def take_text_list(
    ck: Checker,
    table: Mapping[str, Any],
    key: str,
    prefix: str,
    *,
    min_items: int,
    max_items: int,
    max_len: int,
) -> tuple[str, ...] | None:
    """A list of short single-line texts (cues, cautions)."""
    where = at(prefix, key)
    if key not in table:
        ck.add(where, MISSING_MESSAGE)
        return None
    value = table[key]
    if isinstance(value, list) and len(value) > max_items:
        ck.add(where, count_message(len(value), max_items))
        return None
    if not isinstance(value, list) or not min_items <= len(value) <= max_items:
        if min_items == 0:
            ck.add(where, f"must be a list of at most {max_items} texts (may be empty: [])")
        else:
            ck.add(where, f"must be a list of {min_items} to {max_items} texts")
        return None
    items: list[str] = []
    for index, entry in enumerate(value):
        problem = text_problem(entry, min_len=1, max_len=max_len, single_line=True)
        if problem:
            ck.add(nth(where, index), problem)
        else:
            items.append(entry)
    return tuple(items) if len(items) == len(value) else None


def take_table(
    ck: Checker, table: Mapping[str, Any], key: str, prefix: str, *, required: bool = True
) -> dict[str, Any] | None:
    if key not in table:
        if required:
            ck.add(at(prefix, key), f"required section [{at(prefix, key)}] is missing")
        return None
    value = table[key]
    if not isinstance(value, dict):
        ck.add(at(prefix, key), f"must be a table (a [{at(prefix, key)}] section)")
        return None
    return value


def nearest(word: str, candidates: Sequence[str], n: int = 3) -> list[str]:
    """The closest few candidates, best first (difflib is imported lazily)."""
    import difflib

    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)


def unknown_id_message(what: str, value: str, candidates: Sequence[str]) -> str:
    """``unknown drill 'cat-camle'; did you mean: cat-camel``."""
    message = f"unknown {what} {show(value)}"
    close = nearest(value[:60], candidates)
    if close:
        message += "; did you mean: " + ", ".join(close)
    return message
