"""Finding drills in the library by category, typed words and direction tags.

The clinic browser filters as the physio types, and ``backcoach drills list``
takes the same search, so both live here. Plain words must each appear
somewhere in the drill's name, id, category, kind, purpose or cautions
("side plank", "glute", "stenosis", "disc"). A ``field:value`` term checks a
direction tag or the equipment exactly (``extension:none``,
``position:standing``, ``nerve:slider``, ``equipment:band``), and
``field:<=value`` means at most that much on an ordered scale
(``extension:<=small`` keeps none and small). The builder's drill picker
uses the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backcoach.content.library import Library
from backcoach.content.model import (
    CATEGORIES,
    DIRECTION_CHOICES,
    EQUIPMENT,
    Drill,
)

#: The category filter's first choice: no filter.
ALL_CATEGORIES = "all"

#: What each ``field:`` term accepts, in order where order means "more".
TERM_VALUES: dict[str, tuple[str, ...]] = {**DIRECTION_CHOICES, "equipment": EQUIPMENT}
#: Scales where ``<=`` makes sense.
ORDERED = frozenset({"flexion", "extension", "rotation", "side_bend", "load", "nerve"})


class QueryError(ValueError):
    """A ``field:value`` term that names no field or no value; one sentence."""


@dataclass(frozen=True)
class Term:
    field: str
    value: str
    at_most: bool = False

    def matches(self, drill: Drill) -> bool:
        if self.field == "equipment":
            return self.value in drill.equipment
        actual = getattr(drill.direction, self.field)
        if not self.at_most:
            return bool(actual == self.value)
        scale = TERM_VALUES[self.field]
        return scale.index(actual) <= scale.index(self.value)


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()

    def matches(self, drill: Drill) -> bool:
        haystack = _haystack(drill)
        return all(word in haystack for word in self.words) and all(term.matches(drill) for term in self.terms)


def parse_query(text: str) -> Query:
    """Split typed text into plain words and ``field:value`` terms.

    Raises :class:`QueryError` with one sentence naming what is allowed, so
    a typo like ``extnsion:none`` is never silently a search for nothing.
    """
    words: list[str] = []
    terms: list[Term] = []
    for token in text.casefold().split():
        if ":" not in token:
            words.append(token)
            continue
        field, _, value = token.partition(":")
        field = field.replace("-", "_")
        if field == "side":
            field = "side_bend"
        if field not in TERM_VALUES:
            raise QueryError(f"unknown search field {field!r}; use one of: {', '.join(TERM_VALUES)}")
        at_most = value.startswith("<=")
        value = value[2:] if at_most else value
        choices = TERM_VALUES[field]
        if at_most and field not in ORDERED:
            raise QueryError(f"{field} has no order, so {field}:<= cannot be used; use {field}:VALUE")
        if value not in choices:
            raise QueryError(f"{field} can be {', '.join(choices)} (got {value!r})")
        terms.append(Term(field, value, at_most))
    return Query(tuple(words), tuple(terms))


def category_choices(library: Library) -> tuple[str, ...]:
    """``all`` and then the library's categories, in display order."""
    return (ALL_CATEGORIES, *library.categories())


def _haystack(drill: Drill) -> str:
    fields = (
        drill.name, drill.id.replace("-", " "), drill.category, drill.kind.replace("_", " "), drill.purpose,
        *drill.cautions,
    )  # fmt: skip
    return " ".join(fields).casefold()


def drill_matches(drill: Drill, text: str) -> bool:
    """True when ``text`` (words and terms) matches; a malformed term matches nothing."""
    try:
        query = parse_query(text)
    except QueryError:
        return False
    return query.matches(drill)


def filter_drills(drills: Iterable[Drill], category: str = ALL_CATEGORIES, text: str = "") -> list[Drill]:
    """The drills in ``category`` matching ``text``, by category order then name.

    Raises :class:`QueryError` for a term that names no field or value.
    """
    query = parse_query(text)
    order = {name: index for index, name in enumerate(CATEGORIES)}
    chosen = [
        drill
        for drill in drills
        if (category == ALL_CATEGORIES or drill.category == category) and query.matches(drill)
    ]
    return sorted(chosen, key=lambda d: (order.get(d.category, len(order)), d.name.casefold()))


def chain_text(library: Library, drill_id: str) -> str:
    """The easier-to-harder progression with this drill marked, or ``""`` alone."""
    chain = library.chain(drill_id)
    if len(chain) == 1:
        return ""
    names = [f"[{library[i].name}]" if i == drill_id else library[i].name for i in chain]
    return " -> ".join(names)
