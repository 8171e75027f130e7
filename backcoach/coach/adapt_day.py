"""The facts of the day the adaptive coach's rules share: today's answers and what the history says.

Computed once per plan (the flare state, the next-day answer, a leg
spread, the week-to-week check-ins), so each drill's rules read the same
facts and the plan's limits (at most 2 drills up) are counted in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from backcoach.coach.adapt_history import Past, last_worked, median_checkin, weekly_medians
from backcoach.coach.followup import FOLLOWUP_WINDOW_HOURS
from backcoach.content.model import LEG_REACH

FOLLOWUPS = ("better", "same", "worse")
#: At most this many drills step up in one session (rule 3.progression.7).
MAX_UPS_PER_SESSION = 2
STEP_UP = "3.progression.6"


@dataclass(frozen=True)
class Answers:
    """Today's answers; ``None`` is "not known yet"."""

    now: datetime
    checkin: int | None = None
    followup: str | None = None
    leg: str | None = None


@dataclass(frozen=True)
class Reason:
    rule: str
    """The CLINICAL.md rule, e.g. ``3.progression.2``."""
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


@dataclass
class Day:
    """The facts every drill's rules share, computed once."""

    answers: Answers
    sessions: list[Past]
    """Every real session that reached the check-in, oldest first (``adapt_history.checked_in``)."""
    flare: bool | None = None
    recovering: bool | None = False
    worse_by_two: bool = False
    followup_due: bool = False
    spread: str = ""
    week_rise: float | None = None
    ups: int = 0
    notes: list[Reason] = field(default_factory=list)


def is_flare(score: int, median: float | None) -> bool:
    return score >= 7 or (median is not None and score >= median + 2)


def day_facts(sessions: list[Past], answers: Answers) -> Day:
    now, checkin = answers.now, answers.checkin
    day = Day(answers, sessions)
    fourteen = timedelta(days=14)
    if checkin is not None:
        day.flare = is_flare(checkin, median_checkin(sessions, now - fourteen, now))
    # Flare return (3.flare): the tolerated dose comes back after 2 sessions within 1 point of the
    # 14-day median; a check-in below the median is "within" too (the back is no more sensitive than usual).
    # From the newest back: the last flare-up, and how many sessions since have settled (2 end the search).
    last_flare, settled = None, 0
    for past in reversed(sessions):
        if past.checkin is None:
            continue
        median = median_checkin(sessions, past.start - fourteen, past.start)
        if is_flare(past.checkin, median):
            last_flare = past
            break
        if median is not None and past.checkin <= median + 1:
            settled += 1
            if settled >= 2:
                break
    if last_flare is not None and settled < 2:
        if checkin is None:
            day.recovering = None
        else:
            median = median_checkin(sessions, now - fourteen, now)
            today_settled = not day.flare and median is not None and checkin <= median + 1
            day.recovering = settled + int(today_settled) < 2
    # The session today's next-day answer is about: the same one the check-in asked about (coach.followup).
    last = last_worked(sessions)
    day.followup_due = last is not None and (now - last.end) <= timedelta(hours=FOLLOWUP_WINDOW_HOURS)
    if day.followup_due and last is not None and answers.followup == "worse" and checkin is not None:
        day.worse_by_two = last.checkin is not None and checkin - last.checkin >= 2
    week = now - timedelta(days=7)
    if any(p.had_spread() for p in sessions if p.start >= week):
        day.spread = "your leg pain spread further down your leg in the last 7 days"
    last_leg = next((p.leg for p in reversed(sessions) if p.leg is not None), None)
    if answers.leg in LEG_REACH and last_leg is not None and LEG_REACH.index(answers.leg) > LEG_REACH.index(last_leg):
        day.spread = "your leg pain reaches further down today than last time"
    medians = weekly_medians(sessions, now, checkin, 3)
    if medians[0] is not None and medians[1] is not None:
        day.week_rise = medians[0] - medians[1]
    if None not in medians and medians[2] < medians[1] < medians[0]:  # type: ignore[operator]  # checked: none is None
        day.notes.append(
            Reason("3.step_down.3", "Your check-in pain has risen for 2 weeks: please contact your physiotherapist.")
        )
    return day
