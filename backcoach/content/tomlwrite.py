"""Just enough TOML writing for program files, and a safe way to save them.

tomllib only reads, and a dependency for the handful of value types a
program file holds (text, whole numbers, numbers, true/false) is not worth
it. Files land in the user's data directory, so they are written the way
the journal is: a private temp file, fsync, then an atomic rename, so a
crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import math
import os
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
    """Atomically replace ``target`` with ``text`` (UTF-8), readable by the owner only."""
    import tempfile

    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
