"""What ``m`` does and what the key bar calls it, from what the player knows.

A player that exists is not sound: until the probe has found somewhere for
sound to go and a player that reaches it, ``m`` is not "Mute"; once sound is
known not to work it is "No sound", and pressing it says why instead of
pretending to switch anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcoach.sound import CuePlayer
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
