"""The drill library and programs as plain, frozen data.

These types are the contract between the loaders (which build them from
TOML files and validate every field) and the session engine (which only
reads them). Nothing here does I/O or imports Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

DrillKind = Literal["reps", "hold", "timed", "per_side"]
Breath = Literal["exhale", "inhale"]
BreathingStyle = Literal["paired", "steady", "natural"]

KINDS: tuple[str, ...] = ("reps", "hold", "timed", "per_side")
CATEGORIES: tuple[str, ...] = (
    "mobility",
    "core",
    "glutes",
    "hips",
    "stretch",
    "nerve",
    "conditioning",
)
#: Movements a breathing phase can name. ``flexion``/``extension`` are
#: spinal; the pain-free default pairs exhale with flexion.
MOVEMENTS: tuple[str, ...] = ("flexion", "extension", "effort", "return")
#: (low, high, unit) of every whole-number dose field: the one table of dose
#: bounds. A drill file's ``[dosage]`` is checked against it, and so is a
#: program's override of the same field (``rest`` for ``rest_seconds``...),
#: so a program can never set a dose no drill file could.
DOSAGE_BOUNDS: dict[str, tuple[int, int, str]] = {
    "reps": (1, 50, ""),
    "sets": (1, 10, ""),
    "rest_seconds": (0, 300, "seconds"),
    "hold_seconds": (5, 600, "seconds"),
    "seconds": (10, 3600, "seconds"),
    "sides": (1, 2, ""),
}
#: Time to change sides between the two halves of a two-sided set: the
#: session plan times it, and the estimates count it.
SWITCH_SECONDS = 5.0


#: How far a drill takes the lumbar spine in one direction (CLINICAL.md 4).
EXTENTS: tuple[str, ...] = ("none", "small", "mid", "end")
#: The load through the spine: ``none`` when it rests on the floor (or is
#: relaxed), ``bodyweight`` when the trunk holds or lifts the body's own
#: weight, ``loaded`` with an added weight or band pulling on it.
LOADS: tuple[str, ...] = ("none", "bodyweight", "loaded")
#: A slider glides the sciatic nerve without stretching it; a tensioner
#: stretches it, and is left out when leg pain reaches below the knee.
NERVES: tuple[str, ...] = ("none", "slider", "tensioner")
#: Positions, with the words a person reads.
POSITIONS: dict[str, str] = {
    "back": "lying on the back",
    "face_down": "lying face down",
    "side": "lying on the side",
    "hands_knees": "on hands and knees",
    "kneeling": "kneeling",
    "sitting": "sitting",
    "standing": "standing",
}
#: What a drill may need; ``none`` stands alone.
EQUIPMENT: tuple[str, ...] = ("none", "mat", "band", "ball", "dowel", "chair", "wall", "bike")
#: The direction fields in the order they are written, shown and searched.
DIRECTION_FIELDS: tuple[str, ...] = (
    "flexion", "extension", "rotation", "side_bend", "load", "nerve", "position",
)  # fmt: skip
#: The allowed values of each direction field (in order where order means "more"):
#: what a drill file may say, and what the clinic's and ``drills list``'s terms accept.
DIRECTION_CHOICES: dict[str, tuple[str, ...]] = {
    "flexion": EXTENTS,
    "extension": EXTENTS,
    "rotation": EXTENTS,
    "side_bend": EXTENTS,
    "load": LOADS,
    "nerve": NERVES,
    "position": tuple(POSITIONS),
}
assert tuple(DIRECTION_CHOICES) == DIRECTION_FIELDS


@dataclass(frozen=True)
class Direction:
    """Which way and how far a drill moves and loads the low back.

    The adaptive coach (a later issue) swaps drills beyond a person's limit
    for ones within it, so these are data a physiotherapist can check and
    search, not prose: ``extension = "none"`` is what someone whose leg pain
    worsens on arching needs to find.
    """

    flexion: str
    extension: str
    rotation: str
    side_bend: str
    load: str
    nerve: str
    position: str

    def words(self) -> str:
        """One line a person can read: moves, load, nerve and position."""
        moves = [
            f"{extent} {name.replace('_', '-')}"
            for name, extent in (
                ("flexion", self.flexion), ("extension", self.extension),
                ("rotation", self.rotation), ("side_bend", self.side_bend),
            )  # fmt: skip
            if extent != "none"
        ]
        load = {"none": "no load on the spine", "bodyweight": "body weight", "loaded": "added load"}
        parts = [", ".join(moves) if moves else "spine kept still", load[self.load]]
        if self.nerve != "none":
            parts.append(f"nerve {self.nerve}")
        parts.append(POSITIONS.get(self.position, self.position))
        return "; ".join(parts)


#: A paired phase moves towards one of the two ends of the movement: keyframe 0 or 1
#: of the drill's pose file (``assets/poses``), whose loader checks that frame exists.
PHASE_FRAMES = 2


@dataclass(frozen=True)
class Phase:
    """One half of a rep: a movement done on one side of the breath."""

    movement: str
    label: str
    breath: Breath
    seconds: float
    frame: int


@dataclass(frozen=True)
class Breathing:
    """How to breathe through a drill.

    ``paired`` drills move with the breath, phase by phase; ``steady`` drills
    (holds) cue calm breathing with a brace, never breath holding.
    """

    style: BreathingStyle
    cue: str
    phases: tuple[Phase, ...] = ()

    @property
    def rep_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)


@dataclass(frozen=True)
class Dosage:
    """How much of a drill to do.

    Which fields matter depends on the drill's kind: ``reps`` uses reps, sets
    and rest; ``hold`` uses sets, hold_seconds and rest; ``timed`` uses
    seconds; ``per_side`` uses seconds per side. ``sides`` is 2 when every
    set is done on the left and then the right.
    """

    reps: int = 0
    sets: int = 1
    hold_seconds: int = 0
    rest_seconds: int = 0
    seconds: int = 0
    sides: int = 1


@dataclass(frozen=True)
class Drill:
    id: str
    name: str
    category: str
    kind: DrillKind
    purpose: str
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    dosage: Dosage
    breathing: Breathing
    source: str
    direction: Direction
    #: What the drill needs, ``("none",)`` for nothing.
    equipment: tuple[str, ...]
    easier: str | None = None
    harder: str | None = None
    #: The longest a hold may last, wherever it is set (the drill's dose, a
    #: program's ``hold``, the builder); None for no cap beyond the bounds.
    max_hold_seconds: int | None = None

    @property
    def estimated_seconds(self) -> int:
        """Wall-clock time for the whole dose: work, side switches and rests.

        The same sum as the session plan's segments, so Home's "about N min"
        counts the time spent changing sides too.
        """
        d = self.dosage
        if self.kind == "reps":
            side = d.reps * self.breathing.rep_seconds
        elif self.kind == "hold":
            side = d.hold_seconds
        else:
            side = d.seconds
        sides = 2 if self.kind == "per_side" else d.sides
        per_set = side * sides + SWITCH_SECONDS * (sides - 1)
        sets = 1 if self.kind in ("timed", "per_side") else max(d.sets, 1)
        return int(round(per_set * sets + d.rest_seconds * (sets - 1)))

    def hold_problem(self, seconds: int) -> str | None:
        """Why a hold of ``seconds`` is too long for this drill, or None.

        Some holds are short by design (the bird dog: 5-10 s at full reach,
        repeated, never longer), so the cap is the drill's own data and every
        place that sets a hold asks it, not an ``if`` on a drill id.
        """
        return hold_limit_problem(self.name, self.max_hold_seconds, seconds)

    def with_dosage(self, dosage: Dosage) -> Drill:
        return replace(self, dosage=dosage)

    def with_breathing(self, breathing: Breathing) -> Drill:
        return replace(self, breathing=breathing)


def hold_limit_problem(name: str, limit: int | None, seconds: int) -> str | None:
    """The one sentence for a hold past a drill's cap (None when within it)."""
    if limit is None or seconds <= limit:
        return None
    return f"must be at most {limit} seconds for {name}, which is done as short holds, repeated (got {seconds})"


