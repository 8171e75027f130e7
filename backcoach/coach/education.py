"""When a pain education card shows, and which one.

A card shows in a rest between sets that lasts 20 s or more (time enough
to read a few lines from the mat) and on the summary. Never in answer to
a red or stop pain check: a person whose pain has just climbed must not
read "hurt is not harm" as a reply to it. The rule, exactly (the safer of
the readings CLINICAL.md 5 allows): once any pain check of this session
has been red or stop, or pain has spread further down a leg, or the
session stopped for pain or safety, no card shows again until the next
session, not in later drills' rests and not on the summary. A check the
person has answered but not yet acted on counts as soon as it stands, and
a check-in of 8 or more (in the stop band; the person carried on anyway)
counts as a stop check.

Which card: the deck is dealt in order, one card per moment (a rest, the
summary), starting after the last card this person saw, which the app
remembers in its settings. So no card shows twice in a row, within a
session or across two, as long as the deck holds two cards or more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from backcoach.coach.pain import checkin_suggests_rest
from backcoach.coach.session_view import EndReason, Stage

if TYPE_CHECKING:
    from backcoach.coach.session_view import SessionView
    from backcoach.content.education import Card

__all__ = ["MIN_REST_SECONDS", "CardDeal", "card_moment", "pain_said_no"]

#: Shorter rests are for breathing, not for reading.
MIN_REST_SECONDS = 20.0
#: A band at or past which no card shows (the gate's ``Band`` values).
NO_CARD_BANDS = frozenset({"red", "stop"})
#: How a session may end and still show a card on its summary.
CARD_ENDINGS = frozenset({EndReason.COMPLETED, EndReason.ENDED_EARLY})

#: What identifies one showing of a card: the same moment keeps its card.
Moment = tuple[object, ...]


def pain_said_no(view: SessionView) -> bool:
    """True once this session has had a red or stop pain check (a check-in of
    8 or more included), or a leg spread."""
    if view.red_gates or view.leg_spreads:
        return True
    if view.checkin_pain is not None and checkin_suggests_rest(view.checkin_pain):
        return True
    gate = view.gate_result
    if gate is not None and (gate.band.value in NO_CARD_BANDS or gate.leg_spread):
        return True
    last = view.last_gate
    if last is not None and (last.get("gate_band") in NO_CARD_BANDS or last.get("leg_spread")):
        return True
    return any(r.get("gate_band") in NO_CARD_BANDS or r.get("leg_spread") for r in view.records)


def card_moment(view: SessionView) -> Moment | None:
    """The moment a card belongs to in ``view``, or None when no card may show there."""
    if pain_said_no(view):
        return None
    if view.stage is Stage.SUMMARY:
        return ("summary",) if view.end_reason in CARD_ENDINGS else None
    segment = view.segment
    if view.stage is not Stage.WORK or segment is None or segment.kind != "rest":
        return None
    if segment.seconds < MIN_REST_SECONDS:
        return None
    return ("rest", view.index, view.drill.id, segment.set_number)


class CardDeal:
    """Deals cards in deck order, one per moment, starting after the last one seen.

    ``on_dealt`` hears each newly dealt card's id (the app saves it, so the
    next session does not open with the card this one ended on).
    """

    def __init__(
        self,
        cards: Sequence[Card],
        last_seen: str | None = None,
        on_dealt: Callable[[str], None] | None = None,
    ) -> None:
        self.cards = tuple(cards)
        ids = [card.id for card in self.cards]
        self._next = (ids.index(last_seen) + 1) if last_seen in ids else 0
        self._moment: Moment | None = None
        self._card: Card | None = None
        self._on_dealt = on_dealt

    def card_for(self, moment: Moment | None) -> Card | None:
        """The card for ``moment``: the same as last time for the same moment, else the next."""
        if moment is None or not self.cards:
            return None
        if moment != self._moment:
            self._moment = moment
            self._card = self.cards[self._next % len(self.cards)]
            self._next += 1
            if self._on_dealt is not None:
                self._on_dealt(self._card.id)
        return self._card
