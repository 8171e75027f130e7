"""The 24-hour response: how the back did after the last session.

The pain-monitoring model judges a dose by the next day: pain and stiffness
the morning after must be no worse than before (CLINICAL.md section 3). So
the check-in of a session that starts within 72 hours of the last counted
one asks once whether the back is better, the same or worse since then, and
the answer is kept with the session (``followup``) for the adaptive coach.

Pure: the caller passes the history and the local time now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from backcoach.coach.adapt_history import checked_in, last_worked

#: CLINICAL.md section 3: asked when the last counted session ended at most this long ago.
FOLLOWUP_WINDOW_HOURS = 72.0

_END_OF_TIME = datetime.max.replace(tzinfo=UTC)
_DAYS_AGO = {0: "earlier today", 1: "yesterday", 2: "two days ago", 3: "three days ago"}


class Compared(str, Enum):
    """The answer: the back since the last session."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


@dataclass(frozen=True)
class FollowupDue:
    """The follow-up question is due: the last counted session ended ``hours`` ago."""

    hours: float
    days_ago: int

    @property
    def when(self) -> str:
        """``"yesterday"``, ``"two days ago"``: when the last session was, in words."""
        return _DAYS_AGO.get(self.days_ago, f"{self.days_ago} days ago")

    def record(self, compared: Compared) -> dict[str, Any]:
        """The session document's ``followup`` for this answer."""
        return {"compared": compared.value, "hours_since": round(self.hours, 1)}


def followup_due(sessions: Iterable[Mapping[str, Any]], now: datetime) -> FollowupDue | None:
    """Whether to ask, from the last worked session's end (or start, when it
    has no end) to ``now`` (an aware local time).

    Only a real session in which some drill was done qualifies (not a demo,
    not a rest day or a safety stop), since only it carries a dose the answer
    can judge; the adaptive coach reads the answer as being about the same
    session (``adapt_history.last_worked``). A last session in the future (a
    clock set back) or unreadable times mean not asking: no answer is better
    than one about the wrong session.
    """
    if now.tzinfo is None:
        return None
    last = last_worked(checked_in(sessions, _END_OF_TIME))  # a later one too: then nothing is asked
    if last is None:
        return None
    hours = (now - last.end).total_seconds() / 3600
    if hours < 0 or hours > FOLLOWUP_WINDOW_HOURS:
        return None
    days_ago = (now.date() - last.end.astimezone(now.tzinfo).date()).days
    return FollowupDue(hours=hours, days_ago=max(days_ago, 0))
