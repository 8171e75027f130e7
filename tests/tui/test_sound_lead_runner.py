"""The runner starts a cue early by the player's latency, and only once."""

from __future__ import annotations

from conftest import ready_left, settle

from backcoach.coach.session import Stage

SIZE = (80, 24)


async def test_the_first_breath_cue_starts_before_its_moment_and_plays_once(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    h.player.latency = 0.02
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n")
        await settle(pilot)
        await pilot.press("2", "enter", "n")  # the check-in is the first pain check: Get ready runs
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None
        h.clock.advance(ready_left(h) - 0.1)  # 100 ms before the drill's first exhale
        runner.tick()
        assert runner.engine.stage is Stage.READY and "exhale" not in h.player.played
        for _ in range(500):  # the early start is a real-time wake-up 80 ms from now
            if "exhale" in h.player.played:
                break
            await pilot.pause(0.01)
        assert h.player.played.count("exhale") == 1
        assert runner.engine.stage is Stage.READY  # before the moment itself
        h.clock.advance(0.2)
        runner.tick()
        await settle(pilot)
        assert runner.engine.stage is Stage.WORK
        assert h.player.played.count("exhale") == 1  # the engine's own exhale was not played again


async def test_without_a_latency_cues_play_when_the_engine_queues_them(make_harness) -> None:  # type: ignore[no-untyped-def]
    h = make_harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n")
        await settle(pilot)
        await pilot.press("2", "enter", "n")  # the check-in is the first pain check: Get ready runs
        await settle(pilot)
        runner = h.app.runner
        assert runner is not None
        h.clock.advance(ready_left(h) - 0.1)
        runner.tick()
        await pilot.pause(0.15)
        assert "exhale" not in h.player.played
        h.clock.advance(0.2)
        runner.tick()
        await settle(pilot)
        assert h.player.played.count("exhale") == 1
