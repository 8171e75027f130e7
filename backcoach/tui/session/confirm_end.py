"""Yes/no questions of a session: ending it, and starting one on a rest day.

Both ask through the one generic :class:`~backcoach.tui.dialogs.ask.AskScreen`.
"""

from __future__ import annotations

from backcoach.tui.dialogs.ask import AskScreen

__all__ = ["AskScreen", "ConfirmEndScreen"]


class ConfirmEndScreen(AskScreen):
    """The end-session question: ``y`` ends, ``n`` or ``escape`` carries on.

    ``enter`` does nothing here: neither answer is safer than the other, so
    one stray key must not decide it.
    """

    def __init__(self, question: str = "End the session now?") -> None:
        super().__init__(
            question, "What you have done so far is saved.", "end the session", "carry on", enter_says_no=False
        )
