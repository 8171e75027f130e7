"""What the builder tells a physiotherapist about the drills they chose.

For the highlighted drill: its cautions, what it needs, which way it moves
the low back (the direction tags the adaptive coach reads) and whether the
pain check can offer an easier version. For the whole program: warnings
that never block a save, because the physio may have a reason, but that a
busy clinician would want to see before the patient leaves:

- a locked program whose drills have no easier version: on a sore day the
  pain check can only offer to skip them (the patient cannot ease the dose
  of a locked program any other way);
- a hamstring stretch before a hip flexor stretch: tight hip flexors tip
  the pelvis forward and make the hamstrings feel tighter than they are, so
  the seed (003) stretches the hip flexors first.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from backcoach.content.describe import equipment_text, tag_terms
from backcoach.content.model import Drill

#: Which muscle a stretch-category drill stretches, by the words of its name.
STRETCH_TARGETS: tuple[tuple[str, str], ...] = (("hip flexor", "hip flexors"), ("hamstring", "hamstrings"))


def stretch_target(drill: Drill) -> str | None:
    """``"hamstrings"`` or ``"hip flexors"`` for the stretches whose order matters, else None."""
    if drill.category != "stretch":
        return None
    name = drill.name.casefold()
    return next((target for words, target in STRETCH_TARGETS if words in name), None)


def drill_facts(drill: Drill, library: Mapping[str, Drill]) -> list[str]:
    """The lines the builder shows under a drill's dose: cautions first, as the clinic does."""
    lines = [f"! {caution}" for caution in drill.cautions]
    lines.append(f"Needs: {equipment_text(drill.equipment)}")
    lines.append(f"Low back: {drill.direction.words()}")
    lines.append(f"Tags: {tag_terms(drill)}")
    easier = library.get(drill.easier) if drill.easier else None
    lines.append(f"Easier version: {easier.name}" if easier else "Easier version: none in the library")
    return lines


def program_warnings(drills: Sequence[Drill], *, locked: bool) -> list[str]:
    """Calm sentences about the program as it stands; empty when there is nothing to say."""
    warnings: list[str] = []
    if locked:
        stuck = [drill.name for drill in drills if not drill.easier]
        if stuck:
            names = ", ".join(dict.fromkeys(stuck))
            warnings.append(
                f"Locked, with no easier version of {names}: on a sore day the patient can only skip it."
                if len(set(stuck)) == 1
                else f"Locked, with no easier version of {names}: on a sore day the patient can only skip them."
            )
    first_hamstring = next((i for i, d in enumerate(drills) if stretch_target(d) == "hamstrings"), None)
    hip_flexors = [i for i, d in enumerate(drills) if stretch_target(d) == "hip flexors"]
    if first_hamstring is not None and hip_flexors and first_hamstring < hip_flexors[0]:
        warnings.append(
            f"{drills[first_hamstring].name} comes before {drills[hip_flexors[0]].name}: "
            "stretching the hip flexors first lets the hamstrings show their true length."
        )
    return warnings
