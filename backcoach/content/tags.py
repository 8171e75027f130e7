"""Checking a drill's direction tags and equipment list.

Both are safety data: a person whose leg pain worsens on arching needs
``extension = "none"`` to be true, and a program must not surprise someone
on the floor with a band they do not own. So they are checked as strictly
as the breathing: every direction field present and from its fixed scale,
equipment from a fixed list, no repeats, and ``none`` only on its own.
"""

from __future__ import annotations

from typing import Any

from backcoach.content.model import (
    DIRECTION_CHOICES,
    DIRECTION_FIELDS,
    EQUIPMENT,
    Direction,
)
from backcoach.content.validate import MISSING_MESSAGE, Checker, check_keys, nth, show, take_choice


def check_direction(ck: Checker, table: dict[str, Any] | None) -> Direction | None:
    """The ``[direction]`` table, or None (with the problems added to ``ck``)."""
    if table is None:
        return None
    check_keys(ck, table, DIRECTION_FIELDS, "direction")
    values = {key: take_choice(ck, table, key, "direction", choices) for key, choices in DIRECTION_CHOICES.items()}
    if any(value is None for value in values.values()):
        return None
    return Direction(**values)  # type: ignore[arg-type]  # every value was just checked to be a str


def check_equipment(ck: Checker, data: dict[str, Any]) -> tuple[str, ...] | None:
    """``equipment = ["mat", "ball"]``: known items, each once; ``["none"]`` alone."""
    if "equipment" not in data:
        ck.add("equipment", MISSING_MESSAGE + ' (use ["none"] when the drill needs nothing)')
        return None
    raw = data["equipment"]
    if not isinstance(raw, list) or not 1 <= len(raw) <= len(EQUIPMENT):
        ck.add("equipment", f'must be a list of 1 to {len(EQUIPMENT)} items, like ["mat", "ball"]')
        return None
    items: list[str] = []
    for index, item in enumerate(raw):
        if not isinstance(item, str) or item not in EQUIPMENT:
            ck.add(nth("equipment", index), f"must be one of: {', '.join(EQUIPMENT)} (got {show(item)})")
        elif item in items:
            ck.add(nth("equipment", index), f"{show(item)} is listed twice")
        else:
            items.append(item)
    if len(items) != len(raw):
        return None
    if "none" in items and len(items) > 1:
        ck.add("equipment", '"none" cannot be listed with other equipment')
        return None
    return tuple(items)
