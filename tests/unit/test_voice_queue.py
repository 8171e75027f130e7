"""The voice queue's order and priorities: one voice, never over a tone, never stale."""

from __future__ import annotations

from backcoach.voice_queue import GAP_SECONDS, MAX_WAIT_SECONDS, Priority, Prompt, VoiceQueue

HERE = ("drill", 1)


def seconds_of(words: tuple[str, ...]) -> float | None:
    """Half a second a phrase; "unsayable" has no clip and no live voice."""
    return None if "unsayable" in words else 0.5 * len(words)


def prompt(*words: str, priority: Priority = Priority.STEP, at: float = 0.0, **kw: object) -> Prompt:
    return Prompt(tuple(words), priority, kw.pop("context", HERE), at, **kw)  # type: ignore[arg-type]


def spoken(queue: VoiceQueue, until: float, step: float = 0.05, context: object = HERE) -> list[tuple[float, tuple[str, ...]]]:
    """Pump the queue like the runner's 20 Hz tick: (start, words) of each utterance."""
    out = []
    t = 0.0
    while t <= until + 1e-9:
        said = queue.next(round(t, 3), context, seconds_of)
        if said is not None:
            out.append((round(said.start, 3), said.words))
        t += step
    return out


def test_a_tone_and_a_prompt_at_the_same_moment_give_the_tone_first() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, 0.6)
    queue.offer(prompt("breathe out"))
    assert queue.next(0.0, HERE, seconds_of) is None  # the tone is sounding
    assert queue.next(0.55, HERE, seconds_of) is None
    said = queue.next(0.6, HERE, seconds_of)
    assert said is not None and said.words == ("breathe out",)


def test_prompts_never_overlap_each_other() -> None:
    queue = VoiceQueue()
    queue.offer(prompt("left side"))
    queue.offer(prompt("hold"))
    said = spoken(queue, 2.0)
    assert [w for _, w in said] == [("left side",), ("hold",)]
    assert said[1][0] >= said[0][0] + 0.5 + GAP_SECONDS - 1e-9


def test_the_highest_priority_goes_first_then_the_oldest() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, 0.2)
    queue.offer(prompt("cat camel", priority=Priority.INFO))
    queue.offer(prompt("breathe out", priority=Priority.BREATH))
    queue.offer(prompt("three", priority=Priority.COUNT))
    queue.offer(prompt("rest", priority=Priority.STEP))
    queue.offer(prompt("pain check", priority=Priority.STEP))
    said = spoken(queue, 3.0)
    assert [w[0] for _, w in said] == ["three", "rest", "pain check", "breathe out", "cat camel"]
    assert [start for start, _ in said] == [0.2, 0.85, 1.5, 2.15, 2.8]


def test_a_prompt_for_a_place_the_session_has_left_is_dropped() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, 1.0)
    queue.offer(prompt("switch sides", context=("switch",)))
    queue.offer(prompt("right side", context=("work", 2)))
    # By the time the tone is over the session is in the next segment.
    assert spoken(queue, 2.0, context=("work", 2)) == [(1.0, ("right side",))]
    assert queue.waiting == ()


def test_a_prompt_that_would_run_into_the_next_tone_says_its_short_form() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, 0.6)
    # The phase's next tone is at 1.5 s: the whole (1.0 s) no longer fits at 0.6 s.
    queue.offer(prompt("breathe out", "round up", priority=Priority.BREATH, before=1.5, short=("breathe out",)))
    assert spoken(queue, 2.0) == [(0.6, ("breathe out",))]


def test_a_prompt_with_no_time_left_is_dropped_unsaid() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, 0.9)
    queue.offer(prompt("breathe out", "round up", before=1.2, short=("breathe out",)))
    queue.offer(prompt("hold", at=0.0))
    assert spoken(queue, 2.0) == [(0.9, ("hold",))]


def test_a_prompt_that_waited_too_long_is_dropped() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, MAX_WAIT_SECONDS + 1)
    queue.offer(prompt("pain check"))
    assert spoken(queue, MAX_WAIT_SECONDS + 2) == []


def test_words_that_cannot_be_said_fall_back_or_are_skipped() -> None:
    queue = VoiceQueue()
    queue.offer(prompt("unsayable", "eight", "reps", priority=Priority.INFO, short=("cat camel",)))
    queue.offer(prompt("unsayable", priority=Priority.STEP))
    assert spoken(queue, 1.0) == [(0.0, ("cat camel",))]


def test_clear_forgets_what_waits() -> None:
    queue = VoiceQueue()
    queue.tone(0.0, 1.0)
    queue.offer(prompt("hold"))
    queue.clear()
    assert spoken(queue, 2.0) == []


def test_time_moving_back_starts_the_queue_afresh() -> None:
    """A demo's speed change moves the real seconds back: the voice is not left silent."""
    queue = VoiceQueue()
    queue.tone(500.0, 1.0)
    queue.offer(prompt("hold", at=500.0))
    queue.offer(prompt("rest", at=250.0))  # the old prompt goes with the old times
    said = queue.next(250.0, HERE, seconds_of)
    assert said is not None and said.words == ("rest",)
