"""``m`` and the key bar follow what the sound probe found: "Mute" only with a
working player, "No sound" (and a sentence saying why) without one."""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

from conftest import Harness, settle

from backcoach.sound import CuePlayer, SoundStatus
from backcoach.tui.switches import mute_label, sound_problem, sound_status
from backcoach.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)
WAIT = 5.0
NO_SERVER = SoundStatus(False, None, "no sound server answers and there is no ALSA playback device")
PAPLAY = SoundStatus(True, "paplay", "playing cues with paplay", ("paplay",), 0.01)


def bar(h: Harness) -> str:
    return h.app.screen.query_one(KeyBar).render().plain


def toasts(h: Harness) -> list[str]:
    return [str(n.message) for n in h.app._notifications]


def real_player(h: Harness, status: SoundStatus, muted: bool = False) -> tuple[CuePlayer, threading.Event]:
    """The app's own CuePlayer over a fake probe; the event is set once the app has been told."""
    told = threading.Event()

    def on_status(found: SoundStatus) -> None:
        sound_status(h.app, found)
        told.set()

    player = CuePlayer(
        muted=muted, prober=lambda: status, play=lambda path: None, on_problem=partial(sound_problem, h.app), on_status=on_status
    )
    h.app.player = player
    return player, told


async def until(pilot: Any, event: threading.Event) -> None:
    """Let the app run (the sound thread's calls wait for it) until ``event`` is set; bounded."""
    for _ in range(int(WAIT * 100)):
        if event.is_set():
            break
        await pilot.pause(0.01)
    assert event.is_set()


async def probed(h: Harness, pilot: Any, player: CuePlayer, told: threading.Event) -> None:
    player.start()
    await until(pilot, told)
    for _ in range(int(WAIT * 100)):  # an unavailable probe ends the worker after its one sentence
        if player._thread is not None and not player._thread.is_alive():
            break
        await pilot.pause(0.01)
    await settle(pilot)


async def test_no_working_player_the_bar_says_no_sound_and_m_says_why(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    player, told = real_player(h, NO_SERVER)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert " m Sound " in bar(h) and "Mute" not in bar(h)  # not known yet: no promise
        await probed(h, pilot, player, told)
        assert " m No sound " in bar(h) and "Mute" not in bar(h)
        sentence = player.problem
        assert sentence is not None and sentence.startswith("Sound is off: no sound server")
        assert toasts(h).count(sentence) == 1
        await pilot.press("m")
        await settle(pilot)
        assert player.muted is False and h.saved_settings == []  # nothing was switched
        assert "Sound on" not in toasts(h) and "Sound off" not in toasts(h)
        assert toasts(h).count(sentence) == 2  # the same one sentence, again, on asking


async def test_a_working_player_mutes_and_unmutes(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    player, told = real_player(h, PAPLAY)
    async with h.app.run_test(size=SIZE) as pilot:
        await probed_working(h, pilot, player, told)
        assert " m Mute " in bar(h)
        await pilot.press("m")
        await settle(pilot)
        assert player.muted and " m Unmute " in bar(h) and "Sound off" in toasts(h)
        await pilot.press("m")
        await settle(pilot)
        assert not player.muted and " m Mute " in bar(h) and "Sound on" in toasts(h)
        player.close()


async def probed_working(h: Harness, pilot: Any, player: CuePlayer, told: threading.Event) -> None:
    await settle(pilot)
    player.start()
    await until(pilot, told)
    await settle(pilot)


def test_mute_label_is_a_promise_only_when_sound_works() -> None:
    player = CuePlayer(prober=lambda: NO_SERVER)
    assert mute_label(player) == "Sound"
    player.muted = True
    assert mute_label(player) == "Unmute"
    player.problem = "Sound is off: x."
    assert mute_label(player) == "No sound"
