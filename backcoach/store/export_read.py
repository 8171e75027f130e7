"""A patient's exported sessions, read for review: someone else's history, in memory only.

``backcoach review FILE`` shows History on a file written by ``backcoach
history export --format json`` on the patient's own computer. The clinic
laptop's journal has nothing to do with it: this module reads the one file
it is given and nothing else, takes no lock and writes nothing. The file
came from outside, so it is read as warily as the journal: not a link, a
FIFO or a folder; bounded in size; every session checked by the journal's
own model (:func:`backcoach.store.model.session_problem`). A session that
does not fit is left out and counted, never fatal; the export writes the
journal's set-aside rows at its end exactly as they were, and those may not
even be JSON, so the sessions before a break are still shown.

A file that cannot be reviewed at all raises :class:`ExportUnreadable`
with one sentence naming the file as it was given.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from backcoach.coach.words import plural
from backcoach.safe_files import UnsafePathError, read_regular_file

from .documents import start_key
from .errors import StoreError, describe_os_error
from .model import session_problem
from .rows import decode
from .schema import fill_session_defaults

#: Ten years of daily sessions export to about 20 MB; a file far beyond that is not an export.
MAX_EXPORT_BYTES = 64 * 1024 * 1024
EXPORT_HINT = "give the file that 'backcoach history export --format json' writes"


class ExportUnreadable(StoreError):
    """The file cannot be reviewed at all; ``str()`` is the one sentence to show."""


class ReadOnlyReview(StoreError):
    """Something tried to save while a patient's export was being reviewed."""


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number")


def _read_as_zero(_token: str) -> int:
    return 0


#: NaN and Infinity are not JSON; History would crash on them (as in ``store.rows``).
_STRICT = json.JSONDecoder(parse_constant=_refuse_constant)
#: Any JSON syntax, numbers of any length and NaN included: only to find where a bad row ends.
_LENIENT = json.JSONDecoder(parse_int=_read_as_zero, parse_float=_read_as_zero, parse_constant=_read_as_zero)
_SPACE = " \t\n\r"


@dataclass
class ReviewedExport:
    """The usable sessions of one export file (oldest first), and what was left out.

    It stands in for the journal in a review (``Services.journal``): the
    History cache reads :meth:`sessions` and :attr:`notices` from it as it
    would from the journal, and :meth:`save_session`, the one call that
    writes, refuses.
    """

    #: The file's name as given on the command line.
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Rows that are not sessions backcoach can read (left out).
    unreadable: int = 0
    #: Where the file stops being JSON, when it does ("line 40 column 3"); nothing after it is read.
    broken_at: str | None = None

    def sessions(self) -> list[dict[str, Any]]:
        return list(self.rows)

    @property
    def short_note(self) -> str:
        """What was left out, in a few words for the heading ("" when nothing)."""
        parts = []
        if self.unreadable:
            verb = "row could not" if self.unreadable == 1 else "rows could not"
            parts.append(f"{self.unreadable:,} {verb} be read")
        if self.broken_at is not None:
            parts.append(f"the file breaks off at {self.broken_at}")
        return ", ".join(parts)

    @property
    def notices(self) -> list[str]:
        """One sentence about what was left out, shown when the review opens."""
        note = self.short_note
        if not note:
            return []
        return [f"{self.name}: {note}; {plural(len(self.rows), 'session')} shown, the rest left out."]

    def save_session(self, doc: dict[str, Any]) -> NoReturn:
        raise ReadOnlyReview(f"This is a read-only review of {self.name}: nothing is saved.")


