"""The session's record as the engine hands it over: whole documents.

``SessionEngine.document()`` builds the session document (README, "The
session document") from the engine's own state; at every moment it must
reach disk the engine queues a :class:`SessionSave` holding the whole of it.
Whoever stores a save replaces what it had, so nothing downstream replays
what happened, and saving the same document twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["SessionSave", "copy_json"]


@dataclass(frozen=True)
class SessionSave:
    """One moment the session must be saved at, in order: the whole session
    document as it stood then.

    A whole document rather than a change, so whoever stores it replaces
    what it had and never replays anything (the engine is the one source of
    the record); ``action`` only says what changed, so a person can be told
    what is not saved yet.
    """

    action: str
    """``start``, ``update``, ``drill`` or ``finish``."""
    document: dict[str, Any]
    """The session as it stands: see ``SessionEngine.document``."""

    @property
    def session_id(self) -> str:
        """The session it belongs to: a store refuses it while another is running."""
        return str(self.document["id"])


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (the document's parts are nothing else)."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value
