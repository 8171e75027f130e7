"""Invariants of today's plan over random histories (hypothesis): what must never happen, whatever the journal holds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from adapt_fixtures import LIBRARY, NOW, program, record, session
from hypothesis import HealthCheck, given, settings, strategies as st

from backcoach.coach.adapt import DrillPlan, TodayPlan, plan_today
from backcoach.coach.adapt_day import STEP_UP, Answers
from backcoach.coach.direction import judge, may_offer
from backcoach.content.model import EXTENTS, LEG_REACH, LIMITABLE, Profile

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DRILLS = ("rolls", "plank", "walk", "arch", "floss", "bird", "stretch")
LEVELS = {
    "rolls": [{"drill_id": "rolls", "reps": r} for r in (6, 8, 10, 12)] + [{"drill_id": "rolls-easy", "reps": 8}],
    "plank": [{"drill_id": "plank", "hold_seconds": h} for h in (15, 25, 30)] + [{"drill_id": "plank-hard"}],
}

maybe_score = st.none() | st.integers(0, 10)
followups = st.none() | st.sampled_from(("better", "same", "worse"))
legs = st.none() | st.sampled_from(LEG_REACH)


@st.composite
def a_record(draw: st.DrawFn, drill_id: str) -> dict[str, Any]:
    level = draw(st.none() | st.sampled_from(LEVELS[drill_id])) if drill_id in LEVELS else None
    rules = draw(st.sampled_from(((), (STEP_UP,), ("3.step_down.1",))))
    return record(
        drill_id,
        difficulty=draw(st.sampled_from(("too_easy", "too_easy", "about_right", "too_hard"))),
        pain=draw(st.integers(0, 10)),
        status=draw(st.sampled_from(("done", "done", "partial", "skipped", "easier"))),
        spread=draw(st.integers(0, 9)) == 0,  # spreads are rare
        level=level,
        rules=rules,
    )


@st.composite
def a_session(draw: st.DrawFn, demo: bool | None = None) -> dict[str, Any]:
    ids = draw(st.lists(st.sampled_from(DRILLS), min_size=1, max_size=4, unique=True))
    return session(
        draw(st.floats(0.02, 30)),
        *[draw(a_record(i)) for i in ids],
        checkin=draw(maybe_score),
        demo=draw(st.booleans()) if demo is None else demo,
        program_id=draw(st.sampled_from(("test", "test", "other"))),
        followup=draw(followups),
        leg=draw(legs),
    )


random_histories = st.lists(a_session(), max_size=14)


@st.composite
def earned_histories(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Older random sessions, then two a day apart in which every drill felt too easy: step-ups happen."""
    older = [s for s in draw(random_histories) if s["started_at"] < (NOW - timedelta(days=8)).isoformat()]
    for past in older:  # a steady back: check-ins near 3
        past["checkin_pain"] = draw(st.integers(2, 4))
    easy = []
    for days_ago in (draw(st.floats(1.9, 2.6)), draw(st.floats(0.3, 0.9))):
        spread = draw(st.integers(0, 7)) == 0  # on the first drill, now and then
        records = [
            record(i, difficulty="too_easy", pain=draw(st.sampled_from((1, 2, 3, 6))), spread=spread and n == 0)
            for n, i in enumerate(DRILLS)
        ]
        easy.append(session(days_ago, *records, checkin=draw(st.integers(2, 4)), followup=draw(followups)))
    return older + easy


histories = st.one_of(random_histories, earned_histories())
answers = st.builds(Answers, now=st.just(NOW), checkin=maybe_score, followup=followups, leg=legs) | st.builds(
    Answers,
    now=st.just(NOW),
    checkin=st.sampled_from((2, 3, 3, 4, 7)),
    followup=st.sampled_from(("better", "same", "same", "worse")),
    leg=st.sampled_from(LEG_REACH),
)  # every answer known, as on most days
profiles = st.none() | st.builds(
    Profile,
    eases=st.sampled_from(("flexion", "extension", "none", "unknown")),
    limits=st.lists(st.tuples(st.sampled_from(LIMITABLE), st.sampled_from(EXTENTS)), max_size=2, unique_by=lambda p: p[0]).map(tuple),
    leg=legs,
)  # fmt: skip
programs = st.builds(
    lambda ids, locked, prof: program(*ids, locked=locked, profile=prof),
    st.lists(st.sampled_from(DRILLS), min_size=1, max_size=5, unique=True),
    st.booleans(),
    profiles,
)


