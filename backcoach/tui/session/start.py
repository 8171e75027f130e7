"""Starting a session: the questions that come before the first screen.

In order: the one-time health background; a background that means seeing
a doctor first; a safety stop earlier today (blocks the day); a pain stop
earlier today (a rest day: asks first, "no" by default). Only then is an
engine built and handed to a :class:`SessionRunner`.

Everything heavy (the engine, the safety rules, the runner, the screens)
is imported here on first use: Home's first frame does not need it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

from backcoach.coach.words import plural
from backcoach.content.library import Library
from backcoach.content.model import Drill, Program

if TYPE_CHECKING:
    from backcoach.coach.education import CardDeal
    from backcoach.coach.followup import FollowupDue
    from backcoach.tui.app import BackcoachApp


def easier_finder(library: Library) -> Callable[[Drill], Drill | None]:
    """What the engine calls for a drill's easier version (``e``), from ``library``."""

    def easier_of(drill: Drill) -> Drill | None:
        return library.get(drill.easier) if drill.easier else None

    return easier_of


def start_commands(app: BackcoachApp) -> Iterator[SystemCommand]:
    """The palette's "Start: <program>" entries; none from inside the clinic,
    where nothing may start a real session."""
    from backcoach.tui.clinic.browser import in_clinic

    if in_clinic(app):
        return
    for program in app.services.programs:
        yield SystemCommand(
            f"Start: {program.name}",
            f"{plural(len(program.items), 'drill')}, about {program.estimated_minutes} min",
            partial(start_session, app, program),
        )
    yield from ready_commands(app)


def ready_commands(app: BackcoachApp) -> Iterator[SystemCommand]:
    """"Get ready: N s" entries: how long the countdown before each drill runs.

    Set between sessions (the palette offers it from the home screen): a
    session keeps the time it started with, so a countdown never changes under
    the person.
    """
    from backcoach.coach.session_gate import clamp_ready_setting, first_ready_seconds

    now = clamp_ready_setting(app.services.settings.ready_seconds)
    for seconds in READY_CHOICES:
        mark = " (now)" if seconds == now else ""
        yield SystemCommand(
            f"Get ready: {seconds} s{mark}",
            f"The countdown before each drill; the first drill of a session gets {first_ready_seconds(seconds):g} s",
            partial(set_ready_seconds, app, seconds),
        )


#: The get-ready times the palette offers (the setting allows 5-60).
READY_CHOICES = (5, 10, 15, 20, 30, 45, 60)


def set_ready_seconds(app: BackcoachApp, seconds: int) -> None:
    from backcoach.coach.session_gate import first_ready_seconds

    app.services.settings.ready_seconds = seconds
    app.save_settings()
    first = first_ready_seconds(seconds)
    app.notify(f"Get ready is now {seconds} s before each drill (the first drill: {first:g} s).", timeout=4)


def start_session(app: BackcoachApp, program: Program, *, rest_day_confirmed: bool = False) -> None:
    """Begin a session of ``program``, or explain why today is not a day for one.

    Not before the history is read: today's safety state and today's plan
    both come from it, and an empty one would drop every earned dose.
    """
    if not app.history.loaded:
        app.notify("One moment: your history is still loading.", timeout=3)
        return
    from backcoach.coach.background import background_needs_doctor, read_background
    from backcoach.coach.safety import SafetyToday, active_waivers, today_state

    background = read_background(app.services.settings.health_background)
    if background is None:
        ask_background(app, then=lambda: start_session(app, program))
        return
    if background_needs_doctor(background):
        from backcoach.tui.session.safety import BackgroundStopScreen

        app.push_screen(BackgroundStopScreen())
        return
    sessions = app.history.sessions or []  # read (checked above); `or` only for the type
    today = app.services.today()
    state = today_state(sessions, today)
    if state.safety is SafetyToday.BLOCKED:
        from backcoach.coach.safety import Level
        from backcoach.tui.session.safety import SafetyBlockedScreen

        app.push_screen(SafetyBlockedScreen(state.blocked_level or Level.EMERGENCY))
        return
    if state.pain_stop and not rest_day_confirmed:
        _ask_on_rest_day(app, program)
        return
    _begin_session(
        app,
        program,
        needs_safety_check=state.safety is SafetyToday.NEEDED,
        background=background,
        waivers=active_waivers(sessions, today),
        followup=_followup_due(app, sessions),
    )


