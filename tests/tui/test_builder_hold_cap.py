"""The builder shows and keeps a drill's longest hold: bird dog's hold field
reads 5-10 s and refuses 12 with the validator's sentence."""

from __future__ import annotations

from typing import Any

from conftest import text_of
from test_builder import SIZE, builtin, edit, open_builder
from textual.widgets import OptionList


async def test_the_hold_field_keeps_bird_dog_within_10_seconds(make_harness: Any) -> None:
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        program = builtin("hip-and-core")
        screen = await open_builder(h, pilot, program)
        index = [item.drill.id for item in program.items].index("bird-dog")
        screen.query_one("#builder-drills", OptionList).highlighted = index
        await pilot.pause()
        assert text_of(screen, "#row-hold .field-hint") == "5-10 s"

        await edit(pilot, screen, "dose-hold", "12")
        assert text_of(screen, "#dose-hold-error") == (
            "Hold must be at most 10 seconds for Bird dog, which is done as short holds, repeated (got 12)."
        )
        assert screen.query_one("#dose-hold").has_class("-invalid")
        assert "hold" not in screen.draft.items[index].overrides

        await edit(pilot, screen, "dose-hold", "9")
        assert screen.draft.items[index].overrides["hold"] == 9
        assert not screen.query_one("#dose-hold").has_class("-invalid")

        screen.query_one("#builder-drills", OptionList).highlighted = 0  # a drill with no cap
        await pilot.pause()
        assert text_of(screen, "#row-hold .field-hint") == "5-600 s, or 10m"
