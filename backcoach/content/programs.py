"""Program files: built-in, imported by the user, or opened from a path.

A program is a list of drills from the library with optional per-drill
overrides (a physio lowering reps or slowing the tempo for one patient).
Program files are written by hand by clinicians, so validation is strict
about types, ranges and unknown keys (a typo such as ``hlod`` must not be
silently ignored) and reports every mistake at once with a 1-based position.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, cast

from backcoach import paths
from backcoach.content.catalog import by_name
from backcoach.content.errors import ContentError, Problem, ProgramExists
from backcoach.content.library import Library
from backcoach.content.model import DOSAGE_BOUNDS, Drill, Program, ProgramItem
from backcoach.content.program_adapt import ADAPT_KEYS, adapt_toml_lines, take_adapt_settings
from backcoach.content.program_meta import META_KEYS, meta_toml_lines, take_meta
from backcoach.content.toml_input import parse_toml, read_text
from backcoach.content.tomlwrite import toml_value, write_private_file
from backcoach.content.validate import (
    MISSING_MESSAGE,
    Checker,
    at,
    check_keys,
    count_message,
    int_problem,
    nearest,
    nth,
    number_message,
    show,
    take_bool,
    take_int,
    take_slug,
    take_text,
    unknown_id_message,
    unknown_key_message,
    valid_number,
)

Origin = Literal["builtin", "imported", "file"]

PROGRAM_KEYS = (
    "id", "name", "description", "source", "pain_limit", "days_per_week", "locked", "drills",
)  # fmt: skip
#: Every override a [[drills]] entry may carry, in the order files are written.
OVERRIDE_KEYS = ("reps", "sets", "hold", "rest", "seconds", "tempo", "exhale_on")
#: Which overrides apply to which kind of drill.
OVERRIDES_BY_KIND: dict[str, tuple[str, ...]] = {
    "reps": ("reps", "sets", "rest", "tempo", "exhale_on"),
    "hold": ("sets", "hold", "rest"),
    "timed": ("seconds",),
    "per_side": ("seconds",),
}
TEMPO_BOUNDS = (1, 10)
#: A program may only make the default pain limit (5) stricter.
PAIN_LIMIT_BOUNDS = (2, 5)
DAYS_PER_WEEK_BOUNDS = (1, 7)
#: Override name -> Dosage field it replaces.
DOSAGE_FIELDS = {
    "reps": "reps",
    "sets": "sets",
    "rest": "rest_seconds",
    "hold": "hold_seconds",
    "seconds": "seconds",
}
#: (low, high, unit) for the whole-number overrides: the drill files' own
#: bounds for the field each replaces.
INT_OVERRIDES: dict[str, tuple[int, int, str]] = {
    name: DOSAGE_BOUNDS[field] for name, field in DOSAGE_FIELDS.items()
}
MAX_DRILLS = 40
#: Used when ``exhale_on`` flips a drill's pairing, so the words match the breath.
_PAIRING_CUES = {
    "flexion": "Breathe out as you round (flex), and in as you arch (extend).",
    "extension": "Breathe out as you arch (extend), and in as you round (flex).",
}


def is_spinal(drill: Drill) -> bool:
    """True for drills whose two phases are spinal flexion and extension."""
    return {phase.movement for phase in drill.breathing.phases} == {"flexion", "extension"}


def applicable_overrides(drill: Drill) -> tuple[str, ...]:
    """The overrides a program may set for ``drill``."""
    keys = OVERRIDES_BY_KIND[drill.kind]
    if not is_spinal(drill):
        keys = tuple(key for key in keys if key != "exhale_on")
    return keys


def apply_overrides(drill: Drill, overrides: Mapping[str, object]) -> Drill:
    """The drill with a program's (already validated) overrides applied.

    ``tempo`` sets every breathing phase to that many seconds; ``exhale_on``
    puts the exhale on that movement and rewrites the breathing cue when the
    pairing actually changes, so the words never contradict the phases.
    """
    # Validated before they get here: each dosage override is a whole number in bounds.
    changes: dict[str, Any] = {DOSAGE_FIELDS[key]: overrides[key] for key in DOSAGE_FIELDS if key in overrides}
    result = drill.with_dosage(replace(drill.dosage, **changes)) if changes else drill
    breathing = result.breathing
    phases = breathing.phases
    if "tempo" in overrides:
        tempo = cast(float, overrides["tempo"])  # validated: a number of seconds
        phases = tuple(replace(phase, seconds=tempo) for phase in phases)
    if "exhale_on" in overrides and is_spinal(drill):
        target = str(overrides["exhale_on"])
        flipped = tuple(
            replace(phase, breath="exhale" if phase.movement == target else "inhale")
            for phase in phases
        )
        if flipped != phases:
            breathing = replace(breathing, cue=_PAIRING_CUES[target])
        phases = flipped
    if phases != breathing.phases:
        breathing = replace(breathing, phases=phases)
    if breathing != result.breathing:
        result = result.with_breathing(breathing)
    return result


def _override_problem(key: str, value: object, drill: Drill | None) -> str | None:
    if key in INT_OVERRIDES:
        low, high, unit = INT_OVERRIDES[key]
        problem = int_problem(value, low, high, unit)
        if problem is not None:
            return problem
        return drill.hold_problem(value) if key == "hold" and drill is not None else None  # type: ignore[arg-type]  # int_problem() just proved value is an int
    if key == "tempo":
        low, high = TEMPO_BOUNDS
        return None if valid_number(value, low, high) else number_message(low, high, "seconds")
    if value in ("flexion", "extension") and isinstance(value, str):
        return None
    return f'must be "flexion" or "extension" (got {show(value)})'


def _check_item(ck: Checker, entry: object, index: int, library: Library) -> ProgramItem | None:
    where = nth("drills", index)
    if not isinstance(entry, dict):
        ck.add(where, "must be a table (a [[drills]] entry)")
        return None
    before = ck.count
    drill: Drill | None = None
    drill_id = entry.get("id")
    if "id" not in entry:
        ck.add(at(where, "id"), MISSING_MESSAGE)
    elif not isinstance(drill_id, str):
        ck.add(at(where, "id"), "must be a drill id in quotes")
    elif drill_id not in library:
        ck.add(at(where, "id"), unknown_id_message("drill", drill_id, list(library)))
    else:
        drill = library[drill_id]
    allowed = applicable_overrides(drill) if drill is not None else OVERRIDE_KEYS
    overrides: dict[str, object] = {}
    for key, value in entry.items():
        if key == "id":
            continue
        if key not in OVERRIDE_KEYS:
            ck.add(at(where, key), unknown_key_message(key, ("id", *allowed)))
        elif key not in allowed:
            assert drill is not None
            if key == "exhale_on" and drill.kind == "reps":
                ck.add(
                    at(where, key),
                    f"{drill.id} pairs the breath with effort, not with spinal "
                    "flexion and extension, so exhale_on does not apply",
                )
            else:
                use = ", ".join(allowed)
                ck.add(at(where, key), f"{drill.id} is a {drill.kind} drill; use {use}")
        else:
            problem = _override_problem(key, value, drill)
            if problem:
                ck.add(at(where, key), problem)
            else:
                overrides[key] = value
    if drill is None or ck.count != before:
        return None
    return ProgramItem(drill=apply_overrides(drill, overrides), overrides=overrides)


def parse_program(
    text: str,
    file_label: str,
    library: Library,
    origin: Origin = "file",
    path: str | None = None,
) -> Program:
    """Build a :class:`Program` from a program file's text or raise ContentError."""
    data = parse_toml(text, file_label)
    ck = Checker(file_label)
    check_keys(ck, data, PROGRAM_KEYS + ADAPT_KEYS + META_KEYS, "")
    program_id = take_slug(ck, data, "id", "")
    name = take_text(ck, data, "name", "", max_len=60)
    description = take_text(
        ck, data, "description", "", max_len=400, min_len=0, single_line=False, required=False
    )
    source = take_text(ck, data, "source", "", max_len=200, required=False)
    pain_limit = take_int(ck, data, "pain_limit", "", *PAIN_LIMIT_BOUNDS, required=False)
    days_per_week = take_int(ck, data, "days_per_week", "", *DAYS_PER_WEEK_BOUNDS, required=False)
    locked = take_bool(ck, data, "locked", "", required=False)
    adapt, adapt_max_steps, profile = take_adapt_settings(ck, data)
    meta = take_meta(ck, data)
    items: list[ProgramItem] = []
    entries = data.get("drills")
    if "drills" not in data:
        ck.add("drills", "required: at least one [[drills]] entry")
    elif isinstance(entries, list) and len(entries) > MAX_DRILLS:
        ck.add("drills", count_message(len(entries), MAX_DRILLS))
    elif not isinstance(entries, list) or not entries:
        ck.add("drills", f"must be a list of 1 to {MAX_DRILLS} [[drills]] entries")
    else:
        for index, entry in enumerate(entries):
            item = _check_item(ck, entry, index, library)
            if item is not None:
                items.append(item)
    ck.raise_if_any()
    return Program(
        id=program_id,  # type: ignore[arg-type]  # checked non-None: raise_if_any() passed
        name=name,  # type: ignore[arg-type]  # checked non-None: raise_if_any() passed
        description=description or "",
        items=tuple(items),
        source=source or "",
        pain_limit=pain_limit,
        days_per_week=days_per_week,
        locked=bool(locked),
        origin=origin,
        path=path,
        adapt=adapt,
        adapt_max_steps=adapt_max_steps,
        profile=profile,
        meta=meta,
    )