def stepped(drill: DrillPlan) -> bool:
    """The plan raised this drill today (a held step says "same dose")."""
    return any(r.rule == STEP_UP and not r.text.startswith("same dose") for r in drill.reasons)


def higher(drill: DrillPlan) -> bool:
    """Today's dose is more than the program's: more of the same drill, or a harder one in its chain."""
    today, planned = drill.today, drill.planned
    if today is None:
        return False
    if today["drill_id"] == planned["drill_id"]:
        return any(today.get(k, 0) > planned.get(k, 0) for k in ("reps", "sets", "hold_seconds", "seconds"))
    harder, seen = LIBRARY[planned["drill_id"]].harder, set()
    while harder and harder not in seen:
        if harder == today["drill_id"]:
            return not any(r.rule == "4.direction" for r in drill.reasons)
        seen.add(harder)
        harder = LIBRARY[harder].harder
    return False


def plan(prog: Any, history: list[dict[str, Any]], today: Answers) -> TodayPlan:
    return plan_today(prog, history, today, LIBRARY)


@PROPERTY
@given(programs, histories, answers)
def test_a_locked_program_never_gets_a_higher_dose(prog: Any, history: list[dict[str, Any]], today: Answers) -> None:
    locked = program(*(i.drill.id for i in prog.items), locked=True, profile=prog.profile)
    assert not any(higher(d) or stepped(d) for d in plan(locked, history, today).drills)


def _counted(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in history if not s["demo"] and any(r["status"] in ("done", "partial", "easier") for r in s["drills"])]


@PROPERTY
@given(programs, histories, answers)
def test_no_step_up_after_worse_red_spread_or_flare(prog: Any, history: list[dict[str, Any]], today: Answers) -> None:
    result = plan(prog, history, today)
    ups = [d for d in result.drills if stepped(d)]
    assert len(ups) <= 2  # 3.progression.7
    if not ups:
        return
    assert today.followup != "worse"
    assert result.flare is False
    week = NOW - timedelta(days=7)
    counted = _counted(history)
    assert not any(r.get("leg_spread") for s in counted if s["started_at"] >= week.isoformat() for r in s["drills"])
    for drill in ups:
        mine = [r for s in counted if s["program"]["id"] == prog.id for r in s["drills"] if r["drill_id"] == drill.drill_id]
        assert all(r["gate_band"] in ("green", "amber") for r in mine[-2:])


@PROPERTY
@given(programs, histories, answers)
def test_never_more_than_one_step_per_drill_per_7_days(prog: Any, history: list[dict[str, Any]], today: Answers) -> None:
    week = (NOW - timedelta(days=7)).isoformat()
    for drill in plan(prog, history, today).drills:
        if stepped(drill):
            recent = [
                r for s in _counted(history) if s["program"]["id"] == prog.id and s["started_at"] >= week
                for r in s["drills"] if r["drill_id"] == drill.drill_id
            ]  # fmt: skip
            assert not any(STEP_UP in (r.get("adapted") or {}).get("rules", []) for r in recent)


@PROPERTY
@given(programs, histories, answers)
def test_no_drill_beyond_the_profile_is_planned_or_offered(prog: Any, history: list[dict[str, Any]], today: Answers) -> None:
    for drill in plan(prog, history, today).drills:
        if drill.today_drill is not None:
            assert judge(drill.today_drill, prog.profile, today.leg).allowed
    for candidate in LIBRARY.values():
        if may_offer(candidate, prog.profile, today.leg):
            verdict = judge(candidate, prog.profile, today.leg)
            assert verdict.allowed and not verdict.pending


@PROPERTY
@given(programs, histories, st.lists(a_session(demo=True), min_size=1, max_size=5), answers)
def test_demo_sessions_never_influence_the_plan(
    prog: Any, history: list[dict[str, Any]], demos: list[dict[str, Any]], today: Answers
) -> None:
    assert plan(prog, history + demos, today).as_dict() == plan(prog, history, today).as_dict()
