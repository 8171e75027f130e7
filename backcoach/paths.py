"""Where backcoach keeps its files.

Everything that touches the file system asks this module, so the data
directory can be redirected (``--data-dir`` or ``BACKCOACH_DATA_DIR``) for
tests, demos and clinics without any other module knowing.
"""

from __future__ import annotations

import os
from pathlib import Path

# Folders are created 0700, parents included; re-exported for every caller.
# Re-exported (``X as X``): callers make their folders through paths.
from backcoach.safe_files import ensure_private_dir as ensure_private_dir

APP_NAME = "backcoach"
DATA_DIR_ENV = "BACKCOACH_DATA_DIR"
CONFIG_DIR_ENV = "BACKCOACH_CONFIG_DIR"
CACHE_DIR_ENV = "BACKCOACH_CACHE_DIR"

_data_dir_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Point the data directory somewhere else for this process (``--data-dir``)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser() if path is not None else None


def data_dir() -> Path:
    """The journal and imported programs live here (not created by this call)."""
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings live here; ``BACKCOACH_CONFIG_DIR`` overrides it."""
    env = os.environ.get(CONFIG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if _data_dir_override is not None or os.environ.get(DATA_DIR_ENV):
        # A redirected data dir (tests, clinics) keeps its settings beside it,
        # so it never touches the real user's settings.
        return data_dir() / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files that can be rebuilt at any time (the checked drills and programs).

    ``BACKCOACH_CACHE_DIR`` overrides it; a redirected data dir keeps its
    cache beside it, like its settings.
    """
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if _data_dir_override is not None or os.environ.get(DATA_DIR_ENV):
        return data_dir() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def journal_path() -> Path:
    return data_dir() / "journal.json"


def programs_dir() -> Path:
    """Programs the user imported with ``backcoach programs import``."""
    return data_dir() / "programs"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def assets_dir() -> Path:
    """Bundled drills, programs and sounds.

    A wheel carries them inside the package (``backcoach/assets``); a source
    checkout or editable install keeps them at the repository root.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "assets"
    if packaged.is_dir():
        return packaged
    return here.parent / "assets"
