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

import json
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from .timefmt import parse_stored

#: Depth below a listed field at which free-form values stop.
MAX_DEPTH = 12
#: Entries in any one list or mapping.
MAX_ITEMS = 1000
#: Characters in any one string (names are far shorter; notes may be long).
MAX_TEXT = 10_000
#: Free-form numbers: beyond this no quantity of a session makes sense, and
#: floats this size lose whole units.
MAX_MAGNITUDE = 1e15


class Spec(NamedTuple):
    """What one field may hold.

    ``fits`` is the whole check but the Unicode one, as one small function
    (ten years of history is ~500,000 values: one call each was measured
    about twice as fast as interpreting a spec per value); the reason is
    only worked out, by :func:`value_problem`, for a value that does not fit.
    """

    fits: Callable[[Any], bool]
    why: str  # the reason when a value does not fit
    #: Containers: the detailed check (``value, strict_text -> reason``).
    inner: Callable[[Any, bool], str | None] | None = None
    null: bool = False


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


def nullable(spec: Spec) -> Spec:
    """``spec``, or null (the scalar specs below take ``null=True`` instead,
    which saves a call per value)."""
    fits = spec.fits
    return spec._replace(fits=lambda value: value is None or fits(value), null=True)


def text(limit: int, empty: bool = True, null: bool = False) -> Spec:
    """A string of at most ``limit`` characters (``empty=False``: at least one)."""
    least = 0 if empty else 1
    if null:
        fits = lambda value: value is None or (type(value) is str and least <= len(value) <= limit)  # noqa: E731
    else:
        fits = lambda value: type(value) is str and least <= len(value) <= limit  # noqa: E731
    return Spec(fits, f"must be text of {least} to {limit} characters", null=null)


def whole(low: int, high: int, null: bool = False) -> Spec:
    if null:
        fits = lambda value: value is None or (type(value) is int and low <= value <= high)  # noqa: E731
    else:
        fits = lambda value: type(value) is int and low <= value <= high  # noqa: E731
    return Spec(fits, f"must be a whole number from {low} to {high}", null=null)


def number(low: float, high: float, null: bool = False) -> Spec:
    """A finite int or float in ``low..high`` (NaN fails every comparison)."""
    kinds = (float, int)
    if null:
        fits = lambda value: value is None or (type(value) in kinds and low <= value <= high)  # noqa: E731
    else:
        fits = lambda value: type(value) in kinds and low <= value <= high  # noqa: E731
    return Spec(fits, f"must be a number from {low:g} to {high:g}", null=null)


FLAG = Spec(lambda value: type(value) is bool, "must be true or false")
TIMESTAMP = Spec(
    lambda value: parse_stored(value) is not None,
    "must be an ISO 8601 date and time with its UTC offset",
)


def record(fields: Mapping[str, Spec], required: frozenset[str] = frozenset()) -> Spec:
    """A mapping whose listed fields fit their specs; other fields are free JSON."""
    fits_of = {name: spec.fits for name, spec in fields.items()}

    def inner(value: Any, strict_text: bool) -> str | None:
        if type(value) is not dict:
            return "must be a mapping of names to values"
        if not fields:  # free-form, such as a drill's planned dose: one walk
            return _free(value, strict_text, 0)
        return fields_problem(value, fields, fits_of, required, strict_text)

    return Spec(lambda value: inner(value, False) is None, "", inner)


def mapping_of(values: Spec) -> Spec:
    """A mapping of names to values that all fit ``values``."""
    fits = values.fits

    def inner(value: Any, strict_text: bool) -> str | None:
        if type(value) is not dict:
            return "must be a mapping of names to values"
        if len(value) > MAX_ITEMS:
            return f"has more than {MAX_ITEMS} entries"
        for name, item in value.items():
            if strict_text and lone_surrogate(name):
                return "a name is not valid Unicode"
            if not fits(item) or strict_text:
                problem = value_problem(values, item, strict_text)
                if problem is not None:
                    return _at(_label(name), problem)
        return None

    return Spec(lambda value: inner(value, False) is None, "", inner)


def list_of(items: Spec, limit: int) -> Spec:
    fits = items.fits

    def inner(value: Any, strict_text: bool) -> str | None:
        if type(value) is not list:
            return "must be a list"
        if len(value) > limit:
            return f"has more than {limit} entries"
        for index, item in enumerate(value):
            if not fits(item) or strict_text:
                problem = value_problem(items, item, strict_text)
                if problem is not None:
                    return _at(f"[{index}]", problem)
        return None

    return Spec(lambda value: inner(value, False) is None, "", inner)


def value_problem(spec: Spec, value: Any, strict_text: bool) -> str | None:
    """Why ``value`` does not fit ``spec``, or ``None``."""
    if value is None and spec.null:
        return None
    if spec.inner is not None:
        return spec.inner(value, strict_text)
    if not spec.fits(value):
        return spec.why
    if strict_text and type(value) is str and lone_surrogate(value):
        return "holds text that is not valid Unicode"
    return None


def free(value: object, strict_text: bool) -> str | None:
    """Any plain JSON value, bounded in depth, size and magnitude."""
    return _free(value, strict_text, 0)


