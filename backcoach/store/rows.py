"""Reading the journal row by row, so one bad session never costs the rest.

``json.loads`` on the whole file is all or nothing: one integer of 5,000
digits or one session nested 900 levels deep and the whole history was
unreadable (or, with NaN, readable but poisoned). :func:`split_journal`
reads the TinyDB layout itself and decodes each session document on its
own, remembering where its bytes were. A session that cannot be decoded,
or that does not fit the model (:mod:`backcoach.store.model`), becomes a
:class:`SetAsideRow` holding its exact original bytes; the good ones go on
as usual. Broken syntax (a typo, a cut) is different: where that row ends
cannot be known for sure, so the file as a whole is unusable, and only the
sessions read before the break are salvaged.

The rows set aside are kept by :mod:`backcoach.store.set_aside`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .model import session_problem
from .schema import SESSIONS_TABLE

#: No session comes near this; a bigger one is set aside unread.
MAX_ROW_BYTES = 1_000_000

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# A string, or a bracket: enough to find where a value that cannot be
# decoded ends, without decoding it.
_BRACKET_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
_SCALAR = re.compile(
    r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity', re.S
)
# Only text with one of these escapes (or a file that is not UTF-8) can hold
# a lone surrogate; a plain substring search finds them ~10x faster than a regex.
_SURROGATE_ESCAPES = ("\\ud", "\\uD")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


# NaN and Infinity are not JSON; Python reads them, and History then
# crashes on them. Refused here, where they cost nothing to find.
_DECODER = json.JSONDecoder(parse_constant=_no_constants)


@dataclass(frozen=True)
class SetAsideRow:
    """A session document exactly as it was on disk, and why it was not used."""

    doc_id: str
    raw: bytes
    reason: str


@dataclass
class SplitJournal:
    """The tables with every usable session, and the rows that are not."""

    data: dict[str, Any]
    rejected: list[SetAsideRow] = field(default_factory=list)
    #: Session document id -> (start, end) of its text, for rows set aside later.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    #: Strings may hold lone surrogates; the model must check every one.
    suspect_text: bool = False
    utf8: bool = True

    def raw_of(self, doc_id: str) -> bytes:
        start, end = self.spans[doc_id]
        return _encode(self.text[start:end])


class _Broken(Exception):
    """The file's own structure is broken at ``pos`` (not just one row)."""

    def __init__(self, pos: int, why: str = "") -> None:
        super().__init__(why)
        self.pos = pos
        self.why = why


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def decode(raw: bytes) -> tuple[str, bool]:
    """The text of ``raw`` and whether it was valid UTF-8 (any byte survives either way)."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape"), False


def split_journal(raw: bytes) -> tuple[SplitJournal | None, str | None]:
    """``(split, None)`` for a file that reads as a journal, row by row.

    Otherwise ``(salvage, reason)``: why the file as a whole is unusable, and
    the sessions read before the point where it broke (``None`` if there
    were none), so that a file cut short still gives back what it can.
    """
    text, utf8 = decode(raw)
    split = SplitJournal({}, text=text, utf8=utf8)
    split.suspect_text = not utf8 or any(escape in text for escape in _SURROGATE_ESCAPES)
    try:
        _read_tables(text, split)
    except (_Broken, RecursionError) as broken:
        # Only rows the decoder read whole are salvaged: their bytes are
        # exactly known. Everything else stays in the file, kept whole.
        split.rejected = []
        salvage = split if split.spans else None
        if isinstance(broken, RecursionError):
            return salvage, "its JSON is nested too deeply to read"
        if not utf8:
            return salvage, f"it is not UTF-8 text (bad byte at offset {_first_bad_byte(raw)})"
        return salvage, broken.why or _where(text, broken.pos)
    return split, None


def _first_bad_byte(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"invalid JSON at line {line} column {column}"


def _skip(text: str, pos: int) -> int:
    if text[pos : pos + 1] not in _SPACE:  # the journal's own compact JSON
        return pos
    return _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]  # _WHITESPACE matches the empty string, so match() never gives None


_SPACE = frozenset(" \t\n\r")


def _expect(text: str, pos: int, char: str) -> int:
    if text[pos : pos + 1] != char:
        raise _Broken(pos)
    return _skip(text, pos + 1)


def _key(text: str, pos: int) -> tuple[str, int]:
    if text[pos : pos + 1] != '"':
        raise _Broken(pos)
    try:
        key, end = _DECODER.raw_decode(text, pos)
    except ValueError:
        raise _Broken(pos) from None
    return key, _expect(text, _skip(text, end), ":")


def _members(text: str, pos: int) -> Any:
    """Walk ``{"key": value, ...}`` at ``pos``, yielding ``(key, value_pos)``.

    The caller reads each value and sends back where it ended.
    """
    pos = _expect(text, pos, "{")
    if text[pos : pos + 1] == "}":
        return _skip(text, pos + 1)
    while True:
        key, pos = _key(text, pos)
        end = yield key, pos
        pos = _skip(text, end)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
            continue
        return _expect(text, pos, "}")


def _read_tables(text: str, split: SplitJournal) -> None:
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "{":
        raise _Broken(pos, _whole_file_reason(text) or "")
    walk = _members(text, pos)
    end = _drive(walk, lambda key, at: _table(text, key, at, split))
    if end != len(text):
        raise _Broken(end)


def _drive(walk: Any, read: Any) -> int:
    """Run a :func:`_members` walk, reading each value with ``read``; the end position."""
    try:
        key, at = next(walk)
        while True:
            key, at = walk.send(read(key, at))
    except StopIteration as stop:
        return int(stop.value)


def _table(text: str, name: str, pos: int, split: SplitJournal) -> int:
    if name == SESSIONS_TABLE and text[pos : pos + 1] == "{":
        table = split.data.setdefault(SESSIONS_TABLE, {})
        if not isinstance(table, dict):
            raise _Broken(pos)
        return _drive(_members(text, pos), lambda key, at: _session(text, key, at, split, table))
    try:
        value, end = _DECODER.raw_decode(text, pos)
    except (ValueError, RecursionError):
        raise _Broken(pos) from None
    split.data[name] = value
    return end


def _session(text: str, doc_id: str, pos: int, split: SplitJournal, table: dict[str, Any]) -> int:
    reason: str | None = None
    try:
        doc, end = _DECODER.raw_decode(text, pos)
    except RecursionError:
        doc, end, reason = None, _value_end(text, pos), "it is nested too deeply to read"
    except json.JSONDecodeError as error:
        # Broken syntax (a typo, a cut): where this row ends cannot be known
        # for sure (an unterminated string swallows what follows), so the
        # file as a whole is unusable. Rows before it are salvaged.
        raise _Broken(error.pos) from None
    except ValueError as error:  # a 5,000-digit integer, NaN, Infinity
        doc, end, reason = None, _value_end(text, pos), _value_reason(error)
        if not _plain_syntax(text, pos, end):
            raise _Broken(pos) from None
    if reason is None:
        if end - pos > MAX_ROW_BYTES:
            reason = f"it is larger than {MAX_ROW_BYTES:,} bytes"
        elif type(doc) is not dict:
            reason = "it is not a JSON object"
        elif not doc_id.isdigit():
            reason = "its document number is not a number"
    if doc_id in split.spans:  # the same number twice: JSON keeps the last, we keep both
        table.pop(doc_id)
        split.rejected.append(SetAsideRow(doc_id, split.raw_of(doc_id), "its document number is used twice"))
        del split.spans[doc_id]
    if reason is not None:
        split.rejected.append(SetAsideRow(doc_id, _encode(text[pos:end]), reason))
    else:
        table[doc_id] = doc
        split.spans[doc_id] = (pos, end)
    return end


def _read_anything(token: str) -> int:
    return 0


# Reads any JSON syntax, numbers of any length and NaN included, as zeros.
_LENIENT = json.JSONDecoder(parse_int=_read_anything, parse_constant=_read_anything)


def _plain_syntax(text: str, pos: int, end: int) -> bool:
    """Whether ``text[pos:end]`` is one JSON value with nothing wrong but its
    numbers, i.e. the end found by brackets is truly the row's end."""
    try:
        return _LENIENT.raw_decode(text, pos)[1] == end
    except RecursionError:
        return True  # nested deeper than can be decoded: the brackets decide
    except ValueError:
        return False


