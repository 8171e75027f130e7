"""Finding drills in the library by category and typed words.

The clinic browser filters as the physio types, so this is plain, fast
string work over 31 drills: every typed word must appear somewhere in the
drill's name, id, category, kind or purpose ("side plank", "glute", "hold").
The builder's drill picker uses the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from backcoach.content.library import Library
from backcoach.content.model import CATEGORIES, Drill

#: The category filter's first choice: no filter.
ALL_CATEGORIES = "all"


def category_choices(library: Library) -> tuple[str, ...]:
    """``all`` and then the library's categories, in display order."""
    return (ALL_CATEGORIES, *library.categories())


def _haystack(drill: Drill) -> str:
    fields = (drill.name, drill.id.replace("-", " "), drill.category, drill.kind.replace("_", " "), drill.purpose)
    return " ".join(fields).casefold()


def drill_matches(drill: Drill, text: str) -> bool:
    """True when every word of ``text`` appears in the drill's searchable text."""
    haystack = _haystack(drill)
    return all(word in haystack for word in text.casefold().split())


def filter_drills(drills: Iterable[Drill], category: str = ALL_CATEGORIES, text: str = "") -> list[Drill]:
    """The drills in ``category`` matching ``text``, by category order then name."""
    order = {name: index for index, name in enumerate(CATEGORIES)}
    chosen = [
        drill
        for drill in drills
        if (category == ALL_CATEGORIES or drill.category == category) and drill_matches(drill, text)
    ]
    return sorted(chosen, key=lambda d: (order.get(d.category, len(order)), d.name.casefold()))


def chain_text(library: Library, drill_id: str) -> str:
    """The easier-to-harder progression with this drill marked, or ``""`` alone."""
    chain = library.chain(drill_id)
    if len(chain) == 1:
        return ""
    names = [f"[{library[i].name}]" if i == drill_id else library[i].name for i in chain]
    return " -> ".join(names)
