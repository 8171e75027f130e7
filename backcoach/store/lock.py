"""One backcoach per data folder.

TinyDB rewrites the whole journal on every change, so two processes writing
the same file would silently drop each other's sessions. An advisory
``flock`` on ``journal.lock`` is held for the life of a ``Journal``; the
kernel releases it when the process dies, even by ``kill -9``, so a crash
never leaves a stale lock that blocks the next start.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .. import paths
from ..safe_files import UnsafePathError, open_regular, refuse_unless_regular
from .errors import JournalLocked, JournalWriteError, UnsafeFileError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: run without a lock
    fcntl = None  # type: ignore[assignment]  # no fcntl (Windows): None marks running without a lock

LOCK_NAME = "journal.lock"
#: The session in progress, beside the journal (see ``store.journal``).
CURRENT_SESSION_NAME = "current_session.json"
FOLDER_ADVICE = (
    "backcoach needs a folder it can write to; free some space, fix the folder's "
    "permissions, or use --data-dir to choose another one."
)
_HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}


class JournalLock:
    """An exclusive, non-blocking lock on ``<data dir>/journal.lock``."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        """False when the platform or file system offers no locking."""
        return self._fd is not None

    @classmethod
    def acquire(cls, path: Path) -> JournalLock:
        """Take the lock or raise :class:`JournalLocked` naming the folder."""
        if fcntl is None:  # pragma: no cover
            return cls(path, None)
        try:
            # Never through a link (the truncation below would empty the file
            # it points at) and never blocking on a FIFO: open_regular opens
            # O_NOFOLLOW | O_NONBLOCK and refuses anything but a regular file.
            # os.open descriptors are not inherited by child processes, so a
            # program the TUI spawns can never keep the lock alive.
            fd = open_regular(path, os.O_RDWR | os.O_CREAT)
        except UnsafePathError as error:
            raise UnsafeFileError(path, error.kind) from None
        except OSError as error:
            raise JournalWriteError(
                path,
                error,
                "backcoach needs a folder it can write to; "
                "use --data-dir to choose another one.",
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in _HELD_ELSEWHERE:
                pid = _read_pid(fd)
                os.close(fd)
                raise JournalLocked(path.parent, pid) from None
            # ENOLCK/ENOTSUP: e.g. some network file systems. Running
            # unlocked beats refusing to run at all.
            os.close(fd)
            return cls(path, None)
        try:
            os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # the pid is only a courtesy for the "already in use" message
        return cls(path, fd)

    def release(self) -> None:
        """Give the folder back; safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        # The lock file itself stays: deleting it would race with another
        # process that has just opened it but not yet locked it.
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            except OSError:
                pass
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        pid = int(text)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 else None


def lock_data_folder(path: Path | None = None) -> tuple[Path, JournalLock]:
    """Create the journal's folder and take its lock, without reading anything.

    Kept apart from ``Journal`` so that taking the lock at start-up does not
    import TinyDB before the first frame (see ``store.deferred``).
    """
    journal_path = Path(path) if path is not None else paths.journal_path()
    folder = journal_path.parent
    lock_path = folder / LOCK_NAME
    refuse_unsafe_files(journal_path, folder / CURRENT_SESSION_NAME, lock_path)
    try:
        paths.ensure_private_dir(folder)
    except OSError as error:
        raise JournalWriteError(folder, error, FOLDER_ADVICE) from None
    return journal_path, JournalLock.acquire(lock_path)


def refuse_unsafe_files(*files: Path) -> None:
    """Raise :class:`UnsafeFileError` for the first of ``files`` that is there and not a regular file.

    Checked with ``lstat`` before anything is opened, so a FIFO or device
    is never opened at all; the opens themselves are no-follow as well.
    """
    for file in files:
        try:
            refuse_unless_regular(file)
        except UnsafePathError as error:
            raise UnsafeFileError(file, error.kind) from None
        except OSError:
            pass  # a folder that cannot be read: the open that follows says so
