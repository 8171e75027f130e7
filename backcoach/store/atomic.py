"""Crash-safe file replacement and the other low-level file moves.

Every file the store writes goes through :func:`atomic_write_bytes`: the new
content is written to a temp file in the same directory, flushed to disk,
then renamed over the old one, and the directory entry itself is flushed.
At any instant the target name points at either the complete old file or
the complete new one, so ``kill -9`` or a power cut can lose the write in
progress but can never leave a torn file behind.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from backcoach.safe_files import refuse_unless_regular

TEMP_SUFFIX = ".tmp"
PRIVATE_FILE_MODE = 0o600

# fsync on a directory is meaningless or refused on some file systems; that
# is not worth failing a save over, unlike a real I/O error.
_IGNORED_DIR_FSYNC_ERRORS = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EPERM}


def _flush_to_disk(fd: int) -> None:
    """fsync, plus F_FULLFSYNC on macOS where plain fsync stops at the drive cache."""
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in ``directory`` survive a power cut."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open directories
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError as error:
        if error.errno in _IGNORED_DIR_FSYNC_ERRORS:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _IGNORED_DIR_FSYNC_ERRORS:
            raise
    finally:
        os.close(fd)


def temp_prefix(target: Path) -> str:
    """Temp files are hidden and named after their target so they can be swept."""
    return f".{target.name}."


def atomic_write_bytes(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace ``path`` with ``data`` so readers only ever see old or new.

    Raises the underlying ``OSError`` (disk full, read-only folder, ...); the
    temp file is removed and the old ``path`` is untouched in that case.

    This is the one writer for every file backcoach writes, its own and the
    ones a person names (``-o FILE``, the save dialogs). An existing ``path``
    that is a symbolic link, FIFO, device or folder is refused with
    :class:`~backcoach.safe_files.UnsafePathError` before anything is
    written: a link must be neither written through nor silently replaced.
    """
    path = Path(path)
    directory = path.parent
    refuse_unless_regular(path)
    # mkstemp opens O_CREAT | O_EXCL | O_NOFOLLOW with mode 0600, under a
    # random name: a name planted in advance (a link, a FIFO) is never opened,
    # another is tried. Same directory, so the rename never crosses file
    # systems; and a rename replaces a directory entry, it never follows one,
    # so even a link planted after the check above is replaced, not written
    # through.
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=directory)
    try:
        try:
            if mode != PRIVATE_FILE_MODE:
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            _flush_to_disk(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_dir(directory)


def remove_stale_temps(directory: Path, targets: list[Path]) -> None:
    """Delete temp files a killed process left behind.

    Only call this while holding the journal lock: then no other writer can
    own them, and none of them is ever the only copy of anything (the
    rename is what commits a write).
    """
    for target in targets:
        for leftover in directory.glob(temp_prefix(target) + "*" + TEMP_SUFFIX):
            try:
                leftover.unlink()
            except OSError:
                pass


def unlink_durably(path: Path) -> None:
    """Remove ``path`` (if present) and flush the directory entry."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def aside_name(path: Path, label: str, when: datetime | None = None) -> Path:
    """``journal.json.corrupt-20250304-071502``, with ``-2``, ``-3``... if taken."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.{label}-{stamp}")
    candidate = base
    counter = 2
    while os.path.lexists(candidate):
        candidate = base.with_name(f"{base.name}-{counter}")
        counter += 1
    return candidate


def move_aside(path: Path, label: str = "corrupt") -> Path:
    """Rename ``path`` to an unused ``<name>.<label>-<timestamp>`` and return it.

    Never overwrites: a hard link claims the new name atomically (it fails
    if the name exists) before the old name is removed. File systems
    without hard links fall back to check-then-rename, which is still safe
    because the caller holds the journal lock.
    """
    while True:
        destination = aside_name(path, label)
        try:
            os.link(path, destination)
        except FileExistsError:
            continue  # someone took the name between our check and the link
        except OSError:
            os.rename(path, destination)
            break
        else:
            os.unlink(path)
            break
    fsync_dir(path.parent)
    return destination
