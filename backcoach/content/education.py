"""Pain education cards: read from ``assets/education/*.toml`` and checked.

Knowing how pain works lowers pain and fear of moving (CLINICAL.md 5), so
a card shows in the longer rests, on the summary and on the Learn screen.
The cards are data, so a physiotherapist can reword one without touching
code; they are checked like drills (every problem at once, each pinned to
its card and field) because a card is read from a mat, mid-session: it must
fit the screen and say where its fact comes from.

They are not in the start-up cache (:mod:`backcoach.content.cache`): Home
never shows a card, so they are read when a session starts or Learn opens,
about a millisecond for the fourteen shipped cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from backcoach.content.errors import ContentError, Problem
from backcoach.content.toml_input import parse_toml, read_text

__all__ = ["Card", "cards_dir", "load_cards", "parse_cards", "shipped_cards"]

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 40
#: A title is one line on a 60-column screen, inside the card's border.
MAX_TITLE = 48
#: Read from a mat during a rest: a few short sentences, never an essay.
#: The bounds are what fits whole beside the rest's countdown at 60x20
#: (``tests/tui/test_learn.py`` lays out a card at every bound).
MIN_TEXT = 40
MAX_TEXT = 280
MAX_SOURCE = 100
#: Rotation needs two cards so the same one never shows twice in a row.
MIN_CARDS = 2
MAX_CARDS = 200
FIELDS = ("id", "title", "text", "source")


@dataclass(frozen=True)
class Card:
    """One short piece of pain education, with where its fact comes from."""

    id: str
    title: str
    text: str
    source: str


def cards_dir() -> Path:
    from backcoach import paths

    return paths.assets_dir() / "education"


@cache
def shipped_cards() -> tuple[Card, ...]:
    """The cards that ship with backcoach, read once per process."""
    return load_cards(cards_dir())


def load_cards(directory: Path) -> tuple[Card, ...]:
    """Every card of every ``.toml`` file in ``directory``, in file then card order.

    Raises :class:`ContentError` listing every problem found.
    """
    problems: list[Problem] = []
    cards: list[Card] = []
    files = sorted(directory.glob("*.toml")) if directory.is_dir() else []
    if not files:
        raise ContentError([Problem(str(directory), "", "no card files (*.toml) found")])
    for path in files:
        try:
            cards.extend(parse_cards(read_text(path, path.name), path.name))
        except ContentError as error:
            problems.extend(error.problems)
    if not problems:
        problems.extend(_deck_problems(cards, directory.name))
    if problems:
        raise ContentError(problems)
    return tuple(cards)


def parse_cards(text: str, label: str) -> list[Card]:
    """The cards in one file's text; ``label`` names the file in every problem."""
    data = parse_toml(text, label)
    unknown = sorted(set(data) - {"card"})
    problems = [Problem(label, key, "unknown key (a card file holds only [[card]] tables)") for key in unknown]
    entries = data.get("card")
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(label, "card", "expected one or more [[card]] tables"))
        raise ContentError(problems)
    cards: list[Card] = []
    for number, entry in enumerate(entries, start=1):
        where = f"card[{number}]"
        if not isinstance(entry, dict):
            problems.append(Problem(label, where, "expected a [[card]] table"))
            continue
        found = _card_problems(entry)
        problems.extend(Problem(label, f"{where}.{field}", message) for field, message in found)
        if not found:
            cards.append(Card(**{name: " ".join(entry[name].split()) for name in FIELDS}))
    if problems:
        raise ContentError(problems)
    return cards


def _card_problems(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, sentence) for each thing wrong with one card table."""
    found = [(key, "unknown field (a card has id, title, text and source)") for key in sorted(set(entry) - set(FIELDS))]
    limits = {"id": (1, MAX_ID), "title": (1, MAX_TITLE), "text": (MIN_TEXT, MAX_TEXT), "source": (1, MAX_SOURCE)}
    for name in FIELDS:
        value = entry.get(name)
        if value is None:
            found.append((name, "missing"))
            continue
        if not isinstance(value, str):
            found.append((name, f"must be text, not {type(value).__name__}"))
            continue
        words = " ".join(value.split())
        low, high = limits[name]
        if not low <= len(words) <= high:
            found.append((name, f"must be {low} to {high} characters (this one has {len(words)})"))
        elif not all(char.isprintable() for char in words):
            found.append((name, "must not hold control characters"))
        elif name == "id" and not ID_RE.fullmatch(words):
            found.append((name, "must be lowercase letters, digits and single dashes, like hurt-is-not-harm"))
    return found


def _deck_problems(cards: list[Card], label: str) -> list[Problem]:
    problems: list[Problem] = []
    if not MIN_CARDS <= len(cards) <= MAX_CARDS:
        problems.append(Problem(label, "", f"needs {MIN_CARDS} to {MAX_CARDS} cards (found {len(cards)})"))
    seen: set[str] = set()
    for card in cards:
        if card.id in seen:
            problems.append(Problem(label, card.id, "two cards have this id"))
        seen.add(card.id)
    return problems
