"""Opening, reading and writing files so that nobody can redirect them.

Every file backcoach reads or writes on its own account (the journal, its
lock, the settings, the content cache, temp files) and every file a person
asks it to write (``-o FILE``, the save dialogs) goes through this module,
because each of them was once a way in:

- a symbolic link planted at ``journal.lock`` made the lock's truncation
  empty the file it pointed at, and a link at ``journal.json`` or an output
  file made the write land somewhere else or replaced the link;
- a FIFO at any of those paths made the app hang forever in ``open()``;
- a temp file name guessed in advance could be pre-created as a link.

So: its own files are opened with ``O_NOFOLLOW`` and ``O_NONBLOCK`` and
checked to be regular files after opening (the check and the use are then
about the same file); a target that exists and is not a regular file is
refused with one sentence (:class:`UnsafePathError`) before anything is
written (:func:`backcoach.store.atomic.atomic_write_bytes`, the one writer,
creates its temp files with ``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600, and
renames them over the target, which replaces a directory entry and never
follows one); and folders the app creates, parents included, are 0700
whatever the umask.

No Textual, no store, no content imports: every layer may use it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class UnsafePathError(OSError):
    """A path that is not a plain file where backcoach needs one.

    An ``OSError`` (so every existing "cannot use PATH: reason" handler shows
    it), whose ``strerror`` is the reason as a phrase a person can act on.
    """

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        self.kind = kind
        reason = f"it is {kind}, not a regular file"
        super().__init__(errno.EPERM, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words ("a symbolic link", "a FIFO (named pipe)")."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def refuse_unless_regular(path: Path) -> bool:
    """Raise :class:`UnsafePathError` if ``path`` exists and is not a regular file.

    Returns whether it exists. Uses ``lstat``: a link is refused, not followed.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(path, file_kind(info.st_mode))
    return True


def open_regular(
    path: Path, flags: int = os.O_RDONLY, *, follow: bool = False, mode: int = PRIVATE_FILE_MODE
) -> int:
    """``os.open`` that never blocks on a FIFO and only ever returns a regular file.

    ``follow=False`` (backcoach's own files) refuses a symbolic link at the
    last component; ``follow=True`` (a program file a person names) allows
    one but still refuses what it points at unless that is a regular file.
    """
    extra = _NONBLOCK | _CLOEXEC | (0 if follow else _NOFOLLOW)
    try:
        fd = os.open(path, flags | extra, mode)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow:
            raise UnsafePathError(path, "a symbolic link") from None
        if error.errno in (errno.ENXIO, errno.EISDIR):  # a FIFO with no reader, a folder
            kind = file_kind(os.lstat(path).st_mode) if os.path.lexists(path) else "not a regular file"
            raise UnsafePathError(path, kind) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePathError(path, file_kind(info.st_mode))
        if _NONBLOCK and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular_file(path: Path, limit: int | None = None, *, follow: bool = False) -> bytes:
    """A regular file's bytes; with ``limit``, at most ``limit + 1`` (so callers can tell "too big").

    Raises ``FileNotFoundError`` when missing, :class:`UnsafePathError` for a
    link (unless ``follow``), FIFO, device or folder, other ``OSError`` as is.
    """
    fd = open_regular(path, os.O_RDONLY, follow=follow)
    try:
        if limit is None:
            with open(fd, "rb", closefd=False) as handle:
                return handle.read()
        chunks: list[bytes] = []
        wanted = limit + 1
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def owned_by_me(info: os.stat_result) -> bool:
    """The file or folder is this user's and nobody else may write it."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows: no owner check
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents, each mode 0700 whatever the umask.

    (The XDG base-directory rule: a folder that holds someone's health data,
    or that the app creates on the way to it, is the owner's alone.) Folders
    that already exist are left as they are, except ``path`` itself, which is
    made 0700 when it is ours.
    """
    path = Path(path)
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is masked by the umask
    if not missing:
        if not path.is_dir():
            raise FileExistsError(errno.EEXIST, "it exists and is not a folder", str(path))
        try:
            os.chmod(path, PRIVATE_DIR_MODE)
        except OSError:
            pass
    return path
