"""What the person reads about the adaptive coach's plan, in a session.

Get ready says why a drill's dose differs from the program's; the summary
says what will change next time and why. Both read the plan's own reasons
(``coach.adapt``), so what is shown is what was decided and recorded.
"""

from __future__ import annotations

from backcoach.coach.adapt import DrillPlan, TodayPlan
from backcoach.coach.adapt_day import Reason

#: The reason "the dose your plan reached earlier": context, not news, next to a change made today.
LEVEL_RULE = "3.level"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def today_line(plan: DrillPlan | None) -> str:
    """Why today's dose differs from the program's, in one line ("" when it does not)."""
    if plan is None or not plan.changed:
        return ""
    return _sentence("; ".join(r.text for r in plan.reasons))


def _news(reasons: tuple[Reason, ...]) -> list[Reason]:
    return [r for r in reasons if r.rule != LEVEL_RULE]


def next_time_lines(plan: TodayPlan | None, demo: bool) -> list[str]:
    """What will change next time and why, one line per drill that changes
    (or waits on next time's answers), then anything for the physiotherapist.

    Said before the next session's answers are known: a step that waits on
    them says what it waits on. Nothing to say is said too, so nobody
    wonders whether the coach was listening.
    """
    if demo:
        return ["Next time: a demo session does not change your doses."]
    if plan is None:
        return []
    lines = []
    for drill in plan.drills:
        for reason in (*_news(drill.reasons), *drill.pending):
            lines.append(f"{drill.name}: {reason.text}")
    lines += [note.text for note in plan.notes]
    if not lines:
        return ["Next time: the same doses, unless your check-in then says otherwise."]
    return ["Next time:", *(f"  {line}" for line in dict.fromkeys(lines))]


#: The rule that holds an earned step in a locked program and says "tell your physiotherapist".
LOCKED_RULE = "3.progression.locked"


def tells_physio(plan: TodayPlan | None) -> bool:
    """Whether ``plan`` already asks the person to tell their physiotherapist it felt easy."""
    return plan is not None and any(r.rule == LOCKED_RULE for d in plan.drills for r in d.reasons)
