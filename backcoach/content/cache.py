"""The programs and drills the app starts with, checked once and kept on disk.

Reading and checking the 31 drill files and the built-in programs takes about
10 ms, a large share of the launch budget (DESIGN: first frame within 1.15x a
minimal Textual app). The result only changes when those files, the user's
imported programs or the code that checks them change, so the app's start-up
keeps it as plain JSON in :func:`backcoach.paths.cache_dir` and reuses it
while nothing has changed. Never a pickle: unpickling runs code, and the
cache is a file others might plant. Read back, it is rebuilt field by field
and checked (:mod:`backcoach.content.cache_codec`), and any doubt means
reading the real files again.

The cache is never trusted beyond its key: the package version, the Python
version, this format number, and the name, size, mtime, ctime and inode of
every drill file, built-in program, imported program and module of this
package. The key is taken *before* the files are read, so a file edited
during a rebuild can only make the next start rebuild again. Any problem
reading the cache (missing, torn, corrupt, from another version) means a
rebuild; any problem writing it is ignored, so an unwritable cache folder
only costs the time the cache would have saved. Content read within two
seconds of a file's last change is not stored (an edit in the same
timestamp tick could otherwise go unseen), and a cache file or folder that
is not the user's own, or that others may write, is never read; the file is
opened without following a link or waiting on a FIFO.

Only the app's start-up uses it. :func:`~backcoach.content.library.default_library`
and the loaders in :mod:`backcoach.content.programs` always read and check
the files, so tests and commands see every change to the checks at once.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from backcoach import __version__, paths
from backcoach.content.cache_codec import (
    Doubt,
    decode_library,
    decode_problem,
    decode_program,
    encode_drill,
    encode_problem,
    encode_program,
    json_list,
)
from backcoach.safe_files import open_regular, owned_by_me

if TYPE_CHECKING:
    from backcoach.content.errors import Problem
    from backcoach.content.library import Library
    from backcoach.content.model import Program

#: Bump when the shape of what is stored changes (1 was a pickle; 3 added
#: each drill's direction and equipment; 4 its longest hold).
FORMAT = 4
FILE_NAME = "startup-content.json"
#: What format 1 left behind; removed at the next write, never read.
LEGACY_FILE_NAME = "startup-content.pickle"
#: The real file is about 40 KB; a bigger one is not ours.
MAX_BYTES = 4 * 1024 * 1024

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


def load_startup_content(save: bool = True) -> StartupContent:
    """The checked library and programs: from the cache if still true, else from the files.

    ``save=False`` (``backcoach review``) never writes the cache: with a
    redirected data dir it lives inside that folder, which a review leaves alone.

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
    if save and key is not None and not recently_changed(key, taken):
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
    """The content stored under ``key`` at ``path``, or None for any reason not to use it.

    The folder and the file must be this user's and writable by nobody else;
    the file is opened without following a link or waiting on a FIFO, read
    up to :data:`MAX_BYTES`, parsed as JSON and rebuilt field by field
    (:mod:`backcoach.content.cache_codec`). Any doubt means None: rebuild.
    """
    try:
        if not owned_by_me(os.stat(path.parent)):
            return None
        fd = open_regular(path)
    except OSError:
        return None
    try:
        if not owned_by_me(os.fstat(fd)):
            return None
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        return None
    try:
        return decode_content(json.loads(raw), key)
    except (Doubt, ValueError, RecursionError, TypeError):
        return None


def decode_content(data: object, key: tuple[object, ...]) -> StartupContent | None:
    """Rebuild the content from parsed JSON; None when it was stored under another key."""
    if type(data) is not dict or data.keys() != {"key", "library", "builtins", "imported", "problems"}:
        raise Doubt
    if data["key"] != _as_lists(key):
        return None
    library = decode_library(data["library"])
    builtins = tuple(decode_program(raw, library, "builtin") for raw in json_list(data["builtins"]))
    imported = tuple(decode_program(raw, library, "imported") for raw in json_list(data["imported"]))
    problems = tuple(decode_problem(raw) for raw in json_list(data["problems"]))
    return StartupContent(library, builtins, imported, problems)


def encode_content(key: tuple[object, ...], content: StartupContent) -> bytes:
    library = content.library
    data = {
        "key": _as_lists(key),
        "library": [encode_drill(drill) for drill in library.values()],
        "builtins": [encode_program(program, library) for program in content.builtins],
        "imported": [encode_program(program, library) for program in content.imported],
        "problems": [encode_problem(problem) for problem in content.problems],
    }
    return json.dumps(data, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _as_lists(value: object) -> object:
    """The key as JSON gives it back (tuples become lists), to compare like with like."""
    if isinstance(value, (tuple, list)):
        return [_as_lists(part) for part in value]
    return value


def write_cache(path: Path, key: tuple[object, ...], content: StartupContent) -> None:
    """Store ``content`` under ``key`` through the store's one writer; never raises.

    Nothing is written into a folder that is not this user's alone (the
    next read would refuse it anyway).
    """
    from backcoach.store.atomic import atomic_write_bytes  # only on a rebuild

    try:
        paths.ensure_private_dir(path.parent)
        if not owned_by_me(os.stat(path.parent)):
            return
        atomic_write_bytes(path, encode_content(key, content))
        (path.parent / LEGACY_FILE_NAME).unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        return
