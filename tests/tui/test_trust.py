"""Issue 9's clinical safety items through the real screens, with Pilot.

Each test names the CLINICAL.md rule (or issue item) it checks. Keys are the
ones a person types, mistakes included (``10``, ``n`` after marking).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from conftest import TODAY, end_here, ready_left, run_time, settle, text_of
from factories import past_session

from backcoach.coach.background import empty_background
from backcoach.tui.home import HomeScreen
from backcoach.tui.session.background import BackgroundScreen
from backcoach.tui.session.checkin import CheckinScreen
from backcoach.tui.session.confirm_end import AskScreen
from backcoach.tui.session.gate import GateScreen
from backcoach.tui.session.intro import IntroScreen
from backcoach.tui.session.safety import BackgroundStopScreen, SafetyScreen, SafetyStopScreen
from backcoach.tui.session.safety_date import CheckedDateScreen
from backcoach.tui.session.summary import SummaryScreen

SIZE = (80, 24)


#: CLINICAL.md 2's bands, written out (not computed by the code under test):
#: 0-3 green, 4-5 amber, 6-7 red, 8-10 stop.
EXPECTED_BAND = ["green"] * 4 + ["amber"] * 2 + ["red"] * 2 + ["stop"] * 3


def by_digits(score: int) -> tuple[str, ...]:
    return ("1", "0") if score == 10 else (str(score),)


def by_arrows(score: int) -> tuple[str, ...]:
    # From no score, left gives 0 and each right adds one.
    return ("left",) + ("right",) * score


async def home_to_checkin(pilot: Any) -> None:
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.press("enter")  # the short program
    await settle(pilot)
    await pilot.press("n")  # safety: none apply
    await settle(pilot)
    assert isinstance(pilot.app.screen, CheckinScreen)


async def checkin(pilot: Any, keys: tuple[str, ...], score: int, leg: str = "n") -> None:
    await pilot.press(*keys, "enter")
    if score >= 8:
        await pilot.press("c")  # carry on anyway: takes its own key
    await pilot.press(leg)
    await settle(pilot)
    # The check-in score is the first drill's pain check: green or amber is at
    # Get ready already, any other band shows its choices.
    expected = IntroScreen if EXPECTED_BAND[score] in ("green", "amber") else GateScreen
    assert isinstance(pilot.app.screen, expected)


@pytest.mark.parametrize("method", ["digits at the check-in, arrows at the gate", "arrows at the check-in, digits at the gate"])
async def test_every_score_is_stored_as_entered(make_harness, method: str) -> None:
    """Issue 9 item 1: 10 is 10 (not 0), by digits and by arrows, at both screens.

    One app, eleven sessions (one per score): each stores its check-in (as
    the first drill's gate, too), skips that drill, and ends at the second
    gate, entered by the other method.
    """
    first, second = (by_digits, by_arrows) if method.startswith("digits") else (by_arrows, by_digits)
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        for score in range(11):
            if score:
                await pilot.press("enter")  # from Home: today's check is done
                await settle(pilot)
                if isinstance(h.app.screen, AskScreen):
                    await pilot.press("y")  # a rest day after a stop: start anyway
                    await settle(pilot)
            assert isinstance(h.app.screen, CheckinScreen), score
            await checkin(pilot, first(score), score)
            await pilot.press("s")  # skip: allowed at Get ready and in every band of a gate
            await settle(pilot)
            assert isinstance(h.app.screen, GateScreen), score
            keys = second(score)
            await pilot.press(*keys, *(("enter",) if second is by_arrows else ()))
            await run_time(h, pilot, 2)  # a lone 1 waits for a 0 first
            runner = h.app.runner
            assert runner is not None and runner.engine.gate_result is not None
            assert runner.engine.gate_result.score == score, (method, score)
            await end_here(pilot)
            await pilot.press("enter")  # summary -> Home
            await settle(pilot)
        sessions = h.sessions()
    assert [s["checkin_pain"] for s in sessions] == list(range(11)), method
    for score, session in enumerate(sessions):
        (drill,) = session["drills"]
        assert (drill["gate_pain"], drill["gate_band"]) == (score, EXPECTED_BAND[score]), (method, score)
        last = session["last_gate"]
        assert (last["gate_pain"], last["gate_band"]) == (score, EXPECTED_BAND[score]), (method, score)


async def test_a_score_can_be_changed_until_the_choice(make_harness) -> None:
    """Issue 9 item 1: the band follows a changed score; only the final one is stored."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await pilot.press("9", "enter")  # high: rest advice
        assert "rest today" in text_of(h.app.screen, "#advice")
        await pilot.press("2")  # a slip: changed before answering
        await settle(pilot)
        assert not h.app.screen.query_one("#advice").display
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("s")  # the first drill took the check-in's 2: skip to the next check
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        assert "Stop" in text_of(h.app.screen, "#band")
        await pilot.press("1", "0")
        assert text_of(h.app.screen, "#band").startswith("10/10")
        await pilot.press("3")
        assert text_of(h.app.screen, "#band").startswith("3/10  Green")
        await pilot.press("enter")  # go, at 3
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None and runner.engine.red_gates == 0
        await run_time(h, pilot, ready_left(h) + 5 + 5 + 5 + 0.5)
        await pilot.press("2")  # rate
        await settle(pilot)
        current = h.current()
        assert current is not None and current["checkin_pain"] == 2
        assert current["drills"][0]["gate_pain"] == 2 and current["drills"][0]["status"] == "skipped"
        assert current["drills"][1]["gate_pain"] == 3 and current["drills"][1]["gate_band"] == "green"


async def test_marked_signs_are_never_thrown_away_by_n(make_harness) -> None:
    """CLINICAL.md 1b marking: once marked, "none apply" is gone until cleared."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y", "a", "n")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyScreen)
        keys = [b.binding.key for b in h.app.screen.active_bindings.values() if b.enabled]
        assert "n" not in keys
        assert h.current() is None and h.sessions() == []
        await pilot.press("a")  # clear the mark: now "none apply" is there again
        assert "n" in [b.binding.key for b in h.app.screen.active_bindings.values() if b.enabled]
        await pilot.press("a", "enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyStopScreen)
        (session,) = h.sessions()
        assert session["safety"]["answers"]["saddle_numbness"] is True
        assert session["safety"]["outcome"] == "emergency"


@pytest.mark.parametrize(
    ("rule", "keys", "destination", "outcome"),
    [
        ("1b emergency: both legs", ("d",), "emergency department", "emergency"),
        ("1b doctor today: fever", ("g",), "Contact a doctor today", "doctor_today"),
        ("1b doctor soon: weight loss", ("h",), "Book an appointment soon", "doctor_soon"),
        ("1b the most urgent answer decides", ("h", "g", "d"), "emergency department", "emergency"),
    ],
)
async def test_the_stop_screen_names_the_destination(make_harness, rule: str, keys: tuple[str, ...], destination: str, outcome: str) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", *keys, "enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyStopScreen), rule
        assert destination in text_of(h.app.screen, "#advice"), rule
        (session,) = h.sessions()
        assert session["status"] == "stopped_safety" and session["safety"]["outcome"] == outcome


async def test_health_background_is_asked_once_before_the_first_session(make_harness) -> None:
    """CLINICAL.md 1a: asked at first use, kept in the settings, then the daily check."""
    h = make_harness(background=None)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, BackgroundScreen)
        assert text_of(h.app.screen, ".heading") == "Health background"
        await pilot.press("n", "y", "n", "n", "y", "enter")  # steroids/osteoporosis and over 70, saved
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        saved = h.saved_settings[-1]["health_background"]
        assert saved["steroids_osteoporosis"] is True and saved["over_70"] is True
        assert isinstance(h.app.screen, SafetyScreen)
        # The stricter trauma question is asked because of the background.
        assert "minor fall or strain" in h.app.screen.questions_text()
        await pilot.press("n")
        await settle(pilot)
        assert h.current()["safety"]["background"] == saved


async def test_cancer_history_without_review_means_a_doctor_first(make_harness) -> None:
    """CLINICAL.md 1a: a yes to the first item, no clinician review: see a doctor first."""
    h = make_harness(background={**empty_background(), "cancer_history": True})
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, BackgroundStopScreen)
        assert "see a doctor before you start" in text_of(h.app.screen, ".advice")
        assert h.app.runner is None and h.sessions() == []


async def test_background_can_be_changed_from_home(make_harness) -> None:
    h = make_harness(background={**empty_background(), "cancer_history": True})
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(h.app.screen, BackgroundScreen)
        await pilot.press("y", "y", "n", "n", "n", "n", "enter")  # cancer, reviewed since; saved
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        assert isinstance(h.app.screen, HomeScreen)
        assert h.saved_settings[-1]["health_background"]["cancer_reviewed"] is True
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyScreen)


async def test_already_checked_is_recorded_with_its_date(make_harness) -> None:
    """CLINICAL.md 1b already checked: doctor-soon only, with a date, 28 days."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "i", "i", "enter")  # night pain, already checked
        await settle(pilot)
        assert isinstance(h.app.screen, CheckedDateScreen)
        h.app.screen.query_one("Input").value = "2026-03-20"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, CheckinScreen)  # not blocked
        safety = h.current()["safety"]
        assert safety["waived"] == {"night_pain": "2026-03-20"} and safety["outcome"] == "clear"


