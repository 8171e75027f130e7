"""The one shape a stored session must have before anything reads it.

Every session document that comes off disk (``journal.json``, an unfinished
``current_session.json``, the read-only snapshot the CLI uses) passes
:func:`session_problem` first. A document that does not fit is never
"repaired" and never fatal: the caller sets it aside unchanged and the rest
of the history goes on. What is checked is exactly what would otherwise
crash or poison a reader: timestamps the calendar cannot place (every
session start parses them), a ``safety`` that is not a mapping, numbers that
are not finite or far out of range (History sums and rounds them), text that
cannot be encoded (a lone surrogate), and nesting or sizes no session has.

Fields not listed here (added by later versions, or by hand) are kept and
only checked to be plain, bounded JSON, so a newer optional field never
costs someone a session. To check a new field, add one line to
:data:`SESSION_FIELDS` or :data:`DRILL_FIELDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .timefmt import parse_stored

#: A check returns why ``value`` does not fit (a short phrase), or ``None``.
#: ``strict_text`` asks for the (slower) Unicode check of every string.
Check = Callable[[object, bool], "str | None"]

#: Depth below a listed field at which free-form values stop.
MAX_DEPTH = 12
#: Entries in any one list or mapping.
MAX_ITEMS = 1000
#: Characters in any one string (names are far shorter; notes may be long).
MAX_TEXT = 10_000
#: Free-form numbers: beyond this no quantity of a session makes sense, and
#: floats this size lose whole units.
MAX_MAGNITUDE = 1e15


def lone_surrogate(text: str) -> bool:
    """True if ``text`` cannot be written as UTF-8 (a lone surrogate, or an
    undecodable byte kept by ``surrogateescape``)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def text(limit: int, empty: bool = True) -> Check:
    """A string of at most ``limit`` characters (``empty=False``: at least one)."""

    def check(value: object, strict_text: bool) -> str | None:
        if type(value) is not str:
            return "must be text"
        if len(value) > limit:
            return f"must be at most {limit} characters"
        if not empty and not value:
            return "must not be empty"
        if strict_text and lone_surrogate(value):
            return "holds text that is not valid Unicode"
        return None

    return check


def whole(low: int, high: int) -> Check:
    def check(value: object, strict_text: bool) -> str | None:
        if type(value) is int and low <= value <= high:
            return None
        return f"must be a whole number from {low} to {high}"

    return check


def number(low: float, high: float) -> Check:
    """A finite int or float in ``low..high`` (NaN fails every comparison)."""

    def check(value: object, strict_text: bool) -> str | None:
        if type(value) in (int, float) and low <= value <= high:  # type: ignore[operator]
            return None
        return f"must be a number from {low:g} to {high:g}"

    return check


def flag(value: object, strict_text: bool) -> str | None:
    return None if type(value) is bool else "must be true or false"


def timestamp(value: object, strict_text: bool) -> str | None:
    if parse_stored(value) is None:
        return "must be an ISO 8601 date and time with its UTC offset"
    return None


def nullable(check: Check) -> Check:
    def maybe(value: object, strict_text: bool) -> str | None:
        return None if value is None else check(value, strict_text)

    return maybe


def record(fields: Mapping[str, Check], required: frozenset[str] = frozenset()) -> Check:
    """A mapping whose listed fields pass their checks; other fields are free JSON."""

    def check(value: object, strict_text: bool) -> str | None:
        if type(value) is not dict:
            return "must be a mapping of names to values"
        return fields_problem(value, fields, required, strict_text)

    return check


def mapping_of(values: Check) -> Check:
    """A mapping of text keys to values that all pass ``values``."""

    def check(value: object, strict_text: bool) -> str | None:
        if type(value) is not dict:
            return "must be a mapping of names to values"
        if len(value) > MAX_ITEMS:
            return f"has more than {MAX_ITEMS} entries"
        for key, item in value.items():
            if strict_text and lone_surrogate(key):
                return "has a name that is not valid Unicode"
            problem = values(item, strict_text)
            if problem is not None:
                return _at(_label(key), problem)
        return None

    return check


def list_of(items: Check, limit: int) -> Check:
    def check(value: object, strict_text: bool) -> str | None:
        if type(value) is not list:
            return "must be a list"
        if len(value) > limit:
            return f"has more than {limit} entries"
        for index, item in enumerate(value):
            problem = items(item, strict_text)
            if problem is not None:
                return _at(f"[{index}]", problem)
        return None

    return check


