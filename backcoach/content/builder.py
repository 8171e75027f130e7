"""A program being built or edited by a physiotherapist: a mutable draft.

The builder screen edits a :class:`ProgramDraft` and never a
:class:`~backcoach.content.model.Program` directly, because a program is
frozen and only exists once it is valid, while a draft is half-made most of
the time (no name yet, no drills yet). Every single change is checked on
the spot against the same bounds the program-file validator uses, so a
field can refuse a bad number with the validator's own words; and turning
the draft into a program renders the TOML file and parses it back with the
real validator, so "the saved file passes ``backcoach programs validate``"
holds by construction rather than by keeping two rule sets in step.

What a field's text means (``1.5`` refused, ``15m`` as 900 s) is
:mod:`backcoach.content.builder_input`, re-exported here.

No Textual here: the screen is a thin view over this module.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backcoach.content.builder_input import (
    DraftError,
    bounds_text,
    check_override,
    default_text,
    parse_override,
)
from backcoach.content.library import Library
from backcoach.content.model import Drill, Profile, Program, ProgramItem, ProgramMeta
from backcoach.content.program_meta import NAME_MAX, NOTES_MAX
from backcoach.content.programs import (
    DAYS_PER_WEEK_BOUNDS,
    MAX_DRILLS,
    OVERRIDE_KEYS,
    PAIN_LIMIT_BOUNDS,
    applicable_overrides,
    apply_overrides,
    parse_program,
    program_to_toml,
)
from backcoach.content.tomlwrite import write_private_file
from backcoach.content.validate import (
    SLUG_MESSAGE,
    SLUG_RE,
    int_message,
    text_problem,
    unknown_id_message,
    valid_int,
)


@dataclass(frozen=True)
class DraftItem:
    """A drill in the draft: the library's drill plus the overrides set for it."""

    drill: Drill
    overrides: Mapping[str, object]

    @property
    def effective(self) -> Drill:
        """The drill as the patient will do it (overrides applied)."""
        return apply_overrides(self.drill, self.overrides)


def slugify(name: str) -> str:
    """A program id made from its name: ``"Anna, week 3"`` -> ``"anna-week-3"``.

    Accents are folded to ASCII, apostrophes dropped ("Zoë's" -> "zoes") and
    anything else becomes a dash, so a name in any language gives a usable
    file name; it may be empty (no name yet).
    """
    folded = unicodedata.normalize("NFKD", re.sub("['\u2019]", "", name))
    ascii_text = folded.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:49].rstrip("-")


def _check_whole(what: str, value: int | None, bounds: tuple[int, int]) -> int | None:
    if value is not None and not valid_int(value, *bounds):
        raise DraftError(f"{int_message(*bounds)} (or not set)", what)
    return value


