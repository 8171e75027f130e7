"""``backcoach learn``: every pain education card as plain text (no Textual).

The same cards as the Learn screen, for a terminal, a pipe or a printer.
"""

from __future__ import annotations

import argparse
import textwrap

from backcoach.content.education import Card, shipped_cards

#: Readable in any terminal, and on paper.
WIDTH = 72
INDENT = "   "


def learn_text(cards: tuple[Card, ...]) -> str:
    """The cards, numbered, each wrapped and followed by its source."""
    lines = ["Learn: what is known about back pain, in short", ""]
    for number, card in enumerate(cards, start=1):
        lines.append(f"{number}. {card.title}")
        lines.extend(textwrap.wrap(card.text, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT))
        lines.extend(
            textwrap.wrap(f"Source: {card.source}", WIDTH, initial_indent=INDENT, subsequent_indent=INDENT + "  ")
        )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def cmd_learn(args: argparse.Namespace) -> int:
    """A broken card file is a ContentError: one line per problem, exit 2 (see ``cli._report``)."""
    print(learn_text(shipped_cards()))
    return 0
