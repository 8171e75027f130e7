"""Just enough TOML writing for program files, and a safe way to save them.

tomllib only reads, and a dependency for the handful of value types a
program file holds (text, whole numbers, numbers, true/false) is not worth
it. Files land in the user's data directory, so they are written the way
the journal is, by the same function: a private temp file, fsync, then an
atomic rename, so a crash leaves either the old file or the new one, never
half of one, and a link at the target is refused, never followed.
"""

from __future__ import annotations

import math
from pathlib import Path

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """A TOML basic string; control characters (and DEL) are escaped."""
    parts = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            parts.append(_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            parts.append(f"\\u{code:04x}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)


def toml_value(value: object) -> str:
    """A scalar as TOML; anything a program file cannot hold is a ValueError."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to a program file")
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    raise ValueError(f"cannot write a {type(value).__name__} to a program file")


def write_private_file(target: Path, text: str) -> None:
    """Atomically replace ``target`` with ``text`` (UTF-8), readable by the owner only.

    Through the store's one writer, so a program file, a handout or a
    builder save refuses a target that is a link, FIFO or device exactly as
    the journal does (see :func:`backcoach.store.atomic.atomic_write_bytes`).
    """
    from backcoach.store.atomic import atomic_write_bytes

    atomic_write_bytes(Path(target), text.encode("utf-8"))
