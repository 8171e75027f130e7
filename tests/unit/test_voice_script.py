"""What the voice says for a whole session, engine-level, with a fake clock.

The session is driven as the runner drives it: every 50 ms the engine ticks,
its cue tones go to the voice queue, and the new view goes through
``prompts_between``; what the queue starts is the transcript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock
from backcoach.coach.pain import GateChoice
from backcoach.coach.session import Difficulty, LegReach, SessionEngine, SessionView, Stage
from backcoach.sound import sounds_dir
from backcoach.store.timefmt import now_iso
from backcoach.voice import wav_seconds
from backcoach.voice_queue import VoiceQueue
from backcoach.voice_script import context_of, prompts_between
from backcoach.voice_words import phrases_for

STEP = 0.05
PHRASE_SECONDS = 0.3
THINKING_SECONDS = 2.0
PAUSE_SECONDS = 30.0

ROLLS = make_drill("cat-camel", "reps", reps=2, sets=2, rest=20)
PLANK = make_drill("front-plank", "hold", hold=30)
STRETCH = make_drill("hamstring-stretch", "per_side", seconds=20)


def seconds_of(words: tuple[str, ...]) -> float:
    return PHRASE_SECONDS * len(words)


@dataclass
class Run:
    said: list[tuple[float, tuple[str, ...]]] = field(default_factory=list)
    tones: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def transcript(self) -> list[str]:
        return [" ".join(words) for _, words in self.said]


def run_session(*drills, speed: float = 1.0, pause_at: float | None = None) -> Run:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    clock.speed = speed
    engine = SessionEngine(make_program(*drills), clock, easier_of=lambda d: None, needs_safety_check=False, wall_time=now_iso)
    queue = VoiceQueue()
    run = Run()
    last: SessionView | None = None
    tone_seconds = {}
    ended_at: float | None = None
    t = 0.0

    def step(now: float) -> None:
        nonlocal last
        for cue in engine.cues:
            length = tone_seconds.setdefault(cue.value, wav_seconds(sounds_dir() / f"{cue.value}.wav") or 1.0)
            queue.tone(now, length)
            run.tones.append((now, length, cue.value))
        engine.cues.clear()
        view = engine.view()
        for prompt in prompts_between(last, view, now):
            queue.offer(prompt)
        last = view
        said = queue.next(now, context_of(view), seconds_of)
        if said is not None:
            run.said.append((round(now, 3), said.words))

    step(0.0)
    engine.checkin_and_go(2, LegReach.NONE)  # as the app does: the check-in is the first pain check
    step(0.0)
    entered = (engine.stage, 0.0)
    while ended_at is None or t < ended_at + 3:
        t = round(t + STEP, 3)
        clock.advance(STEP * speed)
        stage = engine.stage
        paused = engine.timer.paused
        if stage is not entered[0]:
            entered = (stage, t)
        waited = t - entered[1] >= THINKING_SECONDS  # a person takes a moment at each question
        if stage is Stage.GATE and waited:
            engine.gate(2)
            engine.choose(GateChoice.GO)
        elif stage is Stage.RATING and waited:
            engine.rate(Difficulty.ABOUT_RIGHT)
        elif stage is Stage.SUMMARY and ended_at is None:
            ended_at = t
        elif pause_at is not None and stage is Stage.WORK and t >= pause_at:
            if not engine.timer.paused:
                engine.toggle_pause()
            elif t >= pause_at + PAUSE_SECONDS:
                engine.toggle_pause()
                pause_at = None
        if engine.stage is not stage or engine.timer.paused != paused:
            step(t)  # the runner follows every action, as it follows every tick
        engine.tick()
        step(t)
        assert t < 1000, "the session never ended"
    return run


COUNT = ["three", "two", "one"]


def test_a_whole_session_says_each_step_in_order() -> None:
    run = run_session(ROLLS, PLANK, STRETCH)
    breath = ["breathe out round up — flex", "breathe in arch — extend"] * 2
    assert run.transcript == [  # the first drill's pain check is the check-in: not asked again
        "Cat camel two sets of two reps", *COUNT, *breath,
        "rest", "ten seconds", *COUNT, *breath,
        "how did that feel", "pain check",
        "Front plank thirty seconds", *COUNT, "hold", "ten seconds", *COUNT,
        "how did that feel", "pain check",
        "Hamstring stretch twenty seconds each side", *COUNT,
        "left side hold", "ten seconds", *COUNT, "switch sides", *COUNT, "right side hold", "ten seconds", *COUNT,
        "how did that feel",
        "session complete",
    ]  # fmt: skip


def test_nothing_is_said_over_a_tone() -> None:
    run = run_session(ROLLS, PLANK, STRETCH)
    for start, words in run.said:
        end = start + seconds_of(words)
        for tone_start, length, cue in run.tones:
            assert not (tone_start < end and start < tone_start + length), (words, start, cue, tone_start)


def test_every_prompt_finishes_before_the_next_tone_it_knows_of() -> None:
    """A countdown number is said between its tick and the next one."""
    run = run_session(PLANK)
    ticks = [start for start, _, cue in run.tones if cue == "tick"]
    numbers = [(start, words) for start, words in run.said if words[0] in COUNT]
    assert len(numbers) == 6
    for start, words in numbers:
        following = [t for t in ticks if t > start]
        if following:
            assert start + seconds_of(words) <= following[0] + 1e-9


def test_a_fast_breath_says_only_the_breath_word() -> None:
    quick = make_drill("pelvic-tilt", "reps", reps=1)
    run = run_session(quick, speed=2.0)  # 4 s phases at 2x: 2 s each, the tone takes 0.6 of them
    breaths = [t for t in run.transcript if t.startswith("breathe")]
    assert breaths == ["breathe out round up — flex", "breathe in arch — extend"]
    run = run_session(quick, speed=4.0)  # 1 s phases: only the breath word fits after the tone
    assert [t for t in run.transcript if t.startswith("breathe")] == ["breathe out", "breathe in"]


def test_a_pause_silences_what_was_waiting_and_says_nothing_new() -> None:
    run = run_session(PLANK, pause_at=25.0)  # 9 s into the hold, about a second before "ten seconds"
    paused_from = 25.0
    said_while_paused = [words for start, words in run.said if paused_from <= start < paused_from + PAUSE_SECONDS]
    assert said_while_paused == []
    assert run.transcript.count("ten seconds") == 1  # said once the hold carries on


def test_every_phrase_a_session_uses_is_one_the_generator_makes() -> None:
    run = run_session(ROLLS, PLANK, STRETCH)
    used = {w for _, words in run.said for w in words}
    assert used <= phrases_for([ROLLS, PLANK, STRETCH])
