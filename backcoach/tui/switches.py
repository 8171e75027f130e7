"""The app's switches: sound (``m``), the voice (``v``), high contrast; their
key bar words and their command palette entries, kept out of the composition root.

A player that exists is not sound: until the probe has found somewhere for
sound to go and a player that reaches it, ``m`` is not "Mute"; once sound is
known not to work it is "No sound", and pressing it says why instead of
pretending to switch anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from backcoach.sound import CuePlayer, SoundStatus
    from backcoach.tui.app import BackcoachApp


def mute_label(player: CuePlayer) -> str:
    """The key bar's word for ``m``: what pressing it would do now."""
    working = player.working
    if working is False:
        return "No sound"
    if player.muted:
        return "Unmute"
    return "Mute" if working else "Sound"


def toggle_mute(app: BackcoachApp) -> None:
    """``m``: switch sound and remember it, or, with no working player, say why."""
    player = app.player
    if player.working is False:
        app.notify(player.problem or "Sound is off.", severity="warning", timeout=5)
        return
    player.muted = not player.muted
    app.services.settings.muted = player.muted
    app.save_settings()
    if not player.muted:
        player.start()  # muted from the start, it has not probed yet
    app.screen.refresh_bindings()
    if player.muted:
        app.notify("Sound off", timeout=2)
    elif player.working:
        app.notify("Sound on", timeout=2)


def key_label(app: BackcoachApp, action: str, description: str) -> str:
    """The key bar's label for a key: ``m``'s says what pressing it does now, and a
    clinic demo's way out says it ends the demo (there is no session to end)."""
    if action == "toggle_mute":
        return mute_label(app.player)
    if description == "End session" and app.runner is not None and app.runner.is_demo:
        return "End demo"
    return description


def toggle_voice(app: BackcoachApp) -> None:
    """``v``: spoken prompts on or off (the tones and the screen stay)."""
    app.voice.enabled = app.services.settings.voice = not app.voice.enabled
    app.save_settings()
    muted = " (sound is muted: m)" if app.player.muted else ""
    app.notify(f"Voice on{muted}" if app.voice.enabled else "Voice off", timeout=2)


def toggle_contrast(app: BackcoachApp) -> None:
    app.services.settings.high_contrast = app.theme != "backcoach-high-contrast"
    app.theme = app.user_theme()
    app.save_settings()


def switch_commands(app: BackcoachApp) -> Iterator[SystemCommand]:
    """The palette's entries for the switches."""
    yield SystemCommand("Mute or unmute sound", "Toggle sound cues (m)", app.action_toggle_mute)
    yield SystemCommand("Voice on or off", "Toggle the spoken prompts (v)", app.action_toggle_voice)
    yield SystemCommand(
        "High contrast", "Switch between the normal and the high-contrast theme", app.action_toggle_contrast
    )


def start_after_first_frames(app: BackcoachApp) -> None:
    """Sound, the voice and the figures' poses get ready off the UI thread, after the first frames."""
    from backcoach.content.poses import preload_poses

    if not app.player.muted:
        app.set_timer(1.0, app.player.start)  # probes for a player
    app.set_timer(1.0, app.voice.start)  # reads the clips' lengths on the voice's worker
    app.set_timer(0.5, preload_poses)


def sound_problem(app: BackcoachApp, sentence: str) -> None:
    """From the sound thread: one notice, and ``m``'s label follows."""
    try:
        app.call_from_thread(app.notify, sentence, severity="warning", timeout=5)
    except RuntimeError:
        return
    sound_status(app, None)


def sound_status(app: BackcoachApp, status: SoundStatus | None) -> None:
    """From the sound thread: ``m``'s label follows what the player found."""
    try:
        app.call_from_thread(lambda: app.screen.refresh_bindings())
    except RuntimeError:
        pass
