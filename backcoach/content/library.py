"""The drill library: every drill we ship, checked and indexed by id.

Loading checks each file on its own (:mod:`backcoach.content.drills`) and
then the links between them (``easier``/``harder``), and reports every
problem in every file in one :class:`ContentError`, so fixing the data is one
pass rather than one error at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from backcoach import paths
from backcoach.content.model import CATEGORIES, Drill

if TYPE_CHECKING:
    from backcoach.content.errors import Problem

# The checking modules (drills, validate, errors) are imported where they are
# used: a start-up that finds the checked library in the content cache
# (backcoach.content.cache) rebuilds a Library from JSON and never needs them.

__all__ = ["Library", "default_library", "load_library"]


def _order(drill: Drill) -> tuple[int, str, str]:
    category = CATEGORIES.index(drill.category) if drill.category in CATEGORIES else 99
    return (category, drill.name.casefold(), drill.id)


class Library(Mapping[str, Drill]):
    """An immutable mapping of drill id to :class:`Drill`.

    Iteration is by category (in :data:`CATEGORIES` order) and then by name,
    so lists in the UI and the CLI never shuffle between runs.
    """

    def __init__(self, drills: Iterable[Drill] = ()) -> None:
        ordered = sorted(drills, key=_order)
        self._drills: dict[str, Drill] = {drill.id: drill for drill in ordered}

    def __getitem__(self, drill_id: str) -> Drill:
        return self._drills[drill_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._drills)

    def __len__(self) -> int:
        return len(self._drills)

    def __contains__(self, drill_id: object) -> bool:
        return drill_id in self._drills

    def __repr__(self) -> str:
        return f"Library({len(self)} drills)"

    def nearest(self, drill_id: str, n: int = 3) -> list[str]:
        """Known ids that look like ``drill_id``, best first (for typos)."""
        from backcoach.content.validate import nearest

        return nearest(drill_id, list(self._drills), n=n)

    def categories(self) -> tuple[str, ...]:
        """The categories that have at least one drill, in display order."""
        present = {drill.category for drill in self._drills.values()}
        return tuple(category for category in CATEGORIES if category in present)

    def chain(self, drill_id: str) -> tuple[str, ...]:
        """The progression ``drill_id`` belongs to, easiest first.

        Follows ``easier`` links down and ``harder`` links up from the drill.
        Links that point outside the library or back into the chain (a cycle)
        end the walk instead of looping. Raises KeyError for an unknown id.
        """
        if drill_id not in self._drills:
            raise KeyError(drill_id)
        seen = {drill_id}
        down: list[str] = []
        current = self._drills[drill_id].easier
        while current is not None and current in self._drills and current not in seen:
            seen.add(current)
            down.append(current)
            current = self._drills[current].easier
        up: list[str] = []
        current = self._drills[drill_id].harder
        while current is not None and current in self._drills and current not in seen:
            seen.add(current)
            up.append(current)
            current = self._drills[current].harder
        return (*reversed(down), drill_id, *up)


def load_library(directory: Path | None = None) -> Library:
    """Load and check every ``*.toml`` in ``directory`` (default: shipped drills).

    Raises one :class:`ContentError` listing every problem in every file.
    """
    from backcoach.content.drills import parse_drill
    from backcoach.content.errors import ContentError, Problem
    from backcoach.content.toml_input import read_text
    from backcoach.content.validate import unknown_id_message

    folder = directory if directory is not None else paths.assets_dir() / "drills"
    try:
        files = sorted(path for path in folder.glob("*.toml") if not path.name.startswith("."))
    except OSError as exc:
        raise ContentError([Problem(str(folder), "", f"cannot read folder: {exc}")]) from None
    if not files:
        raise ContentError([Problem(str(folder), "", "no drill files (*.toml) found")])
    problems: list[Problem] = []
    drills: list[Drill] = []
    labels: dict[str, str] = {}
    for path in files:
        try:
            drill = parse_drill(read_text(path, path.name), path.name, expected_id=path.stem)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        drills.append(drill)
        labels[drill.id] = path.name
    known = [drill.id for drill in drills]
    # A link to a drill whose file failed to load is reported against that
    # file already; only flag ids that no file claims.
    stems = {path.stem for path in files}
    for drill in drills:
        for key in ("easier", "harder"):
            target = getattr(drill, key)
            if target is not None and target not in stems:
                message = unknown_id_message("drill", target, known)
                problems.append(Problem(labels[drill.id], key, message))
    if not problems:
        problems.extend(link_problems(drills, labels))
    if problems:
        raise ContentError(problems)
    return Library(drills)


def link_problems(drills: Iterable[Drill], labels: Mapping[str, str]) -> list[Problem]:
    """Easier and harder links that disagree, or that loop back on themselves.

    A progression is one order: if A's harder version is B, B's easier
    version must be A, and walking ``harder`` from any drill must end. The
    pain check offers a drill's ``easier`` version and the adaptive coach
    walks chains, so a link that points one way only would send a person
    somewhere the chain does not say.
    """
    from backcoach.content.errors import Problem
    from backcoach.content.validate import show

    by_id = {drill.id: drill for drill in drills}
    problems: list[Problem] = []
    for drill in by_id.values():
        for key, back in (("harder", "easier"), ("easier", "harder")):
            target = by_id.get(getattr(drill, key) or "")
            if target is not None and getattr(target, back) != drill.id:
                found = getattr(target, back)
                has = f"its {back} is {show(found)}" if found else f"it has no {back}"
                message = (
                    f"{key} is {show(target.id)}, but {has}; set {back} = \"{drill.id}\" "
                    f"in {target.id}.toml (easier and harder links must agree)"
                )
                problems.append(Problem(labels[drill.id], key, message))
    if problems:
        return problems
    for drill in by_id.values():
        seen = {drill.id}
        current = by_id.get(drill.harder or "")
        while current is not None:
            if current.id in seen:
                message = "the harder links loop back to this drill; a chain must have an easiest and a hardest drill"
                problems.append(Problem(labels[drill.id], "harder", message))
                break
            seen.add(current.id)
            current = by_id.get(current.harder or "")
    return problems


@functools.cache
def default_library() -> Library:
    """The shipped library, loaded once per process (``cache_clear()`` in tests)."""
    return load_library()