def load_program_file(
    path: Path | str, library: Library, origin: Origin = "file", *, label: str | None = None
) -> Program:
    """Read and validate one program file.

    Problems are labelled ``label``: the path as the user typed it when a
    command names the file (two ``anna.toml`` in different folders must be
    told apart), or by default the file name, short enough for the built-in
    and imported programs that live in one folder each.
    """
    path = Path(path)
    shown = path.name if label is None else label
    text = read_text(path, shown)
    return parse_program(text, shown, library, origin=origin, path=str(path))


def _program_files(folder: Path) -> list[Path]:
    try:
        return sorted(
            path
            for path in folder.glob("*.toml")
            if not path.name.startswith(".") and path.is_file()
        )
    except OSError:
        return []


def builtin_programs(library: Library) -> list[Program]:
    """The shipped programs, sorted by name.

    They are our data, so any problem is a bug: raise it (tests keep it from
    happening) rather than hide a program.
    """
    problems: list[Problem] = []
    programs: list[Program] = []
    for path in _program_files(paths.assets_dir() / "programs"):
        try:
            program = load_program_file(path, library, origin="builtin")
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        if program.id != path.stem:
            problems.append(Problem(path.name, "id", "must match the file name"))
        programs.append(program)
    if problems:
        raise ContentError(problems)
    return by_name(programs)