def _free(value: Any, strict_text: bool, depth: int) -> str | None:
    kind = type(value)
    if kind is str:
        if len(value) > MAX_TEXT:
            return f"holds text longer than {MAX_TEXT:,} characters"
        if strict_text and lone_surrogate(value):
            return "holds text that is not valid Unicode"
        return None
    if value is None or kind is bool:
        return None
    if kind is int or kind is float:
        if -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            return None
        return "holds a number that is not finite or far out of range"
    if kind is not list and kind is not dict:
        return "holds a value JSON cannot store"
    if depth >= MAX_DEPTH:
        return "is nested too deeply"
    if len(value) > MAX_ITEMS:
        return f"has more than {MAX_ITEMS} entries"
    if kind is dict and strict_text and any(map(lone_surrogate, value)):
        return "has a name that is not valid Unicode"
    for item in value if kind is list else value.values():
        kind = type(item)
        # The common cases inline: short text, and numbers in range.
        if kind is int or kind is float:
            if -MAX_MAGNITUDE <= item <= MAX_MAGNITUDE:
                continue
        elif kind is str:
            if not strict_text and len(item) <= MAX_TEXT:
                continue
        elif item is None or kind is bool:
            continue
        problem = _free(item, strict_text, depth + 1)
        if problem is not None:
            return problem
    return None


def fields_problem(
    doc: dict[str, Any],
    fields: Mapping[str, Spec],
    fits_of: Mapping[str, Callable[[Any], bool]],
    required: frozenset[str],
    strict_text: bool,
) -> str | None:
    """The first field of ``doc`` that does not fit, as ``".name: why"``.

    Fields not in ``fields`` must be free JSON (see :func:`free`).
    """
    if required and not required <= doc.keys():
        return f".{min(required - doc.keys())}: is missing"
    if len(doc) > MAX_ITEMS:
        return f"has more than {MAX_ITEMS} fields"
    if strict_text and any(map(lone_surrogate, doc)):
        return "a field name is not valid Unicode"
    for name, value in doc.items():
        fits = fits_of.get(name)
        if fits is None:
            problem = _free(value, strict_text, 0)
        elif fits(value) and not strict_text:
            continue
        else:
            problem = value_problem(fields[name], value, strict_text)
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


PAIN = whole(0, 10, null=True)
LABEL = text(60, null=True)

#: Each drill record in ``drills``.
DRILL_FIELDS: dict[str, Spec] = {
    "drill_id": text(200, null=True),
    "replaced_by": text(200, null=True),
    "planned": nullable(record({})),
    "status": LABEL,
    "gate_pain": PAIN,
    "gate_band": LABEL,
    "difficulty": LABEL,
    "active_seconds": number(0, 86_400, null=True),
    "reps_done": whole(0, 100_000, null=True),
    "sets_done": whole(0, 10_000, null=True),
    # Schema version 2: the easier version's own dose, a spread down the leg.
    "replacement_dose": nullable(record({})),
    "leg_spread": nullable(FLAG),
    # Schema version 4: what the adaptive coach changed, and why (coach.adapt).
    "adapted": nullable(
        record(
            {
                "from": nullable(record({})),
                "to": nullable(record({})),
                "level": nullable(record({})),
                "rules": list_of(text(60), 50),
                "why": list_of(text(MAX_TEXT), 50),
            }
        )
    ),
}

#: The session document (README, "The session document").
SESSION_FIELDS: dict[str, Spec] = {
    "id": text(200, empty=False),
    # ``hash``, ``locked`` and ``days_per_week`` (the program's content hash, lock and plan) are newer and optional.
    "program": record(
        {
            "id": text(200, null=True),
            "name": text(500, null=True),
            "hash": text(64, null=True),
            "locked": nullable(FLAG),
            "days_per_week": whole(1, 7, null=True),
        }
    ),
    "started_at": nullable(TIMESTAMP),
    "ended_at": nullable(TIMESTAMP),
    "status": text(60, empty=False),
    "demo": FLAG,
    "speed": number(0.01, 1000),
    "checkin_pain": PAIN,
    "final_pain": PAIN,
    "safety": nullable(
        record(
            {
                "answers": nullable(mapping_of(FLAG)),
                # Schema version 2: "already checked" dates, levels, outcome, background.
                "waived": nullable(mapping_of(text(40, null=True))),
                "waived_since": nullable(mapping_of(text(40, null=True))),
                "levels": nullable(mapping_of(LABEL)),
                "outcome": LABEL,
                "background": nullable(mapping_of(FLAG)),
            }
        )
    ),
    "leg_today": LABEL,
    # Schema version 3: the 24-hour response (coach.followup).
    "followup": nullable(record({"compared": LABEL, "hours_since": number(0, 1_000_000)})),
    "last_gate": nullable(
        record({"drill_id": text(200, null=True), "gate_pain": PAIN, "gate_band": LABEL, "leg_spread": nullable(FLAG)})
    ),
    "drills": list_of(record(DRILL_FIELDS), 500),
    "clock_note": text(MAX_TEXT, null=True),
}
REQUIRED = frozenset({"id"})
_SESSION = record(SESSION_FIELDS, REQUIRED)


def session_problem(doc: object, strict_text: bool = True) -> str | None:
    """Why ``doc`` cannot be read as a session (``"drills[2].active_seconds: ..."``),
    or ``None`` when it fits.

    ``strict_text=False`` skips the Unicode check of strings; only pass it
    when the document's source text is known to hold neither ``\\u`` escapes
    of surrogates nor undecodable bytes (see :mod:`backcoach.store.rows`).
    """
    if type(doc) is not dict:
        return "it is not a JSON object"
    problem = _SESSION.inner(doc, False)  # type: ignore[misc]  # record() always sets inner (Optional only for scalars)
    if problem is None and strict_text:
        # Every string at once, at C speed; the walk only runs to say where.
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            problem = _SESSION.inner(doc, True) or "it holds text that is not valid Unicode"  # type: ignore[misc]  # record() always sets inner (Optional only for scalars)
    return problem[1:] if problem is not None and problem[:1] == "." else problem