def one_object(raw: bytes) -> bool:
    """Whether ``raw`` is exactly one JSON object (whatever its values), as
    opposed to a file cut short or not JSON at all."""
    text, _utf8 = decode(raw)
    start = _skip(text, 0)
    if text[start : start + 1] != "{":
        return False
    try:
        value, end = _LENIENT.raw_decode(text, start)
    except RecursionError:
        return True  # a row nested too deep to decode is still one row
    except ValueError:
        return False
    return isinstance(value, dict) and _WHITESPACE.match(text, end).end() == len(text)  # type: ignore[union-attr]  # _WHITESPACE matches the empty string, so match() never gives None


def _value_reason(error: ValueError) -> str:
    message = str(error)
    if "is not a number" in message:
        return "it holds NaN or Infinity, which are not numbers"
    if "digits" in message:
        return "it holds a number too long to read"
    return "it holds a value that cannot be read"


def _value_end(text: str, pos: int) -> int:
    """Where the JSON value at ``pos`` ends, found without decoding it."""
    if text[pos : pos + 1] not in ("{", "["):
        match = _SCALAR.match(text, pos)
        if match is None:
            raise _Broken(pos)
        return match.end()
    depth = 0
    for match in _BRACKET_OR_STRING.finditer(text, pos):
        token = match.group()
        if token[0] == '"':
            continue
        depth += 1 if token in "[{" else -1
        if depth == 0:
            return match.end()
    raise _Broken(len(text))


def _whole_file_reason(text: str) -> str | None:
    """The plain reason for a file that is not a JSON object at all."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return f"invalid JSON at line {error.lineno} column {error.colno}"
    except (ValueError, RecursionError):
        return None
    if isinstance(data, list):
        return "it holds a JSON list, not a journal"
    kind = {str: "string", bool: "true/false value", type(None): "null"}.get(type(data), "number")
    return f"it holds a JSON {kind}, not a journal"


def misfits(split: SplitJournal) -> list[SetAsideRow]:
    """Take every session that does not fit the model out of ``split.data``.

    Run on the data as it will be used (after any migration); the bytes kept
    are the original ones. The Unicode check of every string only runs for
    documents whose text could hold a lone surrogate at all.
    """
    table = split.data.get(SESSIONS_TABLE)
    if not isinstance(table, dict):
        return []
    found = []
    for doc_id, doc in list(table.items()):
        strict = split.suspect_text and _suspect(split, doc_id)
        reason = session_problem(doc, strict)
        if reason is not None:
            del table[doc_id]
            found.append(SetAsideRow(doc_id, split.raw_of(doc_id), reason))
    return found


def _suspect(split: SplitJournal, doc_id: str) -> bool:
    span = split.spans.get(doc_id)
    if span is None or not split.utf8:
        return True
    return any(split.text.find(escape, *span) >= 0 for escape in _SURROGATE_ESCAPES)