@dataclass(frozen=True)
class ProgramItem:
    """A drill in a program.

    ``drill`` already has the program's overrides applied; ``overrides`` keeps
    them as written (``{"reps": 6, "tempo": 3}``) so a program can be saved
    back to a file unchanged.
    """

    drill: Drill
    overrides: dict[str, object] = field(default_factory=dict, compare=False)


#: Where leg pain reaches, least to furthest (the check-in's answer).
LEG_REACH: tuple[str, ...] = ("none", "thigh", "below_knee")
#: Which direction of movement eases a person's symptoms (CLINICAL.md 4).
EASES: tuple[str, ...] = ("flexion", "extension", "none", "unknown")
#: The movements a profile may limit, each to one of ``EXTENTS``.
LIMITABLE: tuple[str, ...] = ("flexion", "extension", "rotation", "side_bend")


@dataclass(frozen=True)
class Profile:
    """What a physiotherapist (or the person's quiz) knows about which way moves ease or aggravate.

    Plain data a program file's ``[profile]`` table holds, so the adaptive
    coach can swap or leave out drills beyond a limit and say why.
    ``limits`` maps a movement (``LIMITABLE``) to the furthest extent
    allowed; ``leg`` is where leg pain usually reaches, or ``None``.
    """

    eases: str = "unknown"
    limits: tuple[tuple[str, str], ...] = ()
    leg: str | None = None
    provisional: bool = False

    def limit(self, movement: str) -> str | None:
        return dict(self.limits).get(movement)


@dataclass(frozen=True)
class ProgramMeta:
    """Who a program is for, who set it, until when, and the clinician's private notes.

    Every field is optional (see :mod:`backcoach.content.program_meta`);
    ``notes`` is never printed on a handout or shown to the patient.
    """

    patient: str = ""
    clinician: str = ""
    review_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    description: str
    items: tuple[ProgramItem, ...]
    source: str = ""
    pain_limit: int | None = None
    days_per_week: int | None = None
    locked: bool = False
    origin: Literal["builtin", "imported", "file"] = "builtin"
    path: str | None = field(default=None, compare=False)
    #: ``adapt = false`` in the file: doses never change from the program's.
    adapt: bool = True
    #: ``adapt_max_steps``: how many steps up any drill may go above the program's dose.
    adapt_max_steps: int | None = None
    profile: Profile | None = None
    meta: ProgramMeta = ProgramMeta()

    @property
    def drills(self) -> tuple[Drill, ...]:
        return tuple(item.drill for item in self.items)

    @property
    def estimated_minutes(self) -> int:
        """Whole minutes, rounded up, with ~20 s per drill for gates and set-up."""
        total = sum(d.estimated_seconds + 20 for d in self.drills)
        return max(1, -(-total // 60))
