"""Home says what the highlighted program needs before it starts (issue 11
item 4), and the line follows the highlight."""

from __future__ import annotations

from conftest import Harness, ready, text_of

from backcoach.content.library import default_library
from backcoach.content.model import Program
from backcoach.content.programs import parse_program

SIZE = (80, 30)


def program(program_id: str, *drill_ids: str) -> Program:
    entries = "".join(f'\n[[drills]]\nid = "{drill_id}"\n' for drill_id in drill_ids)
    text = f'id = "{program_id}"\nname = "{program_id}"\n{entries}'
    return parse_program(text, f"{program_id}.toml", default_library())


async def test_the_equipment_line_follows_the_highlight(make_harness) -> None:  # type: ignore[no-untyped-def]
    programs = [
        program("a-floor", "adductor-ball-squeeze", "cat-camel", "glute-bridge"),
        program("b-walk", "walking"),
        program("c-band", "monster-walk", "hip-hinge-dowel", "sciatic-nerve-floss"),
    ]
    h: Harness = make_harness(programs=programs)
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = h.app.screen
        assert text_of(screen, "#equipment") == "You will need: a mat, a small ball"
        await pilot.press("down")
        await pilot.pause()
        assert text_of(screen, "#equipment") == "You will need: nothing"
        await pilot.press("down")
        await pilot.pause()
        assert text_of(screen, "#equipment") == (
            "You will need: a resistance band, a dowel or broom handle, a sturdy chair"
        )
        await pilot.press("up", "up")
        await pilot.pause()
        assert text_of(screen, "#equipment") == "You will need: a mat, a small ball"


async def test_no_programs_means_no_equipment_line(make_harness) -> None:  # type: ignore[no-untyped-def]
    h: Harness = make_harness(programs=[])
    async with h.app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert text_of(h.app.screen, "#equipment") == ""
