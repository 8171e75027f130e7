"""Earned progression (CLINICAL.md 3, rules 1-7): a step up only when every condition holds.

Each condition that fails holds the dose with its own reason, and one that
waits for an answer not given yet (the next-day question, the check-in,
the leg) makes the step pending instead: the dose never rises on a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from backcoach.coach.adapt_day import MAX_UPS_PER_SESSION, STEP_UP, Day, Reason
from backcoach.coach.adapt_history import Past, easy_at_its_level, recorded_level, recorded_rules
from backcoach.coach.ladder import Level, step_up, steps_above
from backcoach.content.model import Drill, Program


def progress(
    program: Program,
    base: Level,
    current: Level,
    mine: list[tuple[Past, Mapping[str, Any]]],
    day: Day,
    library: Mapping[str, Drill],
    reasons: list[Reason],
    pending: list[Reason],
) -> tuple[Level, Level]:
    """A step up, when every condition of the progression rules holds (else the dose holds, and why)."""
    if not mine or not easy_at_its_level(mine[-1][1]):
        return current, current
    if len(mine) < 2 or not easy_at_its_level(mine[-2][1]):
        if not program.locked:  # a locked program never steps up: the summary says "tell your physiotherapist"
            reasons.append(
                Reason(
                    "3.progression.2",
                    "same dose: it felt too easy once; if it feels too easy again in a session at least "
                    "a day later, and your back is no worse the next day, it steps up",
                )
            )
        return current, current
    (first, r1), (second, r2) = mine[-2], mine[-1]
    if second.start - first.start < timedelta(hours=24):
        reasons.append(
            Reason(
                "3.progression.2",
                "same dose: it felt too easy twice, but on the same day; it needs two sessions at least a day apart",
            )
        )
        return current, current
    if not (recorded_level(r1, library) or base).same_as(current):
        return current, current  # the first "too easy" was at the dose before the last change
    held: list[str] = []
    wait: list[str] = []
    now = day.answers.now
    if day.spread:
        held.append(f"3.progression.1|{day.spread}")
    elif day.answers.leg is None:
        wait.append("your leg pain has not spread further down")
    for past, record in ((first, r1), (second, r2)):
        pain, band_name = record.get("gate_pain"), record.get("gate_band")
        rise_ok = isinstance(pain, int) and past.checkin is not None and pain - past.checkin < 2
        if band_name not in ("green", "amber") or not rise_ok:
            held.append(
                "3.progression.3|your pain check before it was high or rose by 2 or more in one of those sessions"
            )
            break
    verdict = _next_day(second, day)
    if verdict.startswith("wait|"):
        wait.append(verdict[5:])
    elif verdict:
        held.append(f"3.progression.4|{verdict}")
    if day.week_rise is not None and day.week_rise >= 2:
        held.append("3.progression.5|your check-in pain this week is 2 or more points above last week's")
    if day.flare:
        held.append("3.flare|today is a flare-up day")
    elif day.flare is None:
        wait.append("your check-in is not a flare-up")
    if any(p.start >= now - timedelta(days=7) and STEP_UP in recorded_rules(r) for p, r in mine):
        held.append("3.progression.7|it already stepped up in the last 7 days")
    if held:
        rule, text = held[0].split("|", 1)
        reasons.append(Reason(rule, f"same dose: it felt too easy twice, but {text}"))
        return current, current
    if program.locked:
        reasons.append(
            Reason(
                "3.progression.locked",
                "same dose: it felt too easy twice; your physiotherapist set this program, "
                "so tell your physiotherapist it felt easy",
            )
        )
        return current, current
    step = step_up(current, base, library)
    if step is None:
        reasons.append(
            Reason(
                STEP_UP,
                "same dose: it felt too easy twice, and this is the top of its ladder; tell your physiotherapist",
            )
        )
        return current, current
    cap = program.adapt_max_steps
    if cap is not None and steps_above(step.level, base, library) > cap:
        reasons.append(
            Reason(
                "3.progression.cap",
                f"same dose: it felt too easy twice, but the program allows at most {cap} steps above its dose; "
                "tell your physiotherapist",
            )
        )
        return current, current
    if wait:
        conditions = ", ".join(wait[:-1]) + (" and " if len(wait) > 1 else "") + wait[-1]
        pending.append(Reason(STEP_UP, f"{step.words} if {conditions}"))
        return current, current
    if day.ups >= MAX_UPS_PER_SESSION:
        reasons.append(
            Reason(
                "3.progression.7",
                "same dose: it felt too easy twice, but two drills already step up today; one at a time",
            )
        )
        return current, current
    day.ups += 1
    after = "the same" if _compared(second, day) == "same" else "better"
    reasons.append(
        Reason(
            STEP_UP, f"{step.words}: it felt too easy in your last two sessions and your back was {after} the next day"
        )
    )
    return step.level, step.level


def _following(past: Past, day: Day) -> Past | None:
    later = [p for p in day.sessions if p.start > past.start]
    return later[0] if later else None


def _compared(past: Past, day: Day) -> str | None:
    nxt = _following(past, day)
    return day.answers.followup if nxt is None else nxt.followup()[0]


def _next_day(past: Past, day: Day) -> str:
    """Rule 3.progression.4 for the session ``past``: "" when it holds, why not, or "wait|..." when not known yet."""
    nxt = _following(past, day)
    if nxt is None:
        if not day.followup_due:
            return "it is more than 3 days since then, so there is no next-day answer"
        if day.answers.followup is None:
            return "wait|your back is not worse than after last time"
        compared: str | None = day.answers.followup
        score = day.answers.checkin
    else:
        compared, _hours = nxt.followup()
        score = nxt.checkin
        if compared is None:
            return "there is no next-day answer after the last of them"
    if compared == "worse":
        return "your back was worse the next day"
    if score is None:
        return "wait|your check-in is not more than 1 point above last time's"
    if past.checkin is None or score > past.checkin + 1:
        return "your pain the next day was more than 1 point above that session's check-in"
    return ""
