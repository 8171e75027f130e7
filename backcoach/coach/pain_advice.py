"""What each pain band means, in words: one table for the pain check and the handout.

The pain check says it before each drill; the printed handout prints it in
its band table. Both read :data:`BAND_ADVICE`, so the sheet a patient takes
home never tells them something the app would not. A high band means the
back is more sensitive today, never that it is being damaged (CLINICAL.md
section 2, wording).
"""

from __future__ import annotations

from backcoach.coach.pain import Band, GateResult, offers_easier

#: Per band: (the advice when the easier version is offered, when it is not),
#: each to follow the band's name ("Red: ...").
BAND_ADVICE: dict[Band, tuple[str, str]] = {
    # Only a locked program offers the easier version in green: its dose
    # was set by a physiotherapist, so doing less must stay easy to find.
    Band.GREEN: (
        "go ahead with the full dose, or take the easier version if you prefer.",
        "go ahead with the full dose.",
    ),
    Band.AMBER: ("acceptable. Go gently, or take the easier version.", "acceptable. Go gently."),
    Band.RED: (
        "your back is sensitive today, so no full dose. Take the easier version or skip this one.",
        "your back is sensitive today, so no full dose, and this drill has no easier version: skip it.",
    ),
    Band.STOP: (
        "this drill is skipped. We suggest ending the session and resting today.",
        "this drill is skipped. We suggest ending the session and resting today.",
    ),
}


def _advice(band: Band, easier_offered: bool) -> str:
    return BAND_ADVICE[band][0 if easier_offered else 1]


def band_guidance(band: Band, *, locked: bool = False) -> str:
    """A band's advice as a sentence of its own, for the handout's table.

    The easier version is named where the pain check would offer it for this
    program (a locked one offers it in green too).
    """
    text = _advice(band, offers_easier(band, locked))
    return text[0].upper() + text[1:]


def band_advice(result: GateResult) -> str:
    """The pain check's advice for one gate, naming only choices that really exist."""
    if result.ends_session:
        if result.ends_for_leg:
            return (
                "Pain has spread down your leg twice this session, so we stop here for "
                "today. Rest, and tell your physiotherapist or doctor if it keeps spreading."
            )
        return (
            "This is the second pain check in the red today: your back is telling you it "
            "has had enough for now, so we stop here and rest."
        )
    if result.leg_spread:
        return "Pain spreading further down the leg counts as a stop: " + _advice(Band.STOP, False)
    return f"{result.band.value.title()}: {_advice(result.band, result.easier_offered)}"
