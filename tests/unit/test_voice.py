"""The voice's clips, its generator, and ``Voice`` with a fake player.

``Voice`` is given a ``run`` that does each job at once, so what it hands the
player is known when ``follow`` returns; nothing sleeps.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import wave
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from factories import make_drill, make_program

from backcoach.coach.clock import FakeClock
from backcoach.coach.session import LegReach, SessionEngine, Stage
from backcoach.content.library import default_library
from backcoach.sound import CuePlayer, SoundStatus
from backcoach.store.timefmt import now_iso
from backcoach.voice import JOIN_SECONDS, Clips, Voice, voice_dir, voice_report, wav_seconds
from backcoach.voice_words import announcement, dose, duration, number, phrases_for, slug, spoken

GENERATE = voice_dir() / "generate.py"
WAIT = 5.0  # seconds; only reached when a test is about to fail
CAT = make_drill("cat-camel", "reps", reps=8)


@dataclass
class FakeSpeaker:
    muted: bool = False
    problem: str | None = None
    files: list[Path] = field(default_factory=list)

    def play_file(self, path: Path) -> None:
        self.files.append(path)


def voice(speaker: FakeSpeaker, **kwargs) -> tuple[Voice, list[str]]:  # type: ignore[no-untyped-def]
    notices: list[str] = []
    kwargs.setdefault("espeak", lambda: None)
    made = Voice(speaker, on_notice=notices.append, run=lambda job: job(), **kwargs)
    made.start()
    return made, notices


def get_ready_view(drill=CAT):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    engine = SessionEngine(make_program(drill), clock, easier_of=lambda d: None, needs_safety_check=False, wall_time=now_iso)
    checkin = engine.view()
    engine.checkin_and_go(2, LegReach.NONE)  # the check-in is the first pain check: Get ready starts by itself
    assert engine.stage is Stage.READY
    return checkin, engine.view()


def frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as w:
        return w.readframes(w.getnframes())


# -- the words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, ("zero",)), (8, ("eight",)), (19, ("nineteen",)), (20, ("twenty",)), (25, ("twenty", "five")), (60, ("sixty",))],
)
def test_numbers_compose_from_number_clips(n, words):
    assert number(n) == words


def test_the_voice_counts_only_as_far_as_a_dose_needs():
    with pytest.raises(ValueError):
        number(61)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, ("one", "second")),
        (30, ("thirty", "seconds")),
        (60, ("one", "minute")),
        (70, ("one", "minute", "ten", "seconds")),
        (600, ("ten", "minutes")),
        (3600, ("sixty", "minutes")),
    ],
)
def test_durations(seconds, words):
    assert duration(seconds) == words


@pytest.mark.parametrize(
    ("drill", "words"),
    [
        (make_drill("a", "reps", reps=1), ("one", "rep")),
        (make_drill("a", "reps", reps=12, sets=3), ("three", "sets of", "twelve", "reps")),
        (make_drill("a", "reps", reps=10, sides=2), ("ten", "reps", "each side")),
        (make_drill("a", "hold", hold=45, sets=2), ("two", "sets of", "forty", "five", "seconds")),
        (make_drill("a", "per_side", seconds=30), ("thirty", "seconds", "each side")),
        (make_drill("a", "timed", seconds=600), ("ten", "minutes")),
    ],
)
def test_a_dose_is_said_from_its_numbers(drill, words):
    assert dose(drill) == words


def test_every_dose_the_bounds_allow_can_be_said():
    """Whatever dose the adaptive coach picks (within DOSAGE_BOUNDS), it has clips."""
    phrases = phrases_for([])
    for reps in range(1, 51):
        for sets in (1, 10):
            assert set(dose(make_drill("a", "reps", reps=reps, sets=sets, sides=2))) <= phrases
    for seconds in range(5, 3601):
        assert set(duration(seconds)) <= phrases


def test_names_are_spoken_without_brackets():
    assert spoken("Hamstring stretch (lying)") == "Hamstring stretch, lying"
    assert slug("Hamstring stretch (lying)") == "hamstring-stretch-lying"
    assert slug("Cat-camel") == "cat-camel"


# -- the clips -------------------------------------------------------------------


def test_every_phrase_of_the_library_has_a_clip():
    """A new drill or movement label needs ``python assets/voice/generate.py``."""
    clips = Clips(voice_dir())
    missing = sorted(p for p in phrases_for(default_library().values()) if not clips.has(p))
    assert missing == []


def test_clips_are_small_mono_16_bit_and_few_megabytes():
    paths = sorted(voice_dir().glob("*.wav"))
    assert paths
    for path in paths:
        with wave.open(str(path), "rb") as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 11025), path.name
        assert 0.15 < (wav_seconds(path) or 0) < 3.0, path.name
    assert sum(p.stat().st_size for p in paths) < 4 * 1024 * 1024


def test_the_generator_check_passes_on_the_committed_clips():
    result = subprocess.run([sys.executable, str(GENERATE), "--check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_the_generator_check_names_a_missing_and_a_left_over_clip(tmp_path):
    folder = tmp_path / "voice"
    shutil.copytree(voice_dir(), folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "breathe-out.wav").unlink()
    (folder / "old-prompt.wav").write_bytes(b"RIFF")
    result = subprocess.run(
        [sys.executable, str(GENERATE), "--check", "--dir", str(folder)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "no clip for: breathe out" in result.stderr
    assert "old-prompt.wav" in result.stderr


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="comparing byte for byte needs espeak-ng")
def test_the_generator_check_notices_a_changed_clip(tmp_path):
    folder = tmp_path / "voice"
    shutil.copytree(voice_dir(), folder, ignore=shutil.ignore_patterns("*.py"))
    recorded = (folder / "espeak-ng.txt").read_text().strip()
    here = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.split("Data at:")[0].strip()
    if here != recorded:
        pytest.skip(f"the clips were made with {recorded}, this is {here}")
    shutil.copy(folder / "three.wav", folder / "hold.wav")
    result = subprocess.run(
        [sys.executable, str(GENERATE), "--check", "--dir", str(folder)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "out of date: hold.wav" in result.stderr


# -- Voice with a fake player -------------------------------------------------------


def test_get_ready_says_the_name_and_dose_as_one_joined_clip():
    speaker = FakeSpeaker()
    v, notices = voice(speaker)
    intro, ready = get_ready_view()
    v.follow(intro, 0.0)
    v.follow(ready, 0.0)
    (path,) = speaker.files
    words = announcement(CAT)
    assert words == ("Cat camel", "eight", "reps")
    gap = b"\x00\x00" * round(JOIN_SECONDS * 11025)
    assert frames(path) == gap.join(frames(voice_dir() / f"{slug(w)}.wav") for w in words)
    assert notices == []
    v.close()
    assert not path.exists()  # the joined clips live in a temporary folder, removed at the end


def test_a_one_phrase_prompt_plays_its_own_clip():
    speaker = FakeSpeaker()
    v, _ = voice(speaker)
    intro, ready = get_ready_view()
    v.follow(intro, 0.0)
    v.follow(ready, 0.0)
    speaker.files.clear()
    later = replace(ready, remaining=2.95)  # the countdown's first tick has passed
    v.follow(later, 5.0)
    assert speaker.files == [voice_dir() / "three.wav"]


def test_a_tone_just_played_defers_the_prompt():
    speaker = FakeSpeaker()
    v, _ = voice(speaker)
    intro, ready = get_ready_view()
    v.follow(intro, 0.0)
    v.tone("hold_end", 0.0)  # about 0.8 s long
    v.follow(ready, 0.0)
    assert speaker.files == []
    v.follow(ready, 0.5)
    assert speaker.files == []
    v.follow(ready, 1.0)
    assert len(speaker.files) == 1
    v.close()


@pytest.mark.parametrize("off", ["disabled", "muted", "broken"])
def test_nothing_is_said_with_the_voice_off_muted_or_no_working_player(off):
    speaker = FakeSpeaker(muted=off == "muted", problem="Sound is off: no player." if off == "broken" else None)
    v, notices = voice(speaker, enabled=off != "disabled")
    intro, ready = get_ready_view()
    v.follow(intro, 0.0)
    v.follow(ready, 0.0)
    v.follow(ready, 1.0)
    assert speaker.files == [] and notices == []
    assert not v.speaking


def test_no_clips_and_no_espeak_is_one_notice_and_silence(tmp_path):
    speaker = FakeSpeaker()
    v, notices = voice(speaker, folder=tmp_path)
    intro, ready = get_ready_view()
    for now in (0.0, 1.0, 2.0):
        v.follow(intro if now == 0 else ready, now)
    assert speaker.files == []
    assert len(notices) == 1 and notices[0].startswith("Voice is off: there are no voice clips in")


def test_a_phrase_without_a_clip_is_left_out_with_one_notice(tmp_path):
    folder = tmp_path / "voice"
    shutil.copytree(voice_dir(), folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "cat-camel.wav").unlink()
    speaker = FakeSpeaker()
    v, notices = voice(speaker, folder=folder)
    drill = make_drill("cat-camel", "reps", reps=8)
    intro, ready = get_ready_view(drill)
    v.follow(intro, 0.0)
    v.follow(ready, 0.0)
    assert speaker.files == []  # the name has no clip, and the dose alone would say nothing useful
    assert notices == [
        "The voice has no clip for 'Cat camel' and espeak-ng is not installed, so it leaves such prompts out; "
        "the screen and the tones still cue every step."
    ]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="speaking live needs espeak-ng")
def test_a_phrase_without_a_clip_is_spoken_live_where_espeak_ng_is_installed(tmp_path):
    speaker = FakeSpeaker()
    v, notices = voice(speaker, folder=tmp_path / "none", espeak=lambda: shutil.which("espeak-ng"))
    intro, ready = get_ready_view()
    v.follow(intro, 0.0)
    v.follow(ready, 0.0)
    (path,) = speaker.files
    assert (wav_seconds(path) or 0) > 0.5
    assert notices == []
    v.close()


def test_the_clips_are_read_on_the_voice_worker_thread():
    seen: list[threading.Thread] = []
    done = threading.Event()

    def find_espeak() -> None:
        seen.append(threading.current_thread())
        done.set()

    v = Voice(FakeSpeaker(), espeak=find_espeak)
    v.start()
    assert done.wait(WAIT)
    assert seen[0] is not threading.main_thread() and seen[0].name == "backcoach-voice"
    v.close()


# -- through the cue player -----------------------------------------------------------


def test_the_cue_player_plays_a_prompt_file_after_the_cues_on_its_worker():
    played: list[Path] = []
    both = threading.Event()

    def play(path: Path) -> None:
        played.append(path)
        if len(played) == 2:
            both.set()

    player = CuePlayer(play=play, prober=lambda: SoundStatus(True, "fake", "fake"))
    player.cue("tick")
    prompt = voice_dir() / "three.wav"
    # The voice hands over a prompt only once the tone is over: wait for the tick first.
    while not played:
        threading.Event().wait(0.01)
    player.play_file(prompt)
    assert both.wait(WAIT)
    assert played[1] == prompt and played[0].name == "tick.wav"
    player.close()


def test_a_muted_cue_player_takes_no_prompt_file():
    played: list[Path] = []
    player = CuePlayer(muted=True, play=played.append, prober=lambda: SoundStatus(True, "fake", "fake"))
    player.play_file(voice_dir() / "three.wav")
    assert player._thread is None and played == []


# -- doctor -------------------------------------------------------------------------


def test_doctor_line_names_the_clips_and_the_setting():
    drills = list(default_library().values())
    line = voice_report(drills, enabled=True)
    assert line.startswith(f"on; {len(list(voice_dir().glob('*.wav')))} clips in {voice_dir()}")
    assert voice_report(drills, enabled=False).startswith("off in the settings (v turns it on); ")


def test_doctor_line_names_phrases_without_a_clip(tmp_path, monkeypatch):
    folder = tmp_path / "voice"
    shutil.copytree(voice_dir(), folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "bird-dog.wav").unlink()
    monkeypatch.setattr("backcoach.voice.espeak_path", lambda: None)
    line = voice_report(default_library().values(), enabled=True, folder=folder)
    assert line.endswith("; 1 phrase(s) without a clip (left out: espeak-ng is not installed): Bird dog")
    empty = voice_report(default_library().values(), enabled=True, folder=tmp_path / "none")
    assert empty.startswith("off: no voice clips in") and "apt-get install espeak-ng" in empty