@pytest.mark.parametrize(("rule", "days", "premarked"), [
    ("1b already checked: still standing on day 27", 27, True),
    ("1b already checked: asked again after 28 days", 28, False),
])
async def test_a_waiver_stands_for_28_days(make_harness, rule: str, days: int, premarked: bool) -> None:
    safety = {
        "answers": {"night_pain": True, "weight_loss": False},
        "waived": {"night_pain": "2026-02-20"},
        "levels": {},
        "outcome": "clear",
    }
    h = make_harness(history=[dict(past_session(TODAY - timedelta(days=days)), safety=safety)])
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        await pilot.press("enter")
        await settle(pilot)
        shown = h.app.screen.questions_text()
        assert ("[c] Constant pain at night" in shown) is premarked, rule
        if premarked:
            assert "already checked on 2026-02-20" in shown
            await pilot.press("enter")  # confirms the standing answer
            await settle(pilot)
            assert isinstance(h.app.screen, CheckinScreen)


async def test_emergency_items_cannot_be_marked_already_checked(make_harness) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "a", "a")  # yes, then pressed again: cleared, not waived
        assert "[c]" not in h.app.screen.questions_text()
        assert "[x]" not in h.app.screen.questions_text()


async def test_while_marking_each_sign_keeps_its_letter(make_harness) -> None:
    """The prompt says "press a sign's letter": the letters stay on screen while marking."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "c")
        lines = h.app.screen.questions_text().splitlines()
        assert lines[0].startswith(" a [ ] New numbness")
        assert lines[2].startswith(">c [x] New loss of feeling")  # marked, and the cursor is on it
        assert all(line[1] == letter for line, letter in zip(lines, "abcdefghijkl", strict=False))


async def test_leg_reach_and_spreads_are_recorded_and_two_end_the_session(make_harness) -> None:
    """CLINICAL.md 2 leg symptoms: one key at the check-in; l is the stop band; two end it."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await checkin(pilot, ("2",), 2, leg="b")
        await pilot.press("s")  # the first drill took the check-in's 2
        await settle(pilot)
        await pilot.press("l", "1", "enter")  # l first: the score then keeps its choices
        await settle(pilot)
        assert "counts as a stop" in text_of(h.app.screen, "#band")
        await pilot.press("s")  # skip it and carry on
        await settle(pilot)
        await pilot.press("l", "1", "enter")
        await settle(pilot)
        assert "spread down your leg twice" in text_of(h.app.screen, "#band")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        (session,) = h.sessions()
        assert session["leg_today"] == "below_knee"
        assert session["status"] == "stopped_pain"
        assert [(d["gate_band"], d["leg_spread"]) for d in session["drills"]] == [("green", False), ("stop", True)]
        assert session["last_gate"]["leg_spread"] is True


