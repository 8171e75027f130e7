"""The 120x40 review (``REVIEW.md`` beside the gallery files) has one verdict for
every keyframe the gallery shows, and none for a keyframe that no longer exists:
a drill or a frame added later fails here until someone has looked at it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import figure_gallery  # noqa: E402  # a development script beside the benches, not a package

REVIEW = Path(__file__).resolve().parent / "REVIEW.md"
#: A keyframe's heading in the gallery: drill id, frame number and count.
HEADING = re.compile(r"^== (\S+) \(.*\) frame (\d+)/(\d+):", re.MULTILINE)
#: A keyframe's row in the review table: drill id, frame, its label, the verdict.
ROW = re.compile(r"^\| (\S+) \| (\d+)/(\d+) \| [^|]+ \| (yes|no)[^|]* \| [^|]*\S[^|]* \|$", re.MULTILINE)


def test_every_keyframe_at_120x40_has_one_verdict() -> None:
    shown = HEADING.findall(figure_gallery.gallery("120x40"))
    reviewed = [row[:3] for row in ROW.findall(REVIEW.read_text(encoding="utf-8"))]
    assert len(reviewed) == len(set(reviewed)), "a keyframe has two rows in REVIEW.md"
    assert sorted(reviewed) == sorted(shown), (
        f"not reviewed: {sorted(set(shown) - set(reviewed))}; gone: {sorted(set(reviewed) - set(shown))}"
    )


def test_no_keyframe_is_left_reading_as_something_else() -> None:
    verdicts = {row[:3]: row[3] for row in ROW.findall(REVIEW.read_text(encoding="utf-8"))}
    assert [frame for frame, verdict in verdicts.items() if verdict == "no"] == []
