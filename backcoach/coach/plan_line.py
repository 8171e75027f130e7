"""Home's one line about today's plan for a program (issue 12 item 4), in one place.

Home shows it before the check-in, so the plan it sums up was made with no
answers yet: a step that waits for one is said as "if ...", never as done.
Each drill is counted once by what happens to it today (the first that
fits of left out, swapped, half, easier, up, at the level reached, held), and
once more if something about it is still pending.
"""

from __future__ import annotations

from backcoach.coach.adapt import DrillPlan, TodayPlan
from backcoach.coach.adapt_day import STEP_UP
from backcoach.coach.words import plural

AS_PLANNED = "Today: as the program says"

#: (what happens, singular and plural verb phrases), in the order the line says them.
_PHRASES: dict[str, tuple[str, str]] = {
    "left_out": ("is left out", "are left out"),
    "swapped": ("is swapped to suit your direction", "are swapped to suit your direction"),
    "easier": ("is easier after last time", "are easier after last time"),
    "half": ("is half the usual amount", "are half the usual amount"),
    "up": ("steps up", "step up"),
    "level": ("stays at the dose you built up to", "stay at the dose you built up to"),
    "held": ("stays the same for now", "stay the same for now"),
    "changed": ("changes", "change"),
    "up_if": ("steps up if today's check-in allows", "step up if today's check-in allows"),
    "out_if": (
        "is left out if your leg pain reaches below the knee",
        "are left out if your leg pain reaches below the knee",
    ),
}
_STEP_DOWN = {"3.step_down.1", "3.step_down.2"}
_HALF = {"3.flare", "3.flare.return"}
#: Notes about the whole program that the line repeats (the plan says the rest).
_NOTES = {"3.step_down.3": "please contact your physiotherapist"}


def _what(drill: DrillPlan) -> str | None:
    """What happens to ``drill`` today, as a key of ``_PHRASES``; ``None``: nothing."""
    rules = {r.rule for r in drill.reasons}
    if drill.today is None:
        return "left_out"
    if not drill.changed:
        return "held" if rules else None
    if "4.direction" in rules:
        return "swapped"
    if rules & _HALF:
        return "half"
    if rules & _STEP_DOWN:
        return "easier"
    if STEP_UP in rules:
        return "up"
    if "3.level" in rules:
        return "level"
    return "changed"


def _waiting(drill: DrillPlan) -> str | None:
    rules = {r.rule for r in drill.pending}
    if STEP_UP in rules:
        return "up_if"
    if "4.nerve" in rules:
        return "out_if"
    return None


def today_line(plan: TodayPlan) -> str:
    """E.g. "Today: 1 drill steps up if today's check-in allows; 1 is easier after last time"."""
    counts = dict.fromkeys(_PHRASES, 0)
    for drill in plan.drills:
        for key in (_what(drill), _waiting(drill)):
            if key is not None:
                counts[key] += 1
    parts: list[str] = []
    for key, (one, many) in _PHRASES.items():
        n = counts[key]
        if n:
            counted = plural(n, "drill") if not parts else f"{n:,}"
            parts.append(f"{counted} {one if n == 1 else many}")
    if any(r.rule == "3.flare.return" for d in plan.drills for r in d.pending):
        parts.append("half the amount unless today's check-in is back near your usual")
    parts += sorted({_NOTES[n.rule] for n in plan.notes if n.rule in _NOTES})
    return "Today: " + "; ".join(parts) if parts else AS_PLANNED