def read_export(path: Path, name: str | None = None) -> ReviewedExport:
    """The sessions of the export at ``path``; ``name`` is how the person wrote the path.

    Raises :class:`ExportUnreadable` (one sentence) when the file cannot be
    reviewed: missing, not a regular file, too large, not JSON, not a list
    of sessions, or without a single session that can be read.
    """
    shown = name if name is not None else str(path)
    raw = _read_bytes(Path(path), shown)
    text, _utf8 = decode(raw)  # bytes that are not UTF-8 only cost the rows holding them
    export = ReviewedExport(shown)
    seen: set[str] = set()
    for item in _items(text, export):
        problem = session_problem(item)
        if problem is None and item["id"] in seen:
            problem = "its id is used twice"
        if problem is not None:
            export.unreadable += 1
            continue
        seen.add(item["id"])
        export.rows.append(fill_session_defaults(item))
    if not export.rows:
        if export.unreadable or export.broken_at:
            raise ExportUnreadable(
                f"cannot review {shown}: none of its rows could be read as a session ({export.short_note})."
            )
        raise ExportUnreadable(f"cannot review {shown}: it holds no sessions.")
    export.rows.sort(key=start_key)
    return export


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_EXPORT_BYTES:
            raise ExportUnreadable(_too_large(shown))
        raw = read_regular_file(path, MAX_EXPORT_BYTES)
    except FileNotFoundError:
        raise ExportUnreadable(f"cannot review {shown}: there is no such file.") from None
    except UnsafePathError as error:
        raise ExportUnreadable(f"cannot review {shown}: it is {error.kind}, not a regular file.") from None
    except OSError as error:
        raise ExportUnreadable(f"cannot review {shown}: {describe_os_error(error)}.") from None
    if len(raw) > MAX_EXPORT_BYTES:  # it grew after the look above
        raise ExportUnreadable(_too_large(shown))
    return raw


def _too_large(shown: str) -> str:
    return f"cannot review {shown}: it is larger than {MAX_EXPORT_BYTES // (1024 * 1024)} MB, which no export is."


def _items(text: str, export: ReviewedExport) -> list[Any]:
    """The values of the file's top-level list; a value that cannot be decoded counts as unreadable.

    Decoded one by one, not with one ``json.loads``, so a bad row (NaN, a
    number of 5,000 digits, broken syntax at the end) costs only itself and
    what follows a break.
    """
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "[":
        raise ExportUnreadable(f"cannot review {export.name}: {_not_a_list(text)}; {EXPORT_HINT}.")
    pos = _skip(text, pos + 1)
    items: list[Any] = []
    if text[pos : pos + 1] == "]":
        return _end(text, pos + 1, items, export)
    while True:
        try:
            item, end = _STRICT.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            return _broken(text, error.pos, items, export)
        except RecursionError:
            return _broken(text, pos, items, export)
        except ValueError:  # NaN, Infinity, a number too long to read: skip this row only
            try:
                end = _LENIENT.raw_decode(text, pos)[1]
            except (ValueError, RecursionError):
                return _broken(text, pos, items, export)
            export.unreadable += 1
        else:
            items.append(item)
        pos = _skip(text, end)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
            continue
        if text[pos : pos + 1] == "]":
            return _end(text, pos + 1, items, export)
        return _broken(text, pos, items, export)


def _end(text: str, pos: int, items: list[Any], export: ReviewedExport) -> list[Any]:
    if _skip(text, pos) != len(text):
        return _broken(text, _skip(text, pos), items, export)
    return items


def _broken(text: str, pos: int, items: list[Any], export: ReviewedExport) -> list[Any]:
    """Nothing from ``pos`` on can be read: where a row ends is no longer known."""
    if not items and not export.unreadable:
        raise ExportUnreadable(f"cannot review {export.name}: it is not JSON ({_where(text, pos)}); {EXPORT_HINT}.")
    export.broken_at = _where(text, pos)
    return items


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line:,} column {column:,}"


def _not_a_list(text: str) -> str:
    """What the file holds instead of a list of sessions, in words."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        where = f" ({_where(text, error.pos)})" if isinstance(error, json.JSONDecodeError) else ""
        return f"it is not JSON{where}"
    if isinstance(data, dict):
        if isinstance(data.get("sessions"), dict):
            return "it is a backcoach journal (journal.json), not an export"
        return "it holds a JSON object, not a list of sessions"
    kind = {str: "a string", bool: "true or false", type(None): "null"}.get(type(data), "a number")
    return f"it holds {kind}, not a list of sessions"