class ProgramDraft:
    """A program under construction, always one step from a valid program file.

    The id follows the name (``slugify``) until one is set with
    :meth:`set_id`, so a physio who renames a copy of a program also gets a
    new file name and never overwrites the original by accident.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self.name = ""
        self.description = ""
        #: Where the program comes from; kept when editing, never shown.
        self.source = ""
        self.locked = False
        #: The adaptation settings (``adapt``, ``adapt_max_steps``, ``[profile]``), kept as the file has them.
        self.adapt = True
        self.adapt_max_steps: int | None = None
        self.profile: Profile | None = None
        #: Who it is for, who set it, until when, and the clinician's private notes.
        self.meta = ProgramMeta()
        self._id: str | None = None
        self._pain_limit: int | None = None
        self._days_per_week: int | None = None
        self._items: list[DraftItem] = []
        self._saved_text = self.to_toml()

    @classmethod
    def empty(cls, library: Library) -> ProgramDraft:
        return cls(library)

    @classmethod
    def from_program(cls, program: Program, library: Library) -> ProgramDraft:
        """A draft holding ``program`` as written (its overrides, its settings)."""
        draft = cls(library)
        draft.name = program.name
        draft.description = program.description
        draft.source = program.source
        draft.locked = program.locked
        draft.adapt = program.adapt
        draft.adapt_max_steps = program.adapt_max_steps
        draft.profile = program.profile
        draft.meta = program.meta
        draft.pain_limit = program.pain_limit
        draft.days_per_week = program.days_per_week
        if program.id != slugify(program.name):
            draft.set_id(program.id)
        for item in program.items:
            if item.drill.id not in library:
                raise DraftError(unknown_id_message("drill", item.drill.id, list(library)))
            draft._items.append(DraftItem(library[item.drill.id], dict(item.overrides)))
        draft.mark_saved()
        return draft

    # ---- program settings -------------------------------------------------

    @property
    def id(self) -> str:
        return self._id if self._id is not None else slugify(self.name)

    @property
    def id_is_auto(self) -> bool:
        """True while the id is made from the name."""
        return self._id is None

    def set_id(self, value: str | None) -> None:
        """Fix the id (a valid slug), or ``None`` to make it follow the name again."""
        if value is not None and not SLUG_RE.fullmatch(value):
            raise DraftError(SLUG_MESSAGE, "id")
        self._id = value

    @property
    def pain_limit(self) -> int | None:
        return self._pain_limit

    @pain_limit.setter
    def pain_limit(self, value: int | None) -> None:
        self._pain_limit = _check_whole("pain limit", value, PAIN_LIMIT_BOUNDS)

    @property
    def days_per_week(self) -> int | None:
        return self._days_per_week

    @days_per_week.setter
    def days_per_week(self, value: int | None) -> None:
        self._days_per_week = _check_whole("days per week", value, DAYS_PER_WEEK_BOUNDS)

    def set_meta(self, key: str, value: object) -> None:
        """Set ``patient``, ``clinician``, ``review_on`` or ``notes``, checked as a file's are."""
        if key in ("patient", "clinician", "notes") and value:
            notes = key == "notes"
            problem = text_problem(
                value, min_len=0, max_len=NOTES_MAX if notes else NAME_MAX, single_line=not notes
            )
            if problem:
                raise DraftError(problem, key)
        self.meta = dataclasses.replace(self.meta, **{key: value})  # type: ignore[arg-type]  # a ProgramMeta field, its value checked above

    # ---- drills -----------------------------------------------------------

    @property
    def items(self) -> tuple[DraftItem, ...]:
        return tuple(self._items)

    def add(self, drill_id: str, at: int | None = None) -> int:
        """Insert a library drill at ``at`` (default: the end); returns its index."""
        if drill_id not in self.library:
            raise DraftError(unknown_id_message("drill", drill_id, list(self.library)))
        if len(self._items) >= MAX_DRILLS:
            raise DraftError(f"A program holds at most {MAX_DRILLS} drills.")
        index = len(self._items) if at is None else max(0, min(at, len(self._items)))
        self._items.insert(index, DraftItem(self.library[drill_id], {}))
        return index

    def remove(self, index: int) -> DraftItem:
        if not 0 <= index < len(self._items):
            raise IndexError(index)
        return self._items.pop(index)

    def move(self, index: int, delta: int) -> int:
        """Move a drill ``delta`` places (clamped at the ends); returns where it landed."""
        if not 0 <= index < len(self._items):
            raise IndexError(index)
        target = max(0, min(index + delta, len(self._items) - 1))
        self._items.insert(target, self._items.pop(index))
        return target

    def applicable(self, index: int) -> tuple[str, ...]:
        """The overrides the drill at ``index`` accepts, in file order."""
        return applicable_overrides(self._items[index].drill)

    def set_override(self, index: int, key: str, value: object) -> None:
        """Set one override, refusing keys that do not fit the drill and values out of bounds."""
        item = self._items[index]
        allowed = applicable_overrides(item.drill)
        if key not in allowed:
            drill = item.drill
            if key == "exhale_on" and drill.kind == "reps":
                raise DraftError(
                    f"{drill.name} pairs the breath with effort, not with spinal "
                    "flexion and extension, so exhale_on does not apply"
                )
            if key in OVERRIDE_KEYS:
                raise DraftError(f"{drill.name} is a {drill.kind} drill; use {', '.join(allowed)}")
        check_override(key, value)
        problem = item.drill.hold_problem(value) if key == "hold" else None  # type: ignore[arg-type]  # check_override() just proved a hold is an int
        if problem:
            raise DraftError(problem, key)
        self._items[index] = dataclasses.replace(item, overrides={**item.overrides, key: value})

    def clear_override(self, index: int, key: str) -> None:
        """Back to the drill's own dose for ``key``."""
        item = self._items[index]
        overrides = {k: v for k, v in item.overrides.items() if k != key}
        self._items[index] = dataclasses.replace(item, overrides=overrides)

    # ---- the program ------------------------------------------------------

    def _program(self) -> Program:
        """The draft as an unchecked Program (for writing and estimating)."""
        return Program(
            id=self.id,
            name=self.name,
            description=self.description,
            items=tuple(ProgramItem(item.effective, dict(item.overrides)) for item in self._items),
            source=self.source,
            pain_limit=self.pain_limit,
            days_per_week=self.days_per_week,
            locked=self.locked,
            origin="file",
            adapt=self.adapt,
            adapt_max_steps=self.adapt_max_steps,
            profile=self.profile,
            meta=self.meta,
        )

    @property
    def estimated_minutes(self) -> int:
        """The same estimate Home shows for a program (0 with no drills)."""
        return self._program().estimated_minutes if self._items else 0

    def to_toml(self) -> str:
        return program_to_toml(self._program())

    def to_program(self, label: str = "program") -> Program:
        """The draft as a valid Program, through the real validator.

        Raises :class:`~backcoach.content.errors.ContentError` with the
        validator's messages (``name: must be 1 to 60 characters long``).
        """
        return parse_program(self.to_toml(), label, self.library)

    def save(self, path: Path | str) -> Program:
        """Validate, then write the program file atomically; the draft is then saved.

        Raises ContentError (nothing written) or OSError.
        """
        path = Path(path)
        program = self.to_program(path.name)
        text = self.to_toml()
        write_private_file(path, text)
        self._saved_text = text
        return dataclasses.replace(program, path=str(path))

    @property
    def is_dirty(self) -> bool:
        """True when the draft differs from the last save (or from where it started)."""
        return self.to_toml() != self._saved_text

    def mark_saved(self) -> None:
        self._saved_text = self.to_toml()


__all__ = [
    "DraftError",
    "DraftItem",
    "ProgramDraft",
    "bounds_text",
    "check_override",
    "default_text",
    "parse_override",
    "slugify",
]
