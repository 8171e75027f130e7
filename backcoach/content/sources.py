"""The seed documents the drills come from, in words a person can read.

Drill and program files name their source by the seed's file name
(``000_dc70ed090b9a3b32.txt``), which is stable and checkable but means
nothing to a patient. This table gives each one's title and author as the
document itself states them; where it names no author, it says who wrote
it as far as the text tells.
"""

from __future__ import annotations

#: file name -> (title, author)
SEEDS: dict[str, tuple[str, str]] = {
    "000_dc70ed090b9a3b32.txt": ("Back Pain Essentials", "Movement As Medicine"),
    "001_a0088abce77f324a.txt": ("Low Back Pain Relief", "a sports physical therapist (video notes)"),
    "002_4c24ba89d37f5df5.txt": ("#1 Reason Your Back Still Hurts", "a physical therapy clinic"),
    "003_b208038db118e983.txt": ("My understanding of back pain", "Jen Xu, athletic trainer"),
    "004_00a97bdf16f752fb.txt": ("What exercises can I do for back pain?", "KT, Precision Movement"),
}


#: Drills that come from the physiotherapist's review rather than a seed
#: (CLINICAL.md section 6, with its numbered sources): key -> (title, author).
REFERENCES: dict[str, tuple[str, str]] = {
    "mcgill-big-3": ("The McGill big three", "Stuart McGill (CLINICAL.md sources 1 and 2)"),
}


def source_text(source: str) -> str:
    """``"Back Pain Essentials, Movement As Medicine"``; an unknown source as written."""
    known = SEEDS.get(source) or REFERENCES.get(source)
    return f"{known[0]}, {known[1]}" if known else source