async def test_high_checkin_enter_rests_and_home_says_rest_day(make_harness) -> None:
    """CLINICAL.md 2 safe defaults: at 8+ enter ends; Home shows a rest day; starting again asks."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await pilot.press("8", "enter", "enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        await h.app.workers.wait_for_complete()
        await settle(pilot)
        assert "rest day" in text_of(h.app.screen, "#ending")
        (session,) = h.sessions()
        assert session["status"] == "stopped_pain" and session["checkin_pain"] == 8
        await pilot.press("enter")
        await settle(pilot)
        assert "rest day (stopped for pain)" in text_of(h.app.screen, "#status")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, AskScreen)
        await pilot.press("enter")  # the safe answer: rest
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen) and h.app.runner is None
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(h.app.screen, CheckinScreen)  # asked again? no: checked clear today


async def test_a_session_of_only_skips_is_not_done_today(make_harness) -> None:
    """Issue 9 item 5: no drill done, partly done or done easier: not done, no streak."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await checkin(pilot, ("2",), 2)
        await pilot.press("s")  # at the first Get ready
        await settle(pilot)
        for _ in range(2):
            await pilot.press("2")  # green: Get ready by itself
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        await h.app.workers.wait_for_complete()
        await settle(pilot)
        assert "No drill was done this time, so today is not counted" in text_of(h.app.screen, "#ending")
        await pilot.press("enter")
        await settle(pilot)
        assert "not done yet" in text_of(h.app.screen, "#status")
        assert "Streak: 0 days" in text_of(h.app.screen, "#status")


