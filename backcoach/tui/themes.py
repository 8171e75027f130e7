"""The app's three looks: the usual dark theme, high contrast, and the
clinic's projector display."""

from __future__ import annotations

from textual.theme import Theme

THEMES = (
    Theme(
        name="backcoach",
        primary="#4fb3bf",
        secondary="#81c784",
        accent="#ffb74d",
        warning="#ffb300",
        error="#e57373",
        success="#66bb6a",
        foreground="#e8eef0",
        background="#12181b",
        surface="#1b2428",
        panel="#243037",
        dark=True,
    ),
    Theme(
        name="backcoach-high-contrast",
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffffff",
        warning="#ffff00",
        error="#ff5555",
        success="#00ff00",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1a1a1a",
        dark=True,
    ),
    # Clinic demos on a projector: dark text on white survives a washed-out
    # beam far better than the usual dark theme.
    Theme(
        name="backcoach-projector",
        primary="#0b3d91",
        secondary="#00603a",
        accent="#9c1c5b",
        warning="#8a4b00",
        error="#b00020",
        success="#00603a",
        foreground="#000000",
        background="#ffffff",
        surface="#f0f0f0",
        panel="#dcdcdc",
        dark=False,
    ),
)
PROJECTOR_THEME = "backcoach-projector"
