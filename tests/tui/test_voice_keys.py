"""The voice in the app: ``v`` on Home and in a session, and the runner's hooks."""

from __future__ import annotations

import wave

from conftest import Harness, ready_left, run_time, settle

from backcoach.coach.session import Stage
from backcoach.tui.home import HomeScreen
from backcoach.voice import Voice

SIZE = (80, 24)


def messages(h: Harness) -> list[str]:
    return [n.message for n in h.app._notifications]


def speak_at_once(h: Harness) -> Voice:
    """The app's voice, with its jobs done at once and its clips already read."""
    voice = Voice(h.player, espeak=lambda: None, run=lambda job: job())  # type: ignore[arg-type]
    voice.start()
    h.app.voice = voice
    return voice


async def to_get_ready(h: Harness, pilot) -> None:  # type: ignore[no-untyped-def]
    """Home, safety check, check-in: the check-in is the first pain check, so "Get ready" starts."""
    await settle(pilot)
    await pilot.press("enter", "n")
    await settle(pilot)
    await pilot.press("2", "enter", "n")
    await settle(pilot)
    runner = h.app.runner
    assert runner is not None
    assert runner.engine.stage is Stage.READY


async def test_v_on_home_turns_the_voice_off_and_on_and_remembers(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(h.app.screen, HomeScreen)
        assert h.app.voice.enabled is True
        await pilot.press("v")
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        assert h.app.voice.enabled is False and h.app.services.settings.voice is False
        assert h.saved_settings[-1]["voice"] is False
        assert messages(h)[-1] == "Voice off"
        await pilot.press("v")
        await settle(pilot)
        await h.app.workers.wait_for_complete()
        assert h.app.voice.enabled is True and h.saved_settings[-1]["voice"] is True
        assert messages(h)[-1] == "Voice on"


async def test_v_with_sound_muted_says_the_voice_needs_sound(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    h.player.muted = True
    h.app.voice.enabled = False
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert messages(h)[-1] == "Voice on (sound is muted: m)"


async def test_get_ready_speaks_the_drill_and_v_mid_drill_silences_it(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    speak_at_once(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await to_get_ready(h, pilot)
        # The first drill's pain check was the check-in (nothing asked, nothing said): the drill and its dose.
        assert len(h.player.files) == 1
        with wave.open(str(h.player.files[-1]), "rb") as w:
            assert w.getnframes() / w.getframerate() > 1.0  # "Cat-camel, two reps"
        await run_time(h, pilot, ready_left(h) + 0.5, step=0.25)  # the countdown ends: three, two, one
        assert h.app.runner is not None and h.app.runner.engine.stage is Stage.WORK
        said = len(h.player.files)
        assert said == 4
        await pilot.press("v")  # on the drill screen
        await settle(pilot)
        assert h.app.voice.enabled is False
        await run_time(h, pilot, 4.0, step=0.25)  # a breath phase or two: tones, no words
        assert len(h.player.files) == said
        assert "exhale" in h.player.played and "inhale" in h.player.played