async def test_easier_version_records_the_programs_dose_and_its_own(make_harness) -> None:
    """Issue 9 item 6: planned is the program's dose; n on the easier one is partial-easier."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await checkin(pilot, ("4",), 4)  # amber: Get ready by itself, e = the easier version
        await pilot.press("e")
        await settle(pilot)
        await run_time(h, pilot, ready_left(h) + 1)
        await pilot.press("n")  # done early
        await settle(pilot)
        await pilot.press("2")  # rated
        await settle(pilot)
        await pilot.press("2")  # the plank's pain check: Get ready by itself
        await settle(pilot)
        await end_here(pilot)  # ended before the plank began
        (session,) = h.sessions()
        (drill,) = session["drills"]  # the plank was never begun: not a skip
        assert drill["status"] == "partial_easier"
        assert drill["planned"]["reps"] == 2 and drill["planned"]["tempo"] == [2.0, 2.0]
        assert drill["replaced_by"] == "segmental-rolls"
        assert drill["replacement_dose"]["kind"] == "reps"
        assert drill["replacement_dose"]["reps"] == 2  # the program's reps, the easier movement's own tempo
        assert session["status"] == "ended_early"
        assert session["last_gate"]["drill_id"] == "front-plank"


async def test_enter_never_answers_the_end_session_question(make_harness) -> None:  # type: ignore[no-untyped-def]
    """Neither answer is safer there, so a stray enter decides nothing; on a rest
    day enter is the safe "no"."""
    from backcoach.tui.session.confirm_end import ConfirmEndScreen

    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(h.app.screen, ConfirmEndScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, ConfirmEndScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(h.app.screen, CheckinScreen)


async def test_a_double_n_on_the_last_background_question_never_answers_the_daily_check(make_harness) -> None:  # type: ignore[no-untyped-def]
    """The answers are shown once more before saving, so a repeated key stops there."""
    h = make_harness(background=None)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "n", "n", "n", "n", "n")  # the last n twice
        await settle(pilot)
        assert isinstance(h.app.screen, BackgroundScreen)
        assert "Your answers" in text_of(h.app.screen, "#question")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyScreen)
        assert h.current() is None  # nothing answered for the person


async def test_escape_never_throws_a_mark_away(make_harness) -> None:  # type: ignore[no-untyped-def]
    """CLINICAL.md 1b marking: the marks stand until they are cleared one by one."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "d", "escape")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyScreen)
        assert "marked a warning sign" in text_of(h.app.screen, "#prompt")
        await pilot.press("d", "escape")  # cleared: now leaving is allowed
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)


