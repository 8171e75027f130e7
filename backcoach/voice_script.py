"""What the voice says when: prompts derived from two consecutive session views.

Pure, and outside the engine on purpose: the engine's views already say
everything a prompt needs (stage, segment, breath phase, time left), so the
runner hands each new view here with the one before it and queues what
comes back (``voice_queue``). The engine stays as it was, and a session
replayed with a fake clock gives the same prompts every time.

What is said (issue 13, item 5):

- "pain check" at each pain check; "how did that feel" at the rating;
  "session complete" when the whole session is done;
- at "Get ready": the drill's name and dose ("Cat-camel, eight reps");
  only the name where the dose would not be done before the countdown's
  first tick;
- in a reps drill, at every breath phase: "breathe out" or "breathe in"
  with the movement ("breathe out, round up"); only the breath word where
  the whole would run into the next phase's tone;
- at the start of a side, "left side" / "right side"; of a hold, "hold";
  of a rest, "rest"; of a switch, "switch sides";
- "ten seconds" left in a hold, stretch, walk or rest of 20 s or more;
- "three", "two", "one" with the last three ticks of every countdown.

Every prompt carries the moment of the next tone it must not run into
(``Prompt.before``), in real seconds: session seconds over the clock's speed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Protocol

from backcoach.coach.session_view import EndReason, SessionView, Stage
from backcoach.voice_queue import Priority, Prompt
from backcoach.voice_words import (
    BREATHE_IN,
    BREATHE_OUT,
    HOLD,
    HOW_DID_THAT_FEEL,
    LEFT_SIDE,
    PAIN_CHECK,
    REST,
    RIGHT_SIDE,
    SECONDS,
    SESSION_COMPLETE,
    SWITCH_SIDES,
    announcement,
    number,
)

#: The countdown's ticks (``coach.timer.LAST_SECONDS_TICKS``): spoken as numbers.
COUNTDOWN = (3, 2, 1)
TEN = 10
#: "ten seconds" only where the countdown is long enough for it to be news.
TEN_SECONDS_FROM = 20.0


def context_of(view: SessionView) -> Hashable:
    """Where the session is, as far as a prompt cares: one prompt is dropped
    once this changes (a new stage, drill or segment; a pause)."""
    segment = view.segment if view.stage is Stage.WORK else None
    return (view.stage, view.index, view.drill.id, segment, view.paused)


def prompts_between(before: SessionView | None, after: SessionView, now: float) -> list[Prompt]:
    """The prompts the step from ``before`` to ``after`` calls for, at real time ``now``."""
    if after.paused:
        return []
    context = context_of(after)
    moved = before is None or _place(before) != _place(after)
    prompts: list[Prompt] = []

    def say(words: tuple[str, ...], priority: Priority, left: float | None = None, short: tuple[str, ...] = ()) -> None:
        """``left``: session seconds until the next tone."""
        by = None if left is None else now + max(0.0, left) / after.speed
        prompts.append(Prompt(words, priority, context, now, by, short))

    if moved:
        _stage_prompts(after, say)
    if after.stage is Stage.READY or (after.stage is Stage.WORK and after.segment is not None):
        segment_moved = moved or before is None or before.segment != after.segment
        if segment_moved and after.stage is Stage.WORK:
            _segment_prompts(after, say)
        if after.breath is not None:
            _breath_prompt(before if not segment_moved else None, after, say)
        elif before is not None and not segment_moved:
            _countdown_prompts(before, after, say)
    return prompts


def _place(view: SessionView) -> tuple[object, ...]:
    return (view.stage, view.index, view.drill.id)


def _until_tick(view: SessionView) -> float:
    """Session seconds until the countdown's first tick (or its end)."""
    first = COUNTDOWN[0]
    return view.remaining - first if view.remaining > first else view.remaining


def _stage_prompts(view: SessionView, say: _Say) -> None:
    if view.stage is Stage.GATE:
        say((PAIN_CHECK,), Priority.STEP)
    elif view.stage is Stage.READY:
        say(announcement(view.drill), Priority.INFO, _until_tick(view), short=(view.drill.name,))
    elif view.stage is Stage.RATING:
        say((HOW_DID_THAT_FEEL,), Priority.STEP)
    elif view.stage is Stage.SUMMARY and view.end_reason is EndReason.COMPLETED:
        say((SESSION_COMPLETE,), Priority.STEP)


def _segment_prompts(view: SessionView, say: _Say) -> None:
    segment = view.segment
    assert segment is not None
    if segment.kind == "switch":
        say((SWITCH_SIDES,), Priority.STEP, _until_tick(view))
        return
    if segment.kind == "rest":
        say((REST,), Priority.STEP, _until_tick(view))
        return
    side = {1: (LEFT_SIDE,), 2: (RIGHT_SIDE,)}.get(segment.side, ())
    if view.drill.kind == "reps":
        if side:
            # The breath prompt follows; the side must not eat its phase.
            phase = view.breath.phase_remaining if view.breath is not None else view.remaining
            say(side, Priority.STEP, phase)
        return
    words = (*side, HOLD) if view.drill.kind in ("hold", "per_side") else side
    if words:
        say(words, Priority.STEP, _until_tick(view), short=side)


def _breath_prompt(before: SessionView | None, after: SessionView, say: _Say) -> None:
    breath = after.breath
    assert breath is not None
    old = before.breath if before is not None else None
    if old is not None and (old.rep, old.phase_index) == (breath.rep, breath.phase_index):
        return
    if breath.finished:
        return
    word = BREATHE_OUT if breath.phase.breath == "exhale" else BREATHE_IN
    say((word, breath.phase.label), Priority.BREATH, breath.phase_remaining, short=(word,))


def _countdown_prompts(before: SessionView, after: SessionView, say: _Say) -> None:
    segment = after.segment
    length = segment.seconds if segment is not None else None
    if (
        length is not None
        and length >= TEN_SECONDS_FROM
        and after.remaining <= TEN < before.remaining
    ):
        say((*number(TEN), SECONDS), Priority.INFO, _until_tick(after))
    crossed = [n for n in COUNTDOWN if after.remaining <= n < before.remaining and after.remaining > 0]
    if crossed:
        n = min(crossed)  # after a stalled frame, only the latest number is still true
        say(number(n), Priority.COUNT, after.remaining - (n - 1))


class _Say(Protocol):
    """``prompts_between``'s ``say``, as its helpers see it."""

    def __call__(
        self, words: tuple[str, ...], priority: Priority, left: float | None = None, short: tuple[str, ...] = ()
    ) -> None: ...
