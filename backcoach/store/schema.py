"""The journal's shape, its version number, and how old files move forward.

The version lives in a ``meta`` table holding one document
``{"schema_version": N}``; a journal without it is version 0. Migrations
work on the raw TinyDB layout (``{"table": {"<doc id>": {...}}}``) in memory
and the caller saves the result in a single atomic write, so a crash in the
middle of an upgrade leaves the old file exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .errors import StoreError

CURRENT_SCHEMA_VERSION = 4
META_TABLE = "meta"
SESSIONS_TABLE = "sessions"

RUNNING = "running"
FINAL_STATUSES = frozenset(
    {"completed", "ended_early", "stopped_pain", "stopped_safety", "interrupted"}
)

RawData = dict[str, dict[str, Any]]
Migration = Callable[[RawData], None]


def session_defaults() -> dict[str, Any]:
    """Fields every stored session has (fresh objects on every call)."""
    return {
        "program": {"id": None, "name": None},
        "started_at": None,
        "ended_at": None,
        "status": "interrupted",
        "demo": False,
        "speed": 1.0,
        "checkin_pain": None,
        "leg_today": None,
        "followup": None,
        "final_pain": None,
        "safety": {"answers": {}},
        "last_gate": None,
        "drills": [],
    }


def drill_defaults() -> dict[str, Any]:
    """Per-drill fields added after version 1 (fresh objects on every call)."""
    return {"replacement_dose": None, "leg_spread": False, "adapted": None}


def fill_session_defaults(doc: dict[str, Any]) -> dict[str, Any]:
    """Add any missing top-level session field, in place; returns ``doc``."""
    for key, value in session_defaults().items():
        doc.setdefault(key, value)
    return doc


def _v0_to_v1(data: RawData) -> None:
    """Version 0 journals predate demo mode, speed and the safety record."""
    for doc in data.get(SESSIONS_TABLE, {}).values():
        fill_session_defaults(doc)
        if not isinstance(doc.get("drills"), list):
            doc["drills"] = []


#: Version 1 safety ids and the level each now maps to (CLINICAL.md 1b). The
#: old "trauma" and "unwell" items mixed levels; they take the more urgent one.
_V1_SAFETY_LEVELS = {
    "saddle_numbness": "emergency",
    "bladder_bowel": "emergency",
    "leg_weakness": "emergency",
    "trauma": "emergency",
    "unwell": "doctor_today",
    "night_pain": "doctor_soon",
}
_LEVEL_ORDER = ("emergency", "doctor_today", "doctor_soon")


def _v1_to_v2(data: RawData) -> None:
    """Version 2 adds leg symptoms, the safety check's levels and outcome, the
    replacement's own dose, and a pain check kept when a session ended at it."""
    for doc in data.get(SESSIONS_TABLE, {}).values():
        fill_session_defaults(doc)
        for drill in doc.get("drills") or []:
            if isinstance(drill, dict):
                for key, value in drill_defaults().items():
                    drill.setdefault(key, value)
        safety = doc.get("safety")
        if isinstance(safety, dict) and "outcome" not in safety:
            answers = safety.get("answers")
            answers = answers if isinstance(answers, dict) else {}
            levels = {
                qid: _V1_SAFETY_LEVELS.get(qid, "emergency")
                for qid, value in answers.items()
                if value is True
            }
            safety["levels"] = levels
            safety.setdefault("waived", {})
            safety.setdefault("background", None)
            safety["outcome"] = next(
                (level for level in _LEVEL_ORDER if level in levels.values()), "clear"
            )


def _v2_to_v3(data: RawData) -> None:
    """Version 3 adds the 24-hour response asked at the check-in (``followup``);
    older sessions were never asked."""
    for doc in data.get(SESSIONS_TABLE, {}).values():
        if isinstance(doc, dict):
            doc.setdefault("followup", None)


def _v3_to_v4(data: RawData) -> None:
    """Version 4 records what the adaptive coach changed in each drill
    (``drills[].adapted``); older sessions followed the program as written."""
    for doc in data.get(SESSIONS_TABLE, {}).values():
        drills = doc.get("drills") if isinstance(doc, dict) else None
        for drill in drills if isinstance(drills, list) else ():
            if isinstance(drill, dict):
                drill.setdefault("adapted", None)


#: ``MIGRATIONS[n]`` turns a version-``n`` layout into version ``n + 1``.
MIGRATIONS: dict[int, Migration] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def layout_problem(data: object) -> str | None:
    """Why ``data`` cannot be used as a TinyDB journal, or ``None`` if it can.

    Checks exactly what TinyDB and this store rely on (tables are objects,
    document ids are integers, documents are objects, the version is a whole
    number) and nothing about individual session fields: one odd session
    must not cost someone their whole history.
    """
    if not isinstance(data, dict):
        return f"it holds a JSON {_json_kind(data)}, not a journal"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f'its "{name}" table is a JSON {_json_kind(table)}, not an object'
        for doc_id, doc in table.items():
            try:
                int(doc_id)
            except ValueError:
                return f'its "{name}" table has a document id "{doc_id}" that is not a number'
            if not isinstance(doc, dict):
                return f'document {doc_id} of its "{name}" table is not a JSON object'
    version = _raw_version(data)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return "its schema_version is not a whole number"
    return None


def schema_version(data: Mapping[str, Any]) -> int:
    """The stored version; 0 when there is no ``meta`` document."""
    version = _raw_version(data)
    return version if isinstance(version, int) else 0


def newer_than_known(data: Mapping[str, Any]) -> str | None:
    """A reason string if this file comes from a newer backcoach."""
    version = schema_version(data)
    if version > CURRENT_SCHEMA_VERSION:
        return (
            f"it was written by a newer backcoach (schema version {version}; "
            f"this one understands up to {CURRENT_SCHEMA_VERSION})"
        )
    return None


def set_schema_version(data: RawData, version: int) -> None:
    data[META_TABLE] = {"1": {"schema_version": version}}


def migrate(
    data: RawData,
    migrations: Mapping[int, Migration] | None = None,
    target: int = CURRENT_SCHEMA_VERSION,
) -> tuple[int, int]:
    """Run every step from the stored version up to ``target``, in place.

    Returns ``(from_version, to_version)``; equal when nothing ran. The
    ``meta`` document is (re)written whenever it was missing or changed, so
    callers should save if ``from != to`` or the meta table was absent.
    """
    steps = MIGRATIONS if migrations is None else migrations
    start = schema_version(data)
    if start > target:
        raise StoreError(
            f"The journal uses schema version {start}, newer than this backcoach "
            f"understands ({target}); update backcoach to read it."
        )
    version = start
    while version < target:
        step = steps.get(version)
        if step is None:
            raise StoreError(
                f"There is no way to upgrade a version {version} journal; "
                "please report this as a bug."
            )
        step(data)
        version += 1
    set_schema_version(data, version)
    return start, version


def _raw_version(data: Mapping[str, Any]) -> object:
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict) or not meta:
        return 0
    try:
        first = min(meta, key=int)
    except ValueError:
        return None
    doc = meta[first]
    if not isinstance(doc, dict):
        return None
    return doc.get("schema_version", 0)


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (int, float)):
        return "number"
    return "null"