async def test_signs_past_the_ninth_have_their_own_key(make_harness) -> None:  # type: ignore[no-untyped-def]
    """Typing what the list shows marks that sign: j is the tenth, never the first."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "j", "enter")
        await settle(pilot)
        assert isinstance(h.app.screen, SafetyStopScreen)
        (session,) = h.sessions()
        assert [k for k, v in session["safety"]["answers"].items() if v] == ["upper_back"]
        assert session["safety"]["outcome"] == "doctor_soon"


async def test_confirming_a_standing_waiver_does_not_renew_it(make_harness) -> None:  # type: ignore[no-untyped-def]
    """CLINICAL.md 1b: asked again 28 days after it was first given, however often confirmed."""
    from backcoach.coach.safety import active_waivers

    first = TODAY - timedelta(days=20)
    safety = {"answers": {"night_pain": True}, "waived": {"night_pain": "2026-03-01"}, "outcome": "clear"}
    h = make_harness(history=[dict(past_session(first), safety=safety)])
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        await pilot.press("enter", "enter")  # the standing answer, confirmed again today
        await settle(pilot)
        assert isinstance(h.app.screen, CheckinScreen)
        today = h.current()
        assert today is not None and today["safety"]["waived_since"] == {"night_pain": first.isoformat()}
        history = [dict(past_session(first), safety=safety), today]
        assert "night_pain" in active_waivers(history, first + timedelta(days=27))
        assert "night_pain" not in active_waivers(history, first + timedelta(days=28))


async def test_keys_faster_than_the_score_message_never_act_on_an_old_score(make_harness) -> None:  # type: ignore[no-untyped-def]
    """A paste or a slow link: the choice key arrives before the scale's change
    message. The screen shows the new band instead of acting on the old one."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await pilot.press("3", "enter")  # the leg question is showing for 3
        screen = h.app.screen
        scale = screen.query_one("#scale")
        scale.action_pick(9)  # type: ignore[attr-defined]
        screen.action_leg("none")  # type: ignore[attr-defined]  # same turn: the message is not in yet
        await settle(pilot)
        assert isinstance(h.app.screen, CheckinScreen)  # not checked in at 3
        assert "rest today" in text_of(h.app.screen, "#advice")
        await pilot.press("c", "n")
        await settle(pilot)
        assert isinstance(h.app.screen, GateScreen)
        assert h.current()["checkin_pain"] == 9  # type: ignore[index]
        await pilot.press("2")  # the check-in's 9 is this gate's: its band stands, the score may change
        await settle(pilot)
        gate = h.app.screen
        gate.query_one("#scale").action_pick(9)  # type: ignore[attr-defined]
        gate.action_choose("end")  # type: ignore[attr-defined]  # before the change arrives
        await settle(pilot)
        assert isinstance(h.app.screen, GateScreen)
        assert text_of(h.app.screen, "#band").startswith("9/10  Stop")
        await pilot.press("enter")  # the stop band's safe default: end
        await settle(pilot)
        (session,) = h.sessions()
        assert session["status"] == "stopped_pain" and session["last_gate"]["gate_pain"] == 9


@pytest.mark.parametrize(("rule", "keys"), [
    ("2 safe defaults: q at a stop-band gate is a pain stop", ("1", "enter", "n", "s", "9", "escape", "y")),
    ("2 safe defaults: q after a check-in of 8+ is a pain stop", ("9", "enter", "escape", "y")),
])
async def test_ending_where_pain_says_rest_is_a_pain_stop(make_harness, rule: str, keys: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen), rule
        (session,) = h.sessions()
        assert session["status"] == "stopped_pain", rule
        assert session["checkin_pain"] in (1, 9)


async def test_no_harder_suggestion_after_a_red_gate(make_harness) -> None:  # type: ignore[no-untyped-def]
    """CLINICAL.md 3: a red gate means a step down, so an easy rating then suggests nothing harder."""
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await home_to_checkin(pilot)
        await checkin(pilot, ("6",), 6)  # red, as the first drill's pain check
        await pilot.press("enter")  # red: enter takes the easier version
        await settle(pilot)
        await run_time(h, pilot, ready_left(h) + 40)
        await pilot.press("1")  # too easy
        await settle(pilot)
        await end_here(pilot)
        await h.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(h.app.screen, SummaryScreen)
        assert h.sessions()[0]["drills"][0]["difficulty"] == "too_easy"
        advice = text_of(h.app.screen, "#next-time")
        assert "your pain check before it was high last time" in advice
        assert "steps up" not in advice and "you could try" not in advice
