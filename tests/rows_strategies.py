"""Hypothesis strategies for malformed journal rows and journal files.

A row is built as JSON text, not as a Python value, because the rows that
hurt are exactly the ones Python cannot hold or write back: integers of
thousands of digits, nesting thousands deep, NaN and Infinity, ``\\ud800``
escapes, bytes that are not UTF-8, a typo in the middle of one row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from backcoach.store.schema import CURRENT_SCHEMA_VERSION


@dataclass(frozen=True)
class Raw:
    """JSON text to put into a document verbatim."""

    text: str


def dump(value: Any) -> str:
    """``value`` as JSON text, with :class:`Raw` parts copied as they are."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    return json.dumps(value)


def good_session(n: int) -> dict[str, Any]:
    day = 1 + n % 28
    return {
        "id": f"row-{n}",
        "program": {"id": "p", "name": "Morning"},
        "started_at": f"2026-11-{day:02d}T08:00:00+01:00",
        "ended_at": f"2026-11-{day:02d}T08:20:00+01:00",
        "status": ("completed", "ended_early", "stopped_pain", "interrupted", "stopped_safety")[n % 5],
        "demo": n % 7 == 3,
        "speed": 1.0,
        "checkin_pain": n % 11,
        "final_pain": (n + 3) % 11,
        "safety": {"answers": {"saddle_numbness": False, "trauma": n % 9 == 4}},
        "drills": [
            {
                "drill_id": "cat-camel",
                "replaced_by": None,
                "planned": {"kind": "reps", "sets": 1, "reps": 8, "tempo": [3, 3]},
                "status": "done",
                "gate_pain": n % 11,
                "gate_band": "green",
                "difficulty": "about_right",
                "active_seconds": 60.0 + n,
                "reps_done": 8,
                "sets_done": 1,
            }
        ],
    }


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["\ud800", "\udfff", "a\udc80b", "\U0001f600", ""]),
)
plain_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
).map(lambda value: Raw(json.dumps(value)))

_offsets = st.integers(-23 * 60, 23 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
timestamps = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(datetime.isoformat),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_offsets).map(
        datetime.isoformat
    ),
    st.sampled_from(["yesterday", "2026-13-01T00:00:00+00:00", "0001-01-01T00:00:00", "2026-11-30", ""]),
).map(lambda text: Raw(json.dumps(text)))

nasty = st.one_of(
    plain_json,
    timestamps,
    st.integers(4301, 6000).map(lambda digits: Raw("9" * digits)),  # Python refuses to read these
    st.integers(30, 3000).map(lambda depth: Raw("[" * depth + "]" * depth)),
    st.sampled_from(["1e308", "-1e308", "1e400", "-0.0", "NaN", "-Infinity", "1e-400"]).map(Raw),
    st.sampled_from(['"\\ud800"', '"x\\udfffy"', '{"\\udc00": 1}', "tru", '{"a" 1}', '"unterminated']).map(Raw),
)

SESSION_PATHS = (
    ("id",), ("program",), ("program", "name"), ("program", "id"), ("started_at",), ("ended_at",),
    ("status",), ("demo",), ("speed",), ("checkin_pain",), ("final_pain",), ("safety",),
    ("safety", "answers"), ("safety", "answers", "trauma"), ("drills",), ("drills", 0),
    ("drills", 0, "active_seconds"), ("drills", 0, "gate_pain"), ("drills", 0, "planned"),
    ("drills", 0, "reps_done"), ("drills", 0, "status"), ("drills", 0, "drill_id"),
    ("later_field",), ("drills", 0, "later_field"), ("safety", "levels"),
)


@st.composite
def mutated_session(draw: st.DrawFn, n: int) -> str:
    """A session document with up to three fields broken, deleted or added."""
    doc: Any = good_session(n)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(SESSION_PATHS))
        parent = doc
        for step in path[:-1]:
            if not isinstance(parent, (dict, list)) or isinstance(parent, Raw):
                break
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1]
            if isinstance(parent, dict) and last in parent and draw(st.integers(0, 3)) == 0:
                del parent[last]
            elif isinstance(parent, dict) or (isinstance(parent, list) and last < len(parent)):
                parent[last] = draw(nasty)
    return dump(doc)


@st.composite
def journal_rows(draw: st.DrawFn) -> list[bytes]:
    """The rows of a journal: some good, some broken, one now and then not UTF-8."""
    rows = []
    for n in range(draw(st.integers(1, 6))):
        text = draw(mutated_session(n))
        raw = text.encode("utf-8", "surrogatepass")
        if draw(st.integers(0, 9)) == 0:
            raw = raw.replace(b'"Morning"', b'"Morn\xffing"')
        rows.append(raw)
    return rows


def journal_file(rows: list[bytes], pretty: bool) -> bytes:
    """The TinyDB layout around ``rows`` (document ids 1, 2, ...)."""
    body = _separator(pretty).join(f'"{n}":'.encode() + raw for n, raw in enumerate(rows, start=1))
    return _PREFIX + body + b"}}"


def row_spans(rows: list[bytes], pretty: bool) -> list[tuple[int, int]]:
    """Where each row's bytes start and end in ``journal_file(rows, pretty)``."""
    spans = []
    at = len(_PREFIX)
    for n, raw in enumerate(rows, start=1):
        if n > 1:
            at += len(_separator(pretty))
        at += len(f'"{n}":'.encode())
        spans.append((at, at + len(raw)))
        at += len(raw)
    return spans


_PREFIX = b'{"meta": {"1": {"schema_version": %d}}, "sessions": {' % CURRENT_SCHEMA_VERSION


def _separator(pretty: bool) -> bytes:
    return b",\n  " if pretty else b","


@st.composite
def damaged_file(draw: st.DrawFn) -> bytes:
    """A good journal file, then cut, flipped, spliced or shortened anywhere."""
    raw = journal_file([dump(good_session(n)).encode() for n in range(draw(st.integers(1, 4)))], draw(st.booleans()))
    at = draw(st.integers(0, len(raw)))
    kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
    if kind == "cut":
        return raw[:at]
    if kind == "flip":
        if at == len(raw):
            return raw
        return raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
    if kind == "insert":
        return raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw[:at] + raw[at + draw(st.integers(1, 20)) :]
