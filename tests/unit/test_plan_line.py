"""Home's one line about today's plan (issue 12 item 4): made before the check-in, so steps wait."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from adapt_fixtures import LIBRARY, NOW, program, record, session

from backcoach.coach.adapt import DrillPlan, TodayPlan, dose_dict, plan_today
from backcoach.coach.adapt_day import Answers, Reason
from backcoach.coach.ladder import Level
from backcoach.coach.plan_line import AS_PLANNED, today_line
from backcoach.content.model import Profile


def easy(days_ago: float, *ids: str) -> dict[str, Any]:
    return session(days_ago, *(record(i, difficulty="too_easy") for i in ids))


def hard(days_ago: float, **kw: Any) -> dict[str, Any]:
    return session(days_ago, record(difficulty="too_hard"), **kw)


REACHED = dose_dict(Level(LIBRARY["rolls"], replace(LIBRARY["rolls"].dosage, reps=10)))
FLEXION_EASES = Profile("flexion", provisional=True)

#: (what the row checks, program drills, program settings, history, provisional profile, the line)
LINE_CASES: list[tuple[str, tuple[str, ...], dict[str, Any], list[dict[str, Any]], Profile | None, str]] = [
    ("no history", ("rolls",), {}, [], None, AS_PLANNED),
    (
        "too easy twice: the step waits for the check-in",
        ("rolls", "plank"), {}, [easy(2, "rolls", "plank"), easy(1, "rolls", "plank")], None,
        "Today: 2 drills step up if today's check-in allows",
    ),
    ("too hard last time", ("rolls",), {}, [hard(1)], None, "Today: 1 drill is easier after last time"),
    ("a demo never counts", ("rolls",), {}, [hard(1, demo=True)], None, AS_PLANNED),
    (
        "too hard three times: easier, and a word for the physiotherapist",
        ("rolls",), {}, [hard(3), hard(2), hard(1)], None,
        "Today: 1 drill is easier after last time; please contact your physiotherapist",
    ),
    (
        "the quiz profile limits arching: swapped within its chain, or left out",
        ("arch", "arch-only"), {}, [], FLEXION_EASES,
        "Today: 1 drill is left out; 1 is swapped to suit your direction",
    ),
    (
        "the program's own profile wins over the quiz's",
        ("arch", "arch-only"), {"profile": Profile("unknown")}, [], FLEXION_EASES, AS_PLANNED,
    ),
    (
        "a nerve tensioner with the leg not known",
        ("floss",), {}, [], None, "Today: 1 drill is left out if your leg pain reaches below the knee",
    ),
    (
        "the quiz says no leg pain: nothing waits for the leg",
        ("floss",), {}, [], Profile("unknown", leg="none", provisional=True), AS_PLANNED,
    ),
    (
        "the dose reached in earlier sessions",
        ("rolls",), {}, [session(1, record(level=REACHED, rules=("3.progression.6",)))], None,
        "Today: 1 drill stays at the dose you built up to",
    ),
    (
        "a locked program holds an earned step",
        ("rolls",), {"locked": True}, [easy(2, "rolls"), easy(1, "rolls")], None,
        "Today: 1 drill stays the same for now",
    ),
    (
        "after a flare-up the half dose waits for the check-in",
        ("rolls",), {}, [*(session(d, checkin=2) for d in (10, 9, 8, 7)), session(1, checkin=8)], None,
        "Today: half the amount unless today's check-in is back near your usual",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("why", "ids", "settings", "history", "provisional", "line"), LINE_CASES, ids=[c[0] for c in LINE_CASES]
)
def test_today_line(
    why: str,
    ids: tuple[str, ...],
    settings: dict[str, Any],
    history: list[dict[str, Any]],
    provisional: Profile | None,
    line: str,
) -> None:
    plan = plan_today(program(*ids, **settings), history, Answers(NOW), LIBRARY, provisional)
    assert today_line(plan) == line


def _plan(*drills: DrillPlan) -> TodayPlan:
    return TodayPlan("test", drills, None)


def _drill(today: dict[str, Any] | None, *rules: str) -> DrillPlan:
    planned = {"drill_id": "rolls", "reps": 8}
    return DrillPlan("rolls", "Rolls", planned, today, planned, tuple(Reason(r, "why") for r in rules))


@pytest.mark.parametrize(
    ("plan", "line"),
    [
        (_plan(_drill({"drill_id": "rolls", "reps": 10}, "3.progression.6")), "Today: 1 drill steps up"),
        (_plan(_drill({"drill_id": "rolls", "reps": 4}, "3.flare")), "Today: 1 drill is half the usual amount"),
        (_plan(_drill({"drill_id": "rolls", "reps": 9}, "9.new_rule")), "Today: 1 drill changes"),
        (
            _plan(*(_drill({"drill_id": "rolls", "reps": 10}, "3.progression.6") for _ in range(2))),
            "Today: 2 drills step up",
        ),
    ],
    ids=["a step up once answered", "a flare day", "a rule this line does not know", "plural"],
)
def test_today_line_after_answers_and_for_new_rules(plan: TodayPlan, line: str) -> None:
    assert today_line(plan) == line
