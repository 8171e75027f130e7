"""The small settings file (mute, theme, contrast, the health background).

Settings are a convenience, never a reason not to start: reading returns
defaults on any problem, and only saving, which the user asked for, reports
an error. The file is read without following a link or waiting on a FIFO
and only up to :data:`MAX_SETTINGS_BYTES`; a settings path that is not a
regular file is named once at start-up (:func:`settings_problem`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import paths
from ..safe_files import UnsafePathError, read_regular_file, refuse_unless_regular
from .atomic import atomic_write_bytes
from .errors import SettingsWriteError, UnsafeFileError

#: A settings file is a few hundred bytes; anything bigger is not ours.
MAX_SETTINGS_BYTES = 64 * 1024

DEFAULT_SETTINGS: dict[str, Any] = {
    "muted": False,
    "theme": "backcoach",
    "high_contrast": False,
    # The one-time health background (CLINICAL.md 1a): None until answered.
    # Its shape is checked where it is used (coach.safety.read_background), so
    # a damaged value means "ask again", never "assume clear".
    "health_background": None,
}


def default_settings() -> dict[str, Any]:
    return dict(DEFAULT_SETTINGS)


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """Defaults overlaid with the file's values; never raises.

    A known key whose stored value has the wrong type keeps its default
    (``"muted": "yes"`` must not turn sound off by accident). Unknown keys
    are kept so a newer backcoach's settings survive a round trip.
    """
    settings = default_settings()
    target = path if path is not None else paths.settings_path()
    try:
        raw = read_regular_file(Path(target), MAX_SETTINGS_BYTES)
        if len(raw) > MAX_SETTINGS_BYTES:
            return settings
        stored = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return settings
    if not isinstance(stored, dict):
        return settings
    for key, value in stored.items():
        default = DEFAULT_SETTINGS.get(key)
        if key in DEFAULT_SETTINGS and default is not None and type(value) is not type(default):
            continue
        settings[key] = value
    return settings


def settings_problem(path: Path | None = None) -> str | None:
    """The sentence to show when the settings path is a link, FIFO or device, else None."""
    target = Path(path) if path is not None else paths.settings_path()
    try:
        refuse_unless_regular(target)
    except UnsafePathError as error:
        return str(UnsafeFileError(target, error.kind))
    except OSError:
        return None  # unreadable folder: loading falls back to the defaults quietly
    return None


def save_settings(settings: Mapping[str, Any], path: Path | None = None) -> None:
    """Write the settings atomically with mode 0600 (folder 0700)."""
    target = Path(path) if path is not None else paths.settings_path()
    payload = (json.dumps(dict(settings), indent=2, sort_keys=True) + "\n").encode("utf-8")
    try:
        paths.ensure_private_dir(target.parent)
        atomic_write_bytes(target, payload)
    except OSError as error:
        raise SettingsWriteError(
            target,
            error,
            "The change applies until backcoach closes but will not be remembered.",
        ) from None
