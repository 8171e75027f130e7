"""A program file's adaptation settings: ``adapt``, ``adapt_max_steps`` and the ``[profile]`` table.

A physiotherapist may turn the adaptive coach off for a program (``adapt =
false``: the doses stay as written), cap how far it may raise any drill
(``adapt_max_steps``: steps above the written dose), and say what they know
about the person's back in ``[profile]`` (which direction eases, how far
to limit a movement, where leg pain reaches), so today's plan swaps or
leaves out drills beyond it. Checked as strictly as the rest of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backcoach.content.model import EASES, EXTENTS, LEG_REACH, LIMITABLE, Profile, Program
from backcoach.content.tomlwrite import toml_value
from backcoach.content.validate import Checker, at, check_keys, show, take_bool, take_choice, take_int

ADAPT_KEYS = ("adapt", "adapt_max_steps", "profile")
PROFILE_KEYS = ("eases", "limits", "leg", "provisional")
#: A cap of 0 lets the coach step down but never up; 20 is past the top of every ladder.
MAX_STEPS_BOUNDS = (0, 20)


def take_adapt_settings(ck: Checker, data: Mapping[str, Any]) -> tuple[bool, int | None, Profile | None]:
    """(adapt, adapt_max_steps, profile) from a program file's top level; problems go to ``ck``."""
    adapt = take_bool(ck, data, "adapt", "", required=False)
    max_steps = take_int(ck, data, "adapt_max_steps", "", *MAX_STEPS_BOUNDS, required=False)
    profile = None
    if "profile" in data:
        profile = _take_profile(ck, data["profile"])
    return adapt is not False, max_steps, profile


def _take_profile(ck: Checker, table: object) -> Profile | None:
    if not isinstance(table, dict):
        ck.add("profile", "must be a table ([profile])")
        return None
    before = ck.count
    check_keys(ck, table, PROFILE_KEYS, "profile")
    eases = take_choice(ck, table, "eases", "profile", EASES, required=False)
    leg = take_choice(ck, table, "leg", "profile", LEG_REACH, required=False)
    provisional = take_bool(ck, table, "provisional", "profile", required=False)
    limits: list[tuple[str, str]] = []
    raw = table.get("limits", {})
    if not isinstance(raw, dict):
        ck.add(at("profile", "limits"), 'must be a table, like limits = { extension = "small" }')
    else:
        where = at("profile", "limits")
        check_keys(ck, raw, LIMITABLE, where)
        for movement in LIMITABLE:
            if movement in raw:
                extent = raw[movement]
                if isinstance(extent, str) and extent in EXTENTS:
                    limits.append((movement, extent))
                else:
                    ck.add(at(where, movement), f"must be one of: {', '.join(EXTENTS)} (got {show(extent)})")
    if ck.count != before:
        return None
    return Profile(eases=eases or "unknown", limits=tuple(limits), leg=leg, provisional=bool(provisional))


def adapt_toml_lines(program: Program) -> list[str]:
    """The settings as program file lines (only what differs from the defaults), ``[profile]`` last."""
    lines = []
    if not program.adapt:
        lines.append("adapt = false")
    if program.adapt_max_steps is not None:
        lines.append(f"adapt_max_steps = {toml_value(program.adapt_max_steps)}")
    profile = program.profile
    if profile is not None:
        lines += ["", "[profile]", f"eases = {toml_value(profile.eases)}"]
        if profile.limits:
            inner = ", ".join(f"{movement} = {toml_value(extent)}" for movement, extent in profile.limits)
            lines.append(f"limits = {{ {inner} }}")
        if profile.leg is not None:
            lines.append(f"leg = {toml_value(profile.leg)}")
        if profile.provisional:
            lines.append("provisional = true")
    return lines
