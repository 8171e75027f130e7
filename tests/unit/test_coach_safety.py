"""The safety check, rule by rule (CLINICAL.md section 1).

Every table row names the CLINICAL.md rule it checks.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backcoach.coach.background import (
    BACKGROUND_IDS,
    CANCER_REVIEWED,
    background_needs_doctor,
    empty_background,
    read_background,
)
from backcoach.coach.safety import (
    DAILY_IDS,
    WAIVER_DAYS,
    Answer,
    Level,
    SafetyOutcome,
    SafetyToday,
    active_waivers,
    all_clear,
    assess,
    daily_items,
    safety_record,
    today_state,
)

TODAY = date(2026, 3, 30)

EMERGENCY_ITEMS = [
    "saddle_numbness",
    "bladder_bowel",
    "sexual_function",
    "both_legs",
    "leg_weakness",
    "major_trauma",
]
DOCTOR_TODAY_ITEMS = ["fever_unwell", "minor_trauma"]
DOCTOR_SOON_ITEMS = ["weight_loss", "night_pain", "upper_back", "worsening"]


def risky_background() -> dict[str, bool]:
    background = empty_background()
    background["steroids_osteoporosis"] = True
    return background


def answers_with(background: dict[str, bool] | None = None, **marked: Answer) -> dict[str, Answer]:
    answers = all_clear(background)
    answers.update(marked)
    return answers


@pytest.mark.parametrize(
    ("rule", "item_id", "level"),
    [(f"1b emergency: {i}", i, Level.EMERGENCY) for i in EMERGENCY_ITEMS]
    + [(f"1b doctor today: {i}", i, Level.DOCTOR_TODAY) for i in DOCTOR_TODAY_ITEMS]
    + [(f"1b doctor soon: {i}", i, Level.DOCTOR_SOON) for i in DOCTOR_SOON_ITEMS],
)
def test_each_item_alone_sends_to_its_level(rule: str, item_id: str, level: Level) -> None:
    background = risky_background()  # so minor_trauma is asked
    result = assess(answers_with(background, **{item_id: Answer.YES}), background)
    assert result.outcome is SafetyOutcome(level.value), rule
    assert result.levels == {item_id: level}


def test_every_clinical_item_is_asked() -> None:
    """1b: every cauda equina and red-flag item listed in CLINICAL.md is in the check."""
    assert set(DAILY_IDS) == set(EMERGENCY_ITEMS + DOCTOR_TODAY_ITEMS + DOCTOR_SOON_ITEMS)


@pytest.mark.parametrize(
    ("rule", "marked", "expected"),
    [
        ("1b: the most urgent answer decides (emergency over soon)", ["night_pain", "both_legs"], SafetyOutcome.EMERGENCY),
        ("1b: the most urgent answer decides (today over soon)", ["weight_loss", "fever_unwell"], SafetyOutcome.DOCTOR_TODAY),
        ("1b: the most urgent answer decides (emergency over today)", ["fever_unwell", "saddle_numbness"], SafetyOutcome.EMERGENCY),
        ("1b: no yes is clear", [], SafetyOutcome.CLEAR),
    ],
)
def test_most_urgent_level_decides(rule: str, marked: list[str], expected: SafetyOutcome) -> None:
    answers = answers_with(None, **{m: Answer.YES for m in marked})
    assert assess(answers).outcome is expected, rule


@pytest.mark.parametrize("item_id", DOCTOR_SOON_ITEMS)
def test_already_checked_doctor_soon_item_does_not_block(item_id: str) -> None:
    """1b already checked: recorded, does not block."""
    result = assess(answers_with(None, **{item_id: Answer.CHECKED}))
    assert result.outcome is SafetyOutcome.CLEAR
    record = safety_record(
        answers_with(None, **{item_id: Answer.CHECKED}), result, None, {item_id: "2026-03-01"}
    )
    assert record["answers"][item_id] is True
    assert record["waived"] == {item_id: "2026-03-01"}
    assert record["outcome"] == "clear"


@pytest.mark.parametrize("item_id", EMERGENCY_ITEMS + DOCTOR_TODAY_ITEMS)
def test_emergency_and_doctor_today_can_never_be_waived(item_id: str) -> None:
    """1b already checked: emergency and doctor-today items can never be waived."""
    background = risky_background()  # so minor_trauma is asked
    with pytest.raises(ValueError):
        assess(answers_with(background, **{item_id: Answer.CHECKED}), background)


def test_missing_answer_is_refused() -> None:
    answers = all_clear()
    del answers["both_legs"]
    with pytest.raises(ValueError):
        assess(answers)


@pytest.mark.parametrize(
    ("rule", "background", "asked"),
    [
        ("1b: minor trauma only with a fracture risk (none)", empty_background(), False),
        ("1b: minor trauma with steroids or osteoporosis", risky_background(), True),
        ("1b: minor trauma when over 70", {**empty_background(), "over_70": True}, True),
        ("1b: no background yet, no stricter question", None, False),
    ],
)
def test_minor_trauma_asked_only_with_fracture_risk(rule: str, background: dict[str, bool] | None, asked: bool) -> None:
    assert ("minor_trauma" in {i.id for i in daily_items(background)}) is asked, rule


@pytest.mark.parametrize(
    ("rule", "changes", "needs_doctor"),
    [
        ("1a: cancer history, no review: see a doctor before starting", {"cancer_history": True}, True),
        ("1a: cancer history, reviewed: may start", {"cancer_history": True, CANCER_REVIEWED: True}, False),
        ("1a: other yes answers never block by themselves", {"steroids_osteoporosis": True, "immune_drugs": True, "age_onset": True, "over_70": True}, False),
        ("1a: all no", {}, False),
    ],
)
def test_background_blocks_only_unreviewed_cancer(rule: str, changes: dict[str, bool], needs_doctor: bool) -> None:
    background = {**empty_background(), **changes}
    assert background_needs_doctor(background) is needs_doctor, rule


@pytest.mark.parametrize(
    "stored",
    [None, "yes", [], {"cancer_history": "no"}, {qid: False for qid in BACKGROUND_IDS[:-1]}],
)
def test_damaged_background_means_ask_again(stored: object) -> None:
    """1a: a background that cannot be read is asked again, never assumed clear."""
    assert read_background(stored) is None


def session_on(day: date, **fields: object) -> dict[str, object]:
    return {"started_at": f"{day.isoformat()}T08:00:00+00:00", "status": "completed", "drills": [], **fields}


def checked_session(day: date, item_id: str, checked_on: str = "2026-03-01") -> dict[str, object]:
    return session_on(
        day,
        safety={"answers": {**{i: False for i in DAILY_IDS}, item_id: True}, "waived": {item_id: checked_on}, "outcome": "clear"},
    )


@pytest.mark.parametrize(
    ("rule", "days_ago", "active"),
    [
        ("1b: already checked stands within 28 days", 0, True),
        ("1b: already checked stands on day 27", WAIVER_DAYS - 1, True),
        ("1b: asked again after 28 days", WAIVER_DAYS, False),
        ("1b: asked again long after", 60, False),
    ],
)
def test_waiver_is_asked_again_after_28_days(rule: str, days_ago: int, active: bool) -> None:
    sessions = [checked_session(TODAY - timedelta(days=days_ago), "night_pain")]
    waivers = active_waivers(sessions, TODAY)
    assert ("night_pain" in waivers) is active, rule


def test_a_later_no_replaces_a_waiver() -> None:
    sessions = [
        checked_session(TODAY - timedelta(days=3), "night_pain"),
        session_on(TODAY - timedelta(days=1), safety={"answers": {i: False for i in DAILY_IDS}, "outcome": "clear"}),
    ]
    assert active_waivers(sessions, TODAY) == {}


@pytest.mark.parametrize(
    ("rule", "sessions", "expected", "level", "pain_stop"),
    [
        ("1b: no check today yet", [], SafetyToday.NEEDED, None, False),
        (
            "1b: a clear check today covers later sessions",
            [session_on(TODAY, safety={"answers": {"both_legs": False}, "outcome": "clear"})],
            SafetyToday.CLEAR,
            None,
            False,
        ),
        (
            "1b: a yes blocks the rest of the day, naming its level",
            [session_on(TODAY, status="stopped_safety", safety={"answers": {"fever_unwell": True}, "outcome": "doctor_today"})],
            SafetyToday.BLOCKED,
            Level.DOCTOR_TODAY,
            False,
        ),
        (
            "1b: yesterday's yes does not block today",
            [session_on(TODAY - timedelta(days=1), status="stopped_safety", safety={"answers": {"both_legs": True}, "outcome": "emergency"})],
            SafetyToday.NEEDED,
            None,
            False,
        ),
        (
            "2 safe defaults: a pain stop today makes it a rest day",
            [session_on(TODAY, status="stopped_pain", safety={"answers": {"both_legs": False}, "outcome": "clear"})],
            SafetyToday.CLEAR,
            None,
            True,
        ),
        (
            "1b: a stop of unknown level counts as the most urgent",
            [session_on(TODAY, status="stopped_safety", safety={"answers": {"x": True}})],
            SafetyToday.BLOCKED,
            Level.EMERGENCY,
            False,
        ),
    ],
)
def test_today_state(rule: str, sessions: list[dict[str, object]], expected: SafetyToday, level: Level | None, pain_stop: bool) -> None:
    state = today_state(sessions, TODAY)
    assert (state.safety, state.blocked_level, state.pain_stop) == (expected, level, pain_stop), rule


def test_unreadable_start_times_are_ignored_not_fatal() -> None:
    sessions = [{"started_at": "yesterday", "status": "stopped_safety"}, {"started_at": 5}]
    assert today_state(sessions, TODAY).safety is SafetyToday.NEEDED