def imported_programs(library: Library) -> tuple[list[Program], list[Problem]]:
    """Programs the user imported, sorted by name, plus what was wrong with the rest.

    A bad or unreadable file must never stop the app from starting: it is
    skipped and reported, so the home screen can mention it.
    """
    problems: list[Problem] = []
    programs: list[Program] = []
    seen: dict[str, str] = {}
    for path in _program_files(paths.programs_dir()):
        try:
            program = load_program_file(path, library, origin="imported")
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        if program.id in seen:
            problems.append(
                Problem(
                    path.name,
                    "id",
                    f"program id {show(program.id)} is also used by {seen[program.id]}; "
                    "this file is skipped",
                )
            )
            continue
        seen[program.id] = path.name
        programs.append(program)
    return by_name(programs), problems


def find_program(ref: str, library: Library) -> Program:
    """A program by id, or by path to a ``.toml`` file (its problems labelled ``ref``, as typed).

    Ids are looked up among imported programs first, then built-in ones, so a
    program imported with a built-in's id shadows it (a clinic can ship its
    own version of a standard program). Raises ContentError for an unknown
    id, naming the closest known ids.
    """
    if ref.endswith(".toml") or "/" in ref or os.sep in ref:
        return load_program_file(Path(ref).expanduser(), library, origin="file", label=ref)
    imported, problems = imported_programs(library)
    builtins = builtin_programs(library)
    for program in (*imported, *builtins):
        if program.id == ref:
            return program
    broken = [problem for problem in problems if problem.file == f"{ref}.toml"]
    if broken:
        raise ContentError(broken)
    if Path(ref).is_file():
        return load_program_file(Path(ref), library, origin="file", label=ref)
    known = sorted({program.id for program in (*imported, *builtins)})
    message = unknown_id_message("program", ref, known)
    if known and not nearest(ref, known):
        message += "; known programs: " + ", ".join(known[:12])
    raise ContentError([Problem("programs", "", message)])


