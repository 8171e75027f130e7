"""How a pain education card reads on screen: in a rest, on the summary, in Learn.

One rendering everywhere, so a card a person met in a rest looks the same
when they look it up again in Learn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from backcoach.content.education import Card


def card_text(card: Card) -> Text:
    """The title, the text and where the fact comes from (Text: the cards are data, not markup)."""
    text = Text()
    text.append(card.title, style="bold")
    text.append("\n" + card.text + "\n")
    text.append("Source: " + card.source, style="italic dim")
    return text