def _ask_on_rest_day(app: BackcoachApp, program: Program) -> None:
    from backcoach.tui.session.confirm_end import AskScreen

    def answered(start: bool | None) -> None:
        if start:
            start_session(app, program, rest_day_confirmed=True)

    app.push_screen(
        AskScreen(
            "Today is a rest day",
            "A session earlier today stopped for pain. Resting or a gentle walk is "
            "usually best for the rest of the day. Start another session anyway?",
            yes="start anyway",
            no="rest today",
        ),
        answered,
    )


def _followup_due(app: BackcoachApp, sessions: list[dict[str, Any]]) -> FollowupDue | None:
    """The 24-hour question, for a real session (a sped-up demo never feeds the coach)."""
    from datetime import datetime

    from backcoach.coach.followup import followup_due

    if app.speed != 1.0:
        return None
    try:
        now = datetime.fromisoformat(app.services.wall_time())
    except ValueError:
        return None
    return followup_due(sessions, now)


def _begin_session(
    app: BackcoachApp,
    program: Program,
    *,
    needs_safety_check: bool,
    background: Any,
    waivers: Any,
    followup: FollowupDue | None,
) -> None:
    from backcoach.coach.adapt import Planner
    from backcoach.coach.session import SessionEngine
    from backcoach.coach.session_gate import clamp_ready_setting, first_ready_seconds
    from backcoach.coach.symptom_quiz import stored_profile
    from backcoach.content.program_hash import program_hash
    from backcoach.tui.session.runner import SessionRunner

    # The history as it stands before this session: today's plan is the one `backcoach plan` prints.
    provisional = stored_profile(app.services.settings.profile)  # the person's quiz, if no physio profile
    planner = Planner(program, tuple(app.history.sessions or ()), app.services.library, provisional)
    ready = float(clamp_ready_setting(app.services.settings.ready_seconds))
    engine = SessionEngine(
        program,
        app.services.make_clock(app.speed),
        easier_of=easier_finder(app.services.library),
        needs_safety_check=needs_safety_check,
        background=background,
        waivers=waivers,
        followup_due=followup,
        planner=planner,
        demo=app.speed != 1.0,
        wall_time=app.services.wall_time,
        ready_seconds=ready,
        first_ready_seconds=first_ready_seconds(ready),
        program_hash=program_hash(program),
    )
    app.runner = SessionRunner(app, engine, app.writer, cards=card_deal(app))
    app.runner.start()


def ask_background(app: BackcoachApp, then: Callable[[], None] | None = None) -> None:
    """The health background screen; answers are saved to the settings."""
    from backcoach.coach.background import read_background
    from backcoach.tui.session.background import BackgroundScreen

    current = read_background(app.services.settings.health_background)

    def answered(answers: dict[str, bool] | None) -> None:
        if answers is None:
            return
        app.services.settings.health_background = answers
        app.save_settings()
        if then is not None:
            then()

    app.push_screen(BackgroundScreen(current), answered)


def card_deal(app: BackcoachApp) -> CardDeal | None:
    """The session's education cards, after the one this person saw last.

    The last card dealt is remembered in the settings, so the next session
    does not open with it. Broken card files (a bug in our data) cost the
    cards, never the session: the person is told as the session starts.
    """
    from backcoach.coach.education import CardDeal
    from backcoach.content.errors import ContentError

    try:
        cards = app.services.load_cards()
    except ContentError as error:
        app.notify(f"No education cards this session: {error.problems[0]}", severity="warning", timeout=8)
        return None

    def dealt(card_id: str) -> None:
        app.services.settings.last_card = card_id
        app.save_settings()

    return CardDeal(cards, app.services.settings.last_card or None, on_dealt=dealt)
