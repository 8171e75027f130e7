"""The adaptive coach across days (issue 12, CLINICAL.md 3): three sessions on
three mornings in one journal, each its own run of the app with a fake clock.
"Too easy" twice, a day apart, with the back the same the next day, earns one
step up; the third session's Get ready shows the new dose and says why, and
the journal records what changed and by which rule."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from conftest import ready, ready_left, run_time, settle, text_of

from backcoach.content.library import default_library
from backcoach.content.programs import parse_program
from backcoach.tui.session.checkin import CheckinScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.session.rating import RatingScreen
from backcoach.tui.session.summary import SummaryScreen

SIZE = (100, 30)
FIRST_MORNING = datetime(2026, 3, 28, 9, 0, tzinfo=timezone(timedelta(hours=1)))
PROGRAM = parse_program(
    'id = "rolls"\nname = "Morning rolls"\ndescription = "One drill."\n\n[[drills]]\nid = "cat-camel"\nreps = 8\n',
    "rolls.toml",
    default_library(),
)
STEP_UP_WHY = "2 more reps: it felt too easy in your last two sessions and your back was the same the next day"


async def one_session(make_harness: Any, day: int, compared: str | None) -> tuple[str, str, list[dict[str, Any]]]:
    """Morning ``day`` (0-based): a whole session, the drill rated too easy.

    Returns what Get ready said (the title and the why line, "" when none),
    what the summary said about next time, and the journal after it.
    """
    h = make_harness(programs=[PROGRAM], now=FIRST_MORNING + timedelta(days=day))
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # the only program
        await settle(pilot)
        await pilot.press("n")  # the day's safety check: none apply
        await settle(pilot)
        assert isinstance(h.app.screen, CheckinScreen)
        if compared is not None:
            await pilot.press(compared[0])  # since the last session: better / same / worse
            await settle(pilot)
        await pilot.press("3", "enter", "n")  # check-in 3, no leg pain: the first pain check too
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, IntroScreen)
        get_ready = text_of(screen, "#text")
        why = text_of(screen, "#adapted") if screen.query("#adapted") else ""
        runner = h.app.runner
        assert runner is not None
        await run_time(h, pilot, ready_left(h) + runner.engine.drill.estimated_seconds + 1)
        await settle(pilot)
        assert isinstance(h.app.screen, RatingScreen)
        await pilot.press("1")  # too easy
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        await ready(pilot)
        next_time = text_of(h.app.screen, "#next-time")
        sessions = h.sessions()
    h.journal.close()  # the next morning's app takes the journal's lock
    return f"{get_ready}\n{why}", next_time, sessions


async def test_too_easy_twice_steps_up_on_the_third_morning_and_says_why(make_harness: Any) -> None:
    first, after_first, _ = await one_session(make_harness, 0, None)
    assert "8 reps" in first and first.endswith("\n")  # the program's dose, nothing to explain
    assert "Cat-camel: same dose: it felt too easy once" in after_first

    second, after_second, _ = await one_session(make_harness, 1, "same")
    assert "8 reps" in second and second.endswith("\n")
    # Earned but for tomorrow's answers: the summary says what the step waits on.
    assert after_second == (
        "Next time:\n  Cat-camel: 2 more reps if your leg pain has not spread further down, your back is not "
        "worse than after last time and your check-in is not a flare-up"
    )

    third, _, journal = await one_session(make_harness, 2, "same")
    assert "10 reps" in third
    assert third.endswith(STEP_UP_WHY[0].upper() + STEP_UP_WHY[1:])

    last = max(journal, key=lambda s: s["started_at"])
    (record,) = last["drills"]
    assert record["planned"]["reps"] == 8 and record["reps_done"] == 10
    adapted = record["adapted"]
    assert adapted["rules"] == ["3.progression.6"] and adapted["why"] == [STEP_UP_WHY]
    assert adapted["from"]["reps"] == 8 and adapted["to"]["reps"] == 10 and adapted["level"]["reps"] == 10
    first_record, second_record = (s["drills"][0] for s in sorted(journal, key=lambda s: s["started_at"])[:2])
    assert first_record["adapted"] is None  # nothing to say before the first session
    assert second_record["adapted"]["rules"] == ["3.progression.2"]  # too easy once: held, and why


async def test_a_session_follows_the_symptom_quizs_provisional_profile(make_harness: Any) -> None:
    """CLINICAL.md 4: the quiz says bending forward aggravates (flexion-sensitive), so knees-to-chest,
    which bends the back further than "small", is swapped for its easier version at Get ready."""
    program = parse_program(
        'id = "hug"\nname = "Hug"\ndescription = "One drill."\n\n[[drills]]\nid = "knees-to-chest"\n',
        "hug.toml",
        default_library(),
    )
    h = make_harness(programs=[program], now=FIRST_MORNING)
    h.app.services.settings.profile = {
        "worse_sitting_or_bending": True, "better_walking_or_lying_face_down": True,
        "worse_standing_or_walking": False, "better_sitting_or_leaning_forward": False, "over_50": False,
        "leg": "none",
    }  # fmt: skip
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "n")  # the program; the safety check: none apply
        await settle(pilot)
        await pilot.press("3", "enter", "n")  # check-in 3, no leg pain: the first pain check too
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, IntroScreen)
        assert text_of(screen, "#title").startswith("Knee rocks")
        assert "easier version of Knees to chest" in text_of(screen, "#title")
        assert "it takes your back further into bending forward" in text_of(screen, "#adapted")


async def test_after_a_red_pain_check_where_the_session_ended_no_step_up_is_held_out(make_harness: Any) -> None:
    """CLINICAL.md 3: a red pain check means no step up; ending the session at it is no exception."""
    program = parse_program(
        'id = "two"\nname = "Two"\ndescription = "Two drills."\n\n[[drills]]\nid = "cat-camel"\nreps = 8\n\n'
        '[[drills]]\nid = "glute-bridge"\n',
        "two.toml",
        default_library(),
    )
    yesterday = {
        "id": "y" * 32, "program": {"id": "two", "name": "Two"}, "demo": False, "speed": 1.0,
        "started_at": (FIRST_MORNING + timedelta(days=1)).isoformat(), "status": "completed",
        "checkin_pain": 3, "leg_today": "none", "safety": {"answers": {}, "outcome": "clear"},
        "drills": [{"drill_id": "cat-camel", "status": "done", "difficulty": "too_easy", "gate_pain": 1,
                    "gate_band": "green", "leg_spread": False, "active_seconds": 60.0}],
    }  # fmt: skip
    h = make_harness(programs=[program], now=FIRST_MORNING + timedelta(days=2), history=[yesterday])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "n")
        await settle(pilot)
        await pilot.press("s", "3", "enter", "n")  # same since; check-in 3, the first pain check too: go
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None and isinstance(h.app.screen, IntroScreen)
        await run_time(h, pilot, ready_left(h) + runner.engine.drill.estimated_seconds + 1)
        await pilot.press("1")  # too easy: twice now, a step up would be earned next time
        await settle(pilot)
        await pilot.press("5")  # the bridge's pain check: 5, two above the check-in: red (its choices wait)
        await settle(pilot)
        await pilot.press("x")  # end the session here
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        await ready(pilot)
        next_time = text_of(h.app.screen, "#next-time")
        assert "more reps" not in next_time and "steps up" not in next_time
        assert "Glute bridge" in next_time  # the red reading steps it down
