"""The start-up content as plain JSON data, and back, trusting nothing.

The content cache (:mod:`backcoach.content.cache`) used to be a pickle, and
unpickling runs whatever code the file names: as another local user, a file
planted where the cache is read ran code as the victim. Now it is JSON, and
reading it builds the frozen dataclasses field by field, checking each one:
exact keys, exact types (``true`` is not a number), finite numbers, bounded
lengths, kinds, categories, movements and breaths from their fixed sets,
frame numbers that exist in the drill's figure, and links (easier, harder,
a program's drills) that name drills in the same file. Anything else raises
:class:`Doubt`, and the caller rebuilds from the real files, where every
range and wording rule is checked by the loaders themselves.

It is cheaper than reading the files: one ``json.loads`` and a walk, no TOML
parse and no import of the checking modules (measured in
``tests/bench/launch.py``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from backcoach.content.errors import Problem
from backcoach.content.library import Library
from backcoach.content.model import (
    CATEGORIES,
    DIRECTION_FIELDS,
    EASES,
    EQUIPMENT,
    EXTENTS,
    KINDS,
    LEG_REACH,
    LIMITABLE,
    LOADS,
    MOVEMENTS,
    NERVES,
    POSITIONS,
    Breathing,
    Direction,
    Dosage,
    Drill,
    Phase,
    Profile,
    Program,
    ProgramItem,
    ProgramMeta,
)

#: Generous sanity bounds; the loaders' own ranges are far tighter.
MAX_TEXT = 10_000
MAX_ITEMS = 1_000
MAX_COUNT = 100_000
ORIGINS = ("builtin", "imported", "file")


class Doubt(Exception):
    """Something in the cache is not exactly what :func:`encode` writes."""


Check = Callable[[object], Any]


def _text(value: object) -> str:
    if type(value) is not str or len(value) > MAX_TEXT:
        raise Doubt
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _count(value: object) -> int:
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise Doubt
    return value


def _optional_count(value: object) -> int | None:
    return None if value is None else _count(value)


def _seconds(value: object) -> float:
    if (type(value) is int or type(value) is float) and math.isfinite(value) and 0 < value <= MAX_COUNT:
        return value
    raise Doubt


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise Doubt
    return value


def _choice(*allowed: str) -> Check:
    def check(value: object) -> str:
        if type(value) is not str or value not in allowed:
            raise Doubt
        return value

    return check


def json_list(value: object) -> list[Any]:
    if type(value) is not list or len(value) > MAX_ITEMS:
        raise Doubt
    return value


def _texts(value: object) -> tuple[str, ...]:
    return tuple(_text(item) for item in json_list(value))


def _fields(raw: object, spec: Mapping[str, Check]) -> dict[str, Any]:
    """Every key of ``spec`` and no other, each value checked."""
    if type(raw) is not dict or raw.keys() != spec.keys():
        raise Doubt
    return {key: check(raw[key]) for key, check in spec.items()}


_PHASE = {
    "movement": _choice(*MOVEMENTS),
    "label": _text,
    "breath": _choice("exhale", "inhale"),
    "seconds": _seconds,
    "frame": _count,
}
_DOSAGE = dict.fromkeys(("reps", "sets", "hold_seconds", "rest_seconds", "seconds", "sides"), _count)


def _phases(value: object) -> tuple[Phase, ...]:
    return tuple(Phase(**_fields(raw, _PHASE)) for raw in json_list(value))


_BREATHING = {"style": _choice("paired", "steady", "natural"), "cue": _text, "phases": _phases}
_DIRECTION: dict[str, Check] = {
    **{name: _choice(*EXTENTS) for name in ("flexion", "extension", "rotation", "side_bend")},
    "load": _choice(*LOADS),
    "nerve": _choice(*NERVES),
    "position": _choice(*POSITIONS),
}
assert tuple(_DIRECTION) == DIRECTION_FIELDS
_equipment_item = _choice(*EQUIPMENT)


def _limit(value: object) -> tuple[str, str]:
    pair = json_list(value)
    if len(pair) != 2:
        raise Doubt
    return _choice(*LIMITABLE)(pair[0]), _choice(*EXTENTS)(pair[1])


def _profile(value: object) -> Profile | None:
    if value is None:
        return None
    spec: dict[str, Check] = {
        "eases": _choice(*EASES),
        "limits": lambda v: tuple(_limit(pair) for pair in json_list(v)),
        "leg": lambda v: None if v is None else _choice(*LEG_REACH)(v),
        "provisional": _flag,
    }
    return Profile(**_fields(value, spec))


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        raise Doubt from None


def _meta(value: object) -> ProgramMeta:
    """Who set the program and until when: Home shows them from the cache."""
    spec: dict[str, Check] = {"patient": _text, "clinician": _text, "review_on": _date, "notes": _text}
    return ProgramMeta(**_fields(value, spec))


def _equipment(value: object) -> tuple[str, ...]:
    items = tuple(_equipment_item(item) for item in json_list(value))
    if not items or len(set(items)) != len(items):
        raise Doubt
    return items


_DRILL = {
    "id": _text,
    "name": _text,
    "category": _choice(*CATEGORIES),
    "kind": _choice(*KINDS),
    "purpose": _text,
    "cues": _texts,
    "cautions": _texts,
    "dosage": lambda raw: Dosage(**_fields(raw, _DOSAGE)),
    "breathing": lambda raw: Breathing(**_fields(raw, _BREATHING)),
    "figure": _texts,
    "source": _text,
    "direction": lambda raw: Direction(**_fields(raw, _DIRECTION)),
    "equipment": _equipment,
    "easier": _optional_text,
    "harder": _optional_text,
    "max_hold_seconds": _optional_count,
}


def _override(value: object) -> object:
    if type(value) in (int, bool, str):
        return _text(value) if type(value) is str else value
    if type(value) is float and math.isfinite(value):
        return value
    raise Doubt


def decode_drill(raw: object) -> Drill:
    drill = Drill(**_fields(raw, _DRILL))
    if any(phase.frame >= len(drill.figure) for phase in drill.breathing.phases):
        raise Doubt
    return drill


def decode_library(raw: object) -> Library:
    drills = [decode_drill(item) for item in json_list(raw)]
    library = Library(drills)
    if len(library) != len(drills):  # two drills with one id
        raise Doubt
    for drill in drills:
        for link in (drill.easier, drill.harder):
            if link is not None and link not in library:
                raise Doubt
    return library


def decode_program(raw: object, library: Library, origin: str) -> Program:
    def items(value: object) -> tuple[ProgramItem, ...]:
        decoded = []
        for entry in json_list(value):
            item = _fields(entry, {"drill": lambda d: d, "overrides": lambda o: o})
            overrides = item["overrides"]
            if type(overrides) is not dict:
                raise Doubt
            overrides = {_text(key): _override(v) for key, v in overrides.items()}
            reference = item["drill"]
            drill = library.get(reference) if type(reference) is str else decode_drill(reference)
            if drill is None or drill.id not in library:
                raise Doubt
            decoded.append(ProgramItem(drill=drill, overrides=overrides))
        if not decoded:
            raise Doubt
        return tuple(decoded)

    fields = _fields(
        raw,
        {
            "id": _text,
            "name": _text,
            "description": _text,
            "items": items,
            "source": _text,
            "pain_limit": _optional_count,
            "days_per_week": _optional_count,
            "locked": _flag,
            "origin": _choice(origin),
            "path": _optional_text,
            "adapt": _flag,
            "adapt_max_steps": _optional_count,
            "profile": _profile,
            "meta": _meta,
        },
    )
    return Program(**fields)


def decode_problem(raw: object) -> Problem:
    parts = json_list(raw)
    if len(parts) != 3:
        raise Doubt
    return Problem(*(_text(part) for part in parts))


# -- writing -----------------------------------------------------------------


def encode_drill(drill: Drill) -> dict[str, Any]:
    breathing = drill.breathing
    return {
        "id": drill.id,
        "name": drill.name,
        "category": drill.category,
        "kind": drill.kind,
        "purpose": drill.purpose,
        "cues": list(drill.cues),
        "cautions": list(drill.cautions),
        "dosage": {name: getattr(drill.dosage, name) for name in _DOSAGE},
        "breathing": {
            "style": breathing.style,
            "cue": breathing.cue,
            "phases": [{name: getattr(phase, name) for name in _PHASE} for phase in breathing.phases],
        },
        "figure": list(drill.figure),
        "source": drill.source,
        "direction": {name: getattr(drill.direction, name) for name in _DIRECTION},
        "equipment": list(drill.equipment),
        "easier": drill.easier,
        "harder": drill.harder,
        "max_hold_seconds": drill.max_hold_seconds,
    }


def encode_program(program: Program, library: Library) -> dict[str, Any]:
    """A drill used as the library has it is stored by id (and comes back as the same object)."""
    items = [
        {
            "drill": item.drill.id if library.get(item.drill.id) is item.drill else encode_drill(item.drill),
            "overrides": dict(item.overrides),
        }
        for item in program.items
    ]
    return {
        "id": program.id,
        "name": program.name,
        "description": program.description,
        "items": items,
        "source": program.source,
        "pain_limit": program.pain_limit,
        "days_per_week": program.days_per_week,
        "locked": program.locked,
        "origin": program.origin,
        "path": program.path,
        "adapt": program.adapt,
        "adapt_max_steps": program.adapt_max_steps,
        "profile": None
        if program.profile is None
        else {
            "eases": program.profile.eases,
            "limits": [list(pair) for pair in program.profile.limits],
            "leg": program.profile.leg,
            "provisional": program.profile.provisional,
        },
        "meta": {
            "patient": program.meta.patient,
            "clinician": program.meta.clinician,
            "review_on": program.meta.review_on.isoformat() if program.meta.review_on else None,
            "notes": program.meta.notes,
        },
    }


def encode_problem(problem: Problem) -> list[str]:
    return [problem.file, problem.where, problem.message]
