"""Timestamps as the journal stores them: ISO 8601, seconds, local offset.

Keeping the offset means a session read back years later (or after a trip
across time zones) still says what the clock on the wall showed, and the
strings still compare correctly once parsed.
"""

from __future__ import annotations

from datetime import datetime


def now_iso() -> str:
    """The current local time, e.g. ``2025-03-04T07:15:02+01:00``."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def iso_from_timestamp(timestamp: float) -> str:
    """A POSIX timestamp (such as a file's mtime) in the journal's format."""
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def parse_iso(value: object) -> datetime | None:
    """Parse a stored timestamp; ``None`` for anything that is not one.

    Naive values (no offset) are taken as local time so they still sort
    against aware ones instead of raising.
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()
    return parsed


#: Stored times outside these years are a broken clock or a hand edit, and
#: near either end of ``datetime``'s range converting between offsets overflows.
STORED_YEARS = range(1900, 9000)


def parse_stored(value: object) -> datetime | None:
    """A stored timestamp as the journal writes it (with its UTC offset), else ``None``.

    Stricter than :func:`parse_iso`: a time without an offset cannot be put
    on the calendar where it happened, and a naive year-1 date even fails to
    convert (``astimezone`` leaves the range of ``datetime``).
    """
    if type(value) is not str or not 10 <= len(value) <= 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None or parsed.year not in STORED_YEARS:
        return None
    return parsed


def local_display(value: object) -> str:
    """A short local time for sentences shown to people ("2025-03-04 07:15")."""
    parsed = parse_iso(value)
    if parsed is None:
        return "at an unknown time"
    return parsed.astimezone().strftime("%Y-%m-%d %H:%M")
