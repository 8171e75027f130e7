"""The small settings file (mute, theme, contrast, the health background).

Settings are a convenience, never a reason not to start: reading returns
defaults on any problem, and only saving, which the user asked for, reports
an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import paths
from .atomic import atomic_write_bytes
from .errors import SettingsWriteError

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
        stored = json.loads(Path(target).read_bytes().decode("utf-8"))
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
