"""What a physiotherapist types into the builder, read exactly as typed.

A field never strips characters it does not expect: ``1.5`` reps is refused
as "must be a whole number", not read as 15, because a dose silently turned
into another number is the worst thing a builder can do. Every refusal is
the program-file validator's own sentence (``int_message``,
``number_message``, the bounds of ``INT_OVERRIDES``), so the builder and
``backcoach programs validate`` can never disagree. Times may be typed in
minutes (``15m``, ``1m30s``, ``1:30``) and are converted to the seconds a
file holds before they are checked.

No Textual here: the screen only shows these sentences.
"""

from __future__ import annotations

import datetime as dt
import re

from backcoach.content.model import Drill
from backcoach.content.programs import (
    DOSAGE_FIELDS,
    INT_OVERRIDES,
    OVERRIDE_KEYS,
    TEMPO_BOUNDS,
)
from backcoach.content.toml_errors import decimal_comma
from backcoach.content.validate import int_message, number_message, valid_int, valid_number

EXHALE_CHOICES = ("flexion", "extension")
#: What a whole-number field may hold: plain digits (Python's int() would also take "1_0").
_WHOLE_RE = re.compile(r"[0-9]{1,6}")
_DECIMAL_RE = re.compile(r"[0-9]{1,6}(\.[0-9]{1,3})?")
#: ``90``, ``90s``, ``15m``, ``15 min``, ``1m30s``, ``1m 30``: whole minutes and seconds.
_MIN_SEC_RE = re.compile(
    r"(?:(?P<m>[0-9]{1,4})\s*(?:m|min|mins)\s*)?(?:(?P<s>[0-9]{1,6})\s*(?:s|sec|secs)?)?",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(r"(?P<m>[0-9]{1,4}):(?P<s>[0-5][0-9])")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_WORDS = "must be a date written year-month-day, like 2027-01-31"


class DraftError(ValueError):
    """A change the draft refused; ``str()`` is a sentence to show as-is.

    When it is about one setting, ``setting`` names it as a file does
    (``reps``) and ``reason`` is the validator's wording for it, so a screen
    can name the setting in its own words ("Time" for ``seconds``).
    """

    def __init__(self, reason: str, setting: str = "") -> None:
        super().__init__(f"{setting} {reason}" if setting else reason)
        self.setting = setting
        self.reason = reason


def is_time(key: str) -> bool:
    """True for the overrides that are a whole number of seconds (rest, hold, time)."""
    return key in INT_OVERRIDES and INT_OVERRIDES[key][2] == "seconds"


def parse_seconds(text: str) -> int | None:
    """Seconds from ``90``, ``90s``, ``15m``, ``1m30s`` or ``1:30``; None if it is not a time.

    Only whole minutes and seconds: ``7.5`` or ``1.5m`` is None, so it is
    refused rather than rounded.
    """
    text = text.strip()
    clock = _CLOCK_RE.fullmatch(text)
    match = clock or _MIN_SEC_RE.fullmatch(text)
    if not text or match is None or (match["m"] is None and match["s"] is None):
        return None
    return int(match["m"] or 0) * 60 + int(match["s"] or 0)


def seconds_words(seconds: int) -> str:
    """``3660`` -> ``"61 min (3660 s)"``: what a converted time came to."""
    minutes, rest = divmod(seconds, 60)
    shown = f"{minutes} min {rest} s" if rest else f"{minutes} min"
    return f"{shown} ({seconds} s)"


def parse_override(key: str, text: str) -> object:
    """Turn what was typed into a field into an override value, or raise DraftError.

    Bounds are checked too, with the validator's wording, so a field can
    show the same sentence ``backcoach programs validate`` would print; a
    time typed in minutes that ends out of bounds says what it came to.
    """
    text = text.strip()
    value: object = text
    if key in INT_OVERRIDES:
        low, high, unit = INT_OVERRIDES[key]
        if is_time(key):
            seconds = parse_seconds(text)
            if seconds is None:
                raise DraftError(int_message(low, high, unit), key)
            if not _WHOLE_RE.fullmatch(text) and not valid_int(seconds, low, high):
                raise DraftError(f"{int_message(low, high, unit)}; {text} is {seconds_words(seconds)}", key)
            value = seconds
        elif _WHOLE_RE.fullmatch(text):
            value = int(text)
        else:
            raise DraftError(int_message(low, high, unit), key)
    elif key == "tempo":
        comma = decimal_comma(text)
        if comma is not None:  # the file's reader's words; the setting named as a file names it
            raise DraftError(f"tempo: {comma}")
        if not _DECIMAL_RE.fullmatch(text):
            raise DraftError(number_message(*TEMPO_BOUNDS, "seconds"), key)
        number = float(text)
        value = int(number) if number.is_integer() else number
    check_override(key, value)
    return value


def check_override(key: str, value: object) -> None:
    """Raise DraftError unless ``value`` is within the validator's bounds for ``key``."""
    if key in INT_OVERRIDES:
        low, high, unit = INT_OVERRIDES[key]
        if not valid_int(value, low, high):
            raise DraftError(int_message(low, high, unit), key)
    elif key == "tempo":
        low, high = TEMPO_BOUNDS
        if not valid_number(value, low, high):
            raise DraftError(number_message(low, high, "seconds"), key)
    elif key == "exhale_on":
        if value not in EXHALE_CHOICES or not isinstance(value, str):
            raise DraftError('must be "flexion" or "extension"', key)
    else:
        raise DraftError(f"unknown setting {key!r}; expected one of: {', '.join(OVERRIDE_KEYS)}")


def parse_whole(what: str, text: str, bounds: tuple[int, int]) -> int | None:
    """A whole-number program setting (pain limit, days per week), or None when blank."""
    text = text.strip()
    if not text:
        return None
    if not _WHOLE_RE.fullmatch(text) or not valid_int(int(text), *bounds):
        raise DraftError(f"{int_message(*bounds)} (or not set)", what)
    return int(text)


def parse_date(what: str, text: str) -> dt.date | None:
    """A date typed as ``2027-01-31`` (the form a program file holds), or None when blank."""
    text = text.strip()
    if not text:
        return None
    try:
        if not DATE_RE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DraftError(DATE_WORDS, what) from None


def _bounds(key: str, drill: Drill | None) -> tuple[int, int]:
    low, high, _unit = INT_OVERRIDES[key]
    if key == "hold" and drill is not None and drill.max_hold_seconds is not None:
        high = min(high, drill.max_hold_seconds)
    return low, high


def bounds_text(key: str, drill: Drill | None = None) -> str:
    """The allowed range of an override as a person reads it (``"0-300 s"``);
    with ``drill``, a hold within that drill's own cap (``"5-10 s"``)."""
    if key in INT_OVERRIDES:
        low, high = _bounds(key, drill)
        return f"{low}-{high}" + (" s" if is_time(key) else "")
    if key == "tempo":
        low, high = TEMPO_BOUNDS
        return f"{low}-{high} s"
    return " or ".join(EXHALE_CHOICES)


def field_hint(key: str, drill: Drill | None = None) -> str:
    """A field's bounds, and for a time that reaches whole minutes the top of it
    in minutes (``"0-300 s, or 5m"``), which also shows that minutes are understood."""
    text = bounds_text(key, drill)
    if is_time(key):
        high = _bounds(key, drill)[1]
        if high >= 60 and high % 60 == 0:
            text += f", or {high // 60}m"
    return text


def default_text(drill: Drill, key: str) -> str:
    """What ``drill`` does for ``key`` when the program does not override it."""
    if key in DOSAGE_FIELDS:
        return str(getattr(drill.dosage, DOSAGE_FIELDS[key]))
    if key == "tempo":
        return "/".join(f"{phase.seconds:g}" for phase in drill.breathing.phases)
    exhale = [phase.movement for phase in drill.breathing.phases if phase.breath == "exhale"]
    return exhale[0] if exhale else ""
