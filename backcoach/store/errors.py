"""Errors the store raises, each carrying one sentence a person can act on.

The TUI and the CLI show ``str(error)`` as-is, so every message names the
file or folder involved and says what to do next; none of them should ever
reach the user as a traceback.
"""

from __future__ import annotations

from pathlib import Path

LOCKED_TEMPLATE = (
    "Another backcoach{who} is already using {folder}; close it first "
    "(or use --data-dir to point at a different folder)."
)


class StoreError(Exception):
    """Base class: something about the data folder needs the user's attention."""


class JournalLocked(StoreError):
    """A second backcoach tried to open a data folder that is in use.

    TinyDB files are not safe for two writers, so the second instance is
    refused rather than allowed to interleave whole-file rewrites.
    """

    def __init__(self, folder: Path, pid: int | None = None) -> None:
        self.folder = Path(folder)
        self.pid = pid
        who = f" (process {pid})" if pid else ""
        super().__init__(LOCKED_TEMPLATE.format(who=who, folder=self.folder))


class StoreWriteError(StoreError, OSError):
    """Saving failed (read-only folder, disk full, ...); earlier data is intact.

    It is an ``OSError`` so generic I/O handlers still catch it, but it is
    built from a single message so ``str()`` is that message and nothing
    else (no ``[Errno 28]`` prefix).
    """

    def __init__(self, path: Path, cause: BaseException, advice: str) -> None:
        self.path = Path(path)
        self.reason = describe_os_error(cause)
        super().__init__(f"Could not save to {self.path}: {self.reason}. {advice}")
        if isinstance(cause, OSError):
            self.errno = cause.errno


class JournalWriteError(StoreWriteError):
    """The journal or the session in progress could not be saved."""


class SettingsWriteError(StoreWriteError):
    """The settings file could not be saved."""


class UnsafeFileError(StoreError):
    """A journal, lock or settings path is a link, FIFO or device: refused, never opened.

    A link there could point a write (or the lock's truncation) at another
    file, and opening a FIFO waits forever; so the app names the path and
    stops before touching it.
    """

    def __init__(self, path: Path, kind: str) -> None:
        self.path = Path(path)
        self.kind = kind
        super().__init__(
            f"backcoach will not use {self.path}: it is {kind}, not a regular file, so it "
            "could lead somewhere else; remove it, or use --data-dir to choose another folder."
        )


class JournalUnreadable(StoreError):
    """The journal could neither be read nor moved aside, so nothing is touched."""


class SessionStateError(RuntimeError):
    """A session call came in the wrong order (a programming error, not the user's)."""


def describe_os_error(error: BaseException) -> str:
    """``strerror`` for OS errors ("No space left on device"), else ``str()``."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error).strip()
    return text or type(error).__name__
