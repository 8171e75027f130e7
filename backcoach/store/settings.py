"""The small settings file (mute, voice, theme, contrast, projector, the get-ready
time, the health background, the quiz).

Settings are a convenience, never a reason not to start: reading returns
defaults on any problem, and only saving, which the user asked for, reports
an error. The file is read without following a link or waiting on a FIFO
and only up to :data:`MAX_SETTINGS_BYTES`; a settings path that is not a
regular file is named once at start-up (:func:`settings_problem`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .. import paths
from ..safe_files import UnsafePathError, read_regular_file, refuse_unless_regular
from .atomic import atomic_write_bytes
from .errors import SettingsWriteError, UnsafeFileError

#: A settings file is a few hundred bytes; anything bigger is not ours.
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass
class Settings:
    """What the app remembers between runs, as the JSON object it is stored as."""

    muted: bool = False
    #: Spoken prompts (``v``, ``--no-voice``); ``muted`` silences them too.
    voice: bool = True
    theme: str = "backcoach"
    high_contrast: bool = False
    #: The clinic's projector display (a high-contrast dark theme there).
    projector: bool = False
    #: The one-time health background (CLINICAL.md 1a): None until answered.
    #: Its shape is checked where it is used (coach.background.read_background),
    #: so a damaged value means "ask again", never "assume clear".
    health_background: object = None
    #: The symptom quiz's answers (CLINICAL.md 4), from which the provisional
    #: direction profile is derived: None until taken or once cleared. Checked
    #: where used (coach.symptom_quiz.stored_profile): damaged means "no profile".
    profile: object = None
    #: The id of the last education card shown, so the next session starts
    #: after it (``coach.education.CardDeal``); "" before the first.
    last_card: str = ""
    #: Seconds of "Get ready" before each drill (5-60; the first drill of a
    #: session gets twice this: ``coach.session_gate``). Out of range is clamped where used.
    ready_seconds: int = 10
    #: Keys this version does not know, kept so a newer backcoach's settings
    #: survive a round trip.
    unknown: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Defaults overlaid with the file's values; never raises.

        A known key whose stored value has the wrong type keeps its default
        (``"muted": "yes"`` must not turn sound off by accident).
        """
        settings = cls()
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
        known = {f.name for f in fields(cls) if f.name != "unknown"}
        for key, value in stored.items():
            if key not in known:
                settings.unknown[key] = value
                continue
            default = getattr(settings, key)
            if default is not None and type(value) is not type(default):
                continue
            setattr(settings, key, value)
        return settings

    def to_dict(self) -> dict[str, Any]:
        """The JSON object as written: the known keys over the unknown ones."""
        known = asdict(self)
        return {**known.pop("unknown"), **known}

    def save(self, path: Path | None = None) -> None:
        """Write the settings atomically with mode 0600 (folder 0700)."""
        target = Path(path) if path is not None else paths.settings_path()
        payload = (json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n").encode("utf-8")
        try:
            paths.ensure_private_dir(target.parent)
            atomic_write_bytes(target, payload)
        except OSError as error:
            raise SettingsWriteError(
                target,
                error,
                "The change applies until backcoach closes but will not be remembered.",
            ) from None


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
