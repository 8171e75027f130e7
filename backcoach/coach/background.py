"""The health background: asked once, kept in the settings (CLINICAL.md 1a).

A yes never blocks by itself: it is recorded with each safety check, shown
on Home and the summary, and (steroids, osteoporosis or over 70) makes the
daily trauma question stricter. The one exception is a history of cancer
with no clinician review, which means seeing a doctor before starting. The
wording is ours; the items are CLINICAL.md's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BackgroundQuestion:
    id: str
    text: str
    #: A few words for summaries ("noted: ...").
    label: str


BACKGROUND_QUESTIONS: tuple[BackgroundQuestion, ...] = (
    BackgroundQuestion(
        "cancer_history",
        "Have you ever had cancer, and is this back pain new or different from before?",
        "cancer in the past",
    ),
    BackgroundQuestion(
        "steroids_osteoporosis",
        "Do you take steroid tablets long term, or have osteoporosis (thinning bones)?",
        "steroids or osteoporosis",
    ),
    BackgroundQuestion(
        "immune_drugs",
        "Is your immune system weakened, have you ever injected drugs, or have you "
        "recently had an operation on or an infection of the spine?",
        "infection risk",
    ),
    BackgroundQuestion(
        "age_onset",
        "Is this the first back pain you have ever had, and did it begin before you were "
        "20 or after you were 50?",
        "first back pain under 20 or over 50",
    ),
    BackgroundQuestion("over_70", "Are you over 70?", "over 70"),
)
BACKGROUND_IDS: tuple[str, ...] = tuple(q.id for q in BACKGROUND_QUESTIONS)
#: Recorded beside ``cancer_history``: a clinician has reviewed this back pain.
CANCER_REVIEWED = "cancer_reviewed"


def empty_background() -> dict[str, bool]:
    return {qid: False for qid in (*BACKGROUND_IDS, CANCER_REVIEWED)}


def read_background(stored: object) -> dict[str, bool] | None:
    """A stored background as a complete answer map, or ``None`` if never given.

    Anything that is not a mapping of the known ids to true/false counts as
    not given, so the person is asked again rather than assumed clear.
    """
    if not isinstance(stored, Mapping):
        return None
    background = empty_background()
    for qid in background:
        value = stored.get(qid, False)
        if type(value) is not bool:
            return None
        background[qid] = value
    if any(qid not in stored for qid in BACKGROUND_IDS):
        return None
    return background


def background_needs_doctor(background: Mapping[str, bool]) -> bool:
    """A history of cancer with no clinician review: see a doctor before starting."""
    return bool(background.get("cancer_history")) and not background.get(CANCER_REVIEWED)


def background_flags(background: Mapping[str, bool]) -> list[str]:
    """The background items answered yes, in a few words each (for summaries)."""
    return [q.label for q in BACKGROUND_QUESTIONS if background.get(q.id)]


def background_line(background: Mapping[str, bool] | None) -> str:
    """One line for Home: whether the background is answered and what it notes."""
    if background is None:
        return "Health background: not answered yet (b)"
    flags = background_flags(background)
    if not flags:
        return "Health background: nothing to note (b to review)"
    return f"Health background: noted {', '.join(flags)} (b to review)"


def fracture_risk(background: Mapping[str, bool] | None) -> bool:
    """Whether the stricter daily trauma question applies (CLINICAL.md 1b)."""
    if not background:
        return False
    return bool(background.get("steroids_osteoporosis") or background.get("over_70"))


BACKGROUND_DOCTOR_ADVICE = (
    "You told us you have had cancer and this back pain is new or different. Please see "
    "a doctor before you start these exercises. Once a doctor or physiotherapist has "
    "looked at your back, change your health background (b on the home screen)."
)
