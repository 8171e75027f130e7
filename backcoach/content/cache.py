"""The programs and drills the app starts with, checked once and kept on disk.

Reading and checking the 31 drill files and the built-in programs takes about
10 ms, a large share of the launch budget (DESIGN: first frame within 1.15x a
minimal Textual app). The result only changes when those files, the user's
imported programs or the code that checks them change, so the app's start-up
keeps it as a pickle in :func:`backcoach.paths.cache_dir` and reuses it while
nothing has changed.

The cache is never trusted beyond its key: the package version, the Python
version, this format number, and the name, size, mtime, ctime and inode of
every drill file, built-in program, imported program and module of this
package. The key is taken *before* the files are read, so a file edited
during a rebuild can only make the next start rebuild again. Any problem
reading the cache (missing, torn, corrupt, from another version) means a
rebuild; any problem writing it is ignored, so an unwritable cache folder
only costs the time the cache would have saved. Content read within two
seconds of a file's last change is not stored (an edit in the same
timestamp tick could otherwise go unseen), and a cache file that is not the
user's own, or that others may write, is never unpickled.

Only the app's start-up uses it. :func:`~backcoach.content.library.default_library`
and the loaders in :mod:`backcoach.content.programs` always read and check
the files, so tests and commands see every change to the checks at once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from backcoach import __version__, paths

if TYPE_CHECKING:
    from backcoach.content.errors import Problem
    from backcoach.content.library import Library
    from backcoach.content.model import Program

#: Bump when the shape of what is stored changes.
FORMAT = 1
FILE_NAME = "startup-content.pickle"

#: (file name, size, mtime_ns, ctime_ns, inode): changes whenever the file does.
Stamp = tuple[str, int, int, int, int]
#: A file changed this recently may change again within the same timestamp
#: tick, same size, leaving its stamp as it was: such content is not cached.
RACY_SECONDS = 2.0


class StartupContent(NamedTuple):
    """Everything the home screen needs from the content files, all checked."""

    library: Library
    builtins: tuple[Program, ...]
    imported: tuple[Program, ...]
    #: What was wrong with the imported programs that were skipped.
    problems: tuple[Problem, ...]


def load_startup_content() -> StartupContent:
    """The checked library and programs: from the cache if still true, else from the files.

    Raises :class:`~backcoach.content.errors.ContentError` when a shipped
    drill or built-in program is broken (a bug in our data), as the loaders do.
    """
    key = cache_key()
    target = paths.cache_dir() / FILE_NAME
    if key is not None:
        cached = read_cache(target, key)
        if cached is not None:
            return cached
    taken = time.time_ns()
    content = build_startup_content()
    if key is not None and not recently_changed(key, taken):
        write_cache(target, key, content)
    return content


def recently_changed(key: tuple[object, ...], now_ns: int) -> bool:
    """True if a file in ``key`` changed within :data:`RACY_SECONDS` of ``now_ns``.

    (Git's "racily clean" rule: an edit in the same timestamp tick as the
    stamp, keeping the size, would go unseen; such content is rebuilt next time.)
    """
    limit = now_ns - int(RACY_SECONDS * 1e9)
    for part in key:
        if isinstance(part, tuple) and len(part) == 2 and isinstance(part[1], tuple):
            for _name, _size, mtime_ns, ctime_ns, _inode in part[1]:
                if max(mtime_ns, ctime_ns) >= limit:
                    return True
    return False


def build_startup_content() -> StartupContent:
    """Read and check every file, as if there were no cache."""
    from backcoach.content.library import load_library
    from backcoach.content.programs import builtin_programs, imported_programs

    library = load_library()
    builtins = builtin_programs(library)
    imported, problems = imported_programs(library)
    return StartupContent(library, tuple(builtins), tuple(imported), tuple(problems))


def cache_key() -> tuple[object, ...] | None:
    """What the cached content depends on, or None if a folder cannot be listed."""
    assets = paths.assets_dir()
    try:
        return (
            FORMAT,
            __version__,
            sys.version,
            stamps(Path(__file__).parent, ".py"),
            stamps(assets / "drills", ".toml"),
            stamps(assets / "programs", ".toml"),
            stamps(paths.programs_dir(), ".toml"),
        )
    except OSError:
        return None


def stamps(folder: Path, suffix: str) -> tuple[str, tuple[Stamp, ...]]:
    """The folder and a stamp of each visible ``*<suffix>`` file in it.

    A missing folder has no files (it is what an empty programs folder looks
    like); other errors are raised.
    """
    found: list[Stamp] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        entries = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(suffix):
            continue
        info = entry.stat()
        if stat.S_ISREG(info.st_mode):
            found.append((entry.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    return str(folder), tuple(sorted(found))


def read_cache(path: Path, key: tuple[object, ...]) -> StartupContent | None:
    """The content stored under ``key`` at ``path``, or None for any reason not to use it."""
    try:
        with open(path, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            if pickle.load(handle) != key:
                return None
            content = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, torn, corrupt or foreign: all mean rebuild
        return None
    return content if isinstance(content, StartupContent) else None


def _trusted(info: os.stat_result) -> bool:
    """Only a file of ours that nobody else can write is unpickled (it can run code)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows: no owner check
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_cache(path: Path, key: tuple[object, ...], content: StartupContent) -> None:
    """Store ``content`` under ``key`` atomically (temp file, then rename); never raises.

    No fsync: a file torn by a crash fails to load and is rebuilt.
    """
    try:
        paths.ensure_private_dir(path.parent)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp_name, path)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