def free(value: object, strict_text: bool) -> str | None:
    """Any plain JSON value, bounded in depth, size and magnitude."""
    return _free(value, strict_text, 0)


def _free(value: object, strict_text: bool, depth: int) -> str | None:
    kind = type(value)
    if kind is str:
        if len(value) > MAX_TEXT:  # type: ignore[arg-type]
            return f"holds text longer than {MAX_TEXT:,} characters"
        if strict_text and lone_surrogate(value):  # type: ignore[arg-type]
            return "holds text that is not valid Unicode"
        return None
    if value is None or kind is bool:
        return None
    if kind is int or kind is float:
        if -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:  # type: ignore[operator]
            return None
        return "holds a number that is not finite or far out of range"
    if kind is not list and kind is not dict:
        return "holds a value JSON cannot store"
    if depth >= MAX_DEPTH:
        return "is nested too deeply"
    if len(value) > MAX_ITEMS:  # type: ignore[arg-type]
        return f"has more than {MAX_ITEMS} entries"
    if kind is list:
        for item in value:  # type: ignore[attr-defined]
            problem = _free(item, strict_text, depth + 1)
            if problem is not None:
                return problem
        return None
    for key, item in value.items():  # type: ignore[attr-defined]
        if type(key) is not str or (strict_text and lone_surrogate(key)):
            return "has a name that is not valid Unicode"
        problem = _free(item, strict_text, depth + 1)
        if problem is not None:
            return problem
    return None


def fields_problem(
    doc: Mapping[str, Any], fields: Mapping[str, Check], required: frozenset[str], strict_text: bool
) -> str | None:
    """The first field of ``doc`` that does not fit, as ``"name: why"``."""
    for name in required:
        if name not in doc:
            return f".{name}: is missing"
    if len(doc) > MAX_ITEMS:
        return f"has more than {MAX_ITEMS} fields"
    for name, value in doc.items():
        check = fields.get(name)
        if check is None:
            if strict_text and lone_surrogate(name):
                return "a field name is not valid Unicode"
            problem = free(value, strict_text)
        else:
            problem = check(value, strict_text)
        if problem is not None:
            return _at(_label(name), problem)
    return None


def _label(name: str) -> str:
    """``.name`` for a path in a reason; odd names are not echoed back."""
    if len(name) <= 40 and name.isprintable() and not lone_surrogate(name):
        return f".{name}"
    return ".(a field)"


def _at(label: str, problem: str) -> str:
    """Prefix a nested reason with where it is: ``.drills`` + ``[2].x: why``."""
    if problem[:1] in (".", "["):
        return label + problem
    return f"{label}: {problem}"


PAIN = nullable(whole(0, 10))
NAME = text(500)
LABEL = nullable(text(60))

#: Each drill record in ``drills``.
DRILL_FIELDS: dict[str, Check] = {
    "drill_id": nullable(text(200)),
    "replaced_by": nullable(text(200)),
    "planned": nullable(record({})),
    "status": LABEL,
    "gate_pain": PAIN,
    "gate_band": LABEL,
    "difficulty": LABEL,
    "active_seconds": nullable(number(0, 86_400)),
    "reps_done": nullable(whole(0, 100_000)),
    "sets_done": nullable(whole(0, 10_000)),
}

#: The session document (README, "The session document").
SESSION_FIELDS: dict[str, Check] = {
    "id": text(200, empty=False),
    "program": record({"id": nullable(text(200)), "name": nullable(NAME)}),
    "started_at": nullable(timestamp),
    "ended_at": nullable(timestamp),
    "status": text(60, empty=False),
    "demo": flag,
    "speed": number(0.01, 1000),
    "checkin_pain": PAIN,
    "final_pain": PAIN,
    "safety": nullable(record({"answers": nullable(mapping_of(flag))})),
    "drills": list_of(record(DRILL_FIELDS), 500),
    "clock_note": nullable(text(MAX_TEXT)),
}
REQUIRED = frozenset({"id"})


def session_problem(doc: object, strict_text: bool = True) -> str | None:
    """Why ``doc`` cannot be read as a session (``"drills[2].active_seconds: ..."``),
    or ``None`` when it fits.

    ``strict_text=False`` skips the Unicode check of strings; only pass it
    when the document's source text is known to hold neither ``\\u`` escapes
    of surrogates nor undecodable bytes (see :mod:`backcoach.store.rows`).
    """
    if type(doc) is not dict:
        return "it is not a JSON object"
    problem = fields_problem(doc, SESSION_FIELDS, REQUIRED, strict_text)
    return problem[1:] if problem is not None and problem[:1] == "." else problem