def program_to_toml(program: Program) -> str:
    """A program file that :func:`parse_program` reads back to an equal Program.

    Only what the author set is written: each drill's overrides as written,
    and ``pain_limit``/``days_per_week``/``locked`` only when set.
    """
    lines = [
        f"id = {toml_value(program.id)}",
        f"name = {toml_value(program.name)}",
        f"description = {toml_value(program.description)}",
    ]
    if program.source:
        lines.append(f"source = {toml_value(program.source)}")
    if program.pain_limit is not None:
        lines.append(f"pain_limit = {toml_value(program.pain_limit)}")
    if program.days_per_week is not None:
        lines.append(f"days_per_week = {toml_value(program.days_per_week)}")
    if program.locked:
        lines.append("locked = true")
    lines += meta_toml_lines(program.meta)
    lines += adapt_toml_lines(program)
    for item in program.items:
        lines += ["", "[[drills]]", f"id = {toml_value(item.drill.id)}"]
        unknown = set(item.overrides) - set(OVERRIDE_KEYS)
        if unknown:
            raise ValueError(f"cannot write unknown overrides: {sorted(unknown)}")
        for key in OVERRIDE_KEYS:
            if key in item.overrides:
                lines.append(f"{key} = {toml_value(item.overrides[key])}")
    return "\n".join(lines) + "\n"


def installed_lock(target: Path, library: Library) -> tuple[Program | None, bool, str | None]:
    """The program installed at ``target``, whether it is locked, and why it
    cannot be read (if so).

    A lock holds even when the installed file no longer validates (a drill
    renamed since, a hand edit): its own top-level ``locked = true`` is
    enough to ask as plainly as for a valid locked program.
    """
    try:
        installed = load_program_file(target, library, origin="imported")
    except ContentError as exc:
        problem = "; ".join(str(p) for p in exc.problems)
        try:
            text = read_text(target, target.name)
        except ContentError:
            return None, False, problem
        try:
            locked = parse_toml(text, target.name).get("locked") is True
        except ContentError:  # not TOML any more: a top-level ``locked = true`` line still holds
            locked = _says_locked(text)
        return None, locked, problem
    return installed, installed.locked, None


def _says_locked(text: str) -> bool:
    """Whether a line before the first ``[table]`` of ``text`` sets ``locked = true``."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            return False
        if re.fullmatch(r"locked\s*=\s*true\s*(#.*)?", stripped):
            return True
    return False


def import_program(
    path: Path | str, library: Library, *, replace: bool = False, replace_locked: bool = False
) -> Program:
    """Validate a program file and install it among the user's programs.

    Nothing is written unless the file is valid. The file is copied as
    written (comments kept) to ``programs_dir()/<id>.toml`` atomically, with
    mode 0600. Raises :class:`ProgramExists` (carrying both programs, for a
    diff) if that id is already imported and ``replace`` is false, or if the
    installed one is locked by the physiotherapist and ``replace_locked`` is
    false: ``replace`` alone never undoes a lock. Importing a built-in's id
    shadows the built-in.
    """
    path = Path(path)
    text = read_text(path, path.name)
    program = parse_program(text, path.name, library, origin="imported")
    target = paths.programs_dir() / f"{program.id}.toml"
    if target.exists():
        installed, locked, problem = installed_lock(target, library)
        if not (replace_locked or (replace and not locked)):
            raise ProgramExists(
                program.id, incoming=program, installed=installed, locked=locked, installed_problem=problem
            )
    try:
        paths.ensure_private_dir(paths.data_dir())
        paths.ensure_private_dir(target.parent)
        write_private_file(target, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ContentError([Problem(str(target), "", f"cannot write file: {reason}")]) from None
    return dataclasses.replace(program, path=str(target))


__all__ = [
    "OVERRIDE_KEYS",
    "OVERRIDES_BY_KIND",
    "applicable_overrides",
    "apply_overrides",
    "builtin_programs",
    "find_program",
    "import_program",
    "imported_programs",
    "installed_lock",
    "is_spinal",
    "load_program_file",
    "parse_program",
    "program_to_toml",
]
