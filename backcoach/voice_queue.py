"""When each spoken prompt may start: one voice, never over a tone, never late.

Pure: the caller says what time it is (real seconds) and how long a phrase
sequence takes to say; nothing here plays or waits. The rules, in order:

- One thing at a time. A cue tone or a prompt makes the voice busy until
  it has finished (and a short gap after a prompt); a prompt offered
  meanwhile waits. So a tone and a prompt due at the same moment give the
  tone first and the prompt after it.
- Most important first: among waiting prompts the highest ``Priority``
  goes first, then the oldest.
- Never stale. A prompt belongs to a place in the session (its
  ``context``); once the session is elsewhere (the next segment, a pause,
  another screen) it is dropped unsaid. A prompt also knows the moment of
  the next tone it could run into (``before``): if it can no longer finish
  by then it is said in its short form if that fits, else dropped. A
  prompt that waited longer than ``MAX_WAIT_SECONDS`` is dropped too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import IntEnum

#: Silence after a prompt before the next one, so two never run together.
GAP_SECONDS = 0.15
#: A prompt not said within this long is about a moment that has passed.
MAX_WAIT_SECONDS = 3.0

Words = tuple[str, ...]


class Priority(IntEnum):
    """Which waiting prompt goes first (higher first)."""

    #: The drill's name and dose, "ten seconds": helpful, not urgent.
    INFO = 1
    #: "breathe out, round up": the breath a movement goes with.
    BREATH = 2
    #: A change of what to do: "hold", "rest", "switch sides", "left side",
    #: "pain check", "session complete".
    STEP = 3
    #: "three", "two", "one": useless a second late.
    COUNT = 4


@dataclass(frozen=True)
class Prompt:
    words: Words
    priority: Priority
    context: Hashable
    """Where in the session it belongs; dropped once the session is elsewhere."""
    offered_at: float
    before: float | None = None
    """The real time it must have finished by (the next tone); None: no limit."""
    short: Words = ()
    """What to say instead when ``words`` no longer fit before ``before``."""


@dataclass(frozen=True)
class Utterance:
    """A prompt to start now: these words, taking ``seconds``."""

    words: Words
    start: float
    seconds: float
    priority: Priority


class VoiceQueue:
    def __init__(self) -> None:
        self._waiting: list[Prompt] = []
        self._busy_until = float("-inf")
        self._last_now = float("-inf")

    @property
    def waiting(self) -> tuple[Prompt, ...]:
        return tuple(self._waiting)

    def tone(self, now: float, seconds: float) -> None:
        """A cue tone started now and sounds for ``seconds``: nothing is said over it."""
        self._catch_up(now)
        self._busy_until = max(self._busy_until, now + seconds)

    def _catch_up(self, now: float) -> None:
        """Real seconds come from the session clock over its speed, so a clinic
        demo's change of speed can move them back: start afresh rather than
        stay silent until the old times come round again."""
        if now < self._last_now:
            self._waiting.clear()
            self._busy_until = float("-inf")
        self._last_now = now

    def offer(self, prompt: Prompt) -> None:
        self._catch_up(prompt.offered_at)
        self._waiting.append(prompt)

    def clear(self) -> None:
        """Forget every waiting prompt (the voice was switched off)."""
        self._waiting.clear()

    def next(
        self, now: float, context: Hashable, seconds_of: Callable[[Words], float | None]
    ) -> Utterance | None:
        """The prompt to start now, if any; it is taken off the queue.

        ``seconds_of`` says how long words take to say (None: they cannot
        be said, e.g. no clip and no live voice). Stale prompts are dropped
        whether or not the voice is free.
        """
        self._catch_up(now)
        self._waiting = [
            p for p in self._waiting if p.context == context and now - p.offered_at <= MAX_WAIT_SECONDS
        ]
        if now < self._busy_until:
            return None
        order = sorted(range(len(self._waiting)), key=lambda i: (-self._waiting[i].priority, i))
        chosen: Utterance | None = None
        dropped: set[int] = set()
        for i in order:
            prompt = self._waiting[i]
            dropped.add(i)  # said now, or it never will be: time only moves on
            chosen = _fitting(prompt, now, seconds_of)
            if chosen is not None:
                break
        self._waiting = [p for i, p in enumerate(self._waiting) if i not in dropped]
        if chosen is not None:
            self._busy_until = now + chosen.seconds + GAP_SECONDS
        return chosen


def _fitting(prompt: Prompt, now: float, seconds_of: Callable[[Words], float | None]) -> Utterance | None:
    for words in (prompt.words, prompt.short):
        if not words:
            continue
        seconds = seconds_of(words)
        if seconds is None:
            continue
        if prompt.before is None or now + seconds <= prompt.before:
            return Utterance(words, now, seconds, prompt.priority)
    return None
