"""The sound cues and CuePlayer, without a real audio device.

Every wait is on an Event or Condition with a generous bound that only
matters if something is broken; nothing sleeps and hopes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import wave
from array import array
from pathlib import Path

import pytest

from backcoach import sound
from backcoach.sound import CUE_NAMES, NO_BACKEND_HINT, CuePlayer, SoundStatus, probe
from backcoach.sound_output import choose_player
from tests.sound_fakes import FakeMachine

WAIT = 5.0  # seconds; only reached when a test is about to fail
GENERATE = sound.sounds_dir() / "generate.py"


def ok_prober() -> SoundStatus:
    return SoundStatus(True, "fake", "playing cues with fake")


class Recorder:
    """A fake ``play`` that records cue names and the thread it ran on."""

    def __init__(self) -> None:
        self.played: list[str] = []
        self.paths: list[Path] = []
        self.threads: list[threading.Thread] = []
        self._cond = threading.Condition()

    def __call__(self, path: Path) -> None:
        with self._cond:
            self.played.append(path.stem)
            self.paths.append(path)
            self.threads.append(threading.current_thread())
            self._cond.notify_all()

    def wait_for(self, count: int) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: len(self.played) >= count, timeout=WAIT), self.played


class Problems:
    """A fake ``on_problem`` that counts calls."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.called = threading.Event()

    def __call__(self, sentence: str) -> None:
        self.sentences.append(sentence)
        self.called.set()


@pytest.fixture
def players():
    """Make CuePlayers that are closed and whose threads are joined after the test."""
    made: list[CuePlayer] = []

    def make(**kwargs) -> CuePlayer:
        player = CuePlayer(**kwargs)
        made.append(player)
        return player

    yield make
    for player in made:
        player.close()
        finish(player)


def finish(player: CuePlayer) -> None:
    """Wait for the worker thread (if any) to end, so later assertions are final."""
    thread = player._thread
    if thread is not None:
        thread.join(WAIT)
        assert not thread.is_alive()


def assert_one_sentence(text: str | None) -> None:
    assert isinstance(text, str) and text.strip()
    assert "\n" not in text
    assert text.startswith("Sound is off:") and text.endswith(".")


# -- the cue files -------------------------------------------------------------


@pytest.mark.parametrize("name", CUE_NAMES)
def test_cue_file_is_a_small_gentle_mono_wav(name):
    path = sound.sounds_dir() / f"{name}.wav"
    assert path.is_file()
    assert path.stat().st_size < 60_000
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 1
        assert w.getsampwidth() == 2
        assert w.getframerate() == 22050
        frames = w.getnframes()
        assert 0 < frames <= 2 * w.getframerate()
        pcm = array("h", w.readframes(frames))
    if sys.byteorder == "big":
        pcm.byteswap()
    peak = max(abs(s) for s in pcm) / 32768
    assert 0.4 <= peak <= 0.55  # about -6 dBFS, nowhere near clipping
    assert abs(pcm[0]) < 100 and abs(pcm[-1]) < 100  # faded in and out: no click


def test_sounds_folder_holds_exactly_the_cues():
    assert sorted(p.stem for p in sound.sounds_dir().glob("*.wav")) == sorted(CUE_NAMES)


def test_committed_cues_match_the_generator():
    result = subprocess.run(
        [sys.executable, str(GENERATE), "--check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_generator_check_notices_a_changed_file(tmp_path):
    shutil.copy(GENERATE, tmp_path / "generate.py")
    for name in CUE_NAMES:
        shutil.copy(sound.sounds_dir() / f"{name}.wav", tmp_path)
    (tmp_path / "tick.wav").write_bytes(b"not a wav")
    check = [sys.executable, str(tmp_path / "generate.py"), "--check"]

    stale = subprocess.run(check, capture_output=True, text=True, timeout=60)
    assert stale.returncode == 1
    assert "tick.wav" in stale.stderr

    subprocess.run([sys.executable, str(tmp_path / "generate.py")], check=True, capture_output=True, timeout=60)
    assert subprocess.run(check, capture_output=True, timeout=60).returncode == 0


# -- probe() -------------------------------------------------------------------


def test_probe_reports_every_missing_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sound, "sounds_dir", lambda: tmp_path)
    status = probe()
    assert not status.available
    assert status.backend is None
    assert str(tmp_path) in status.reason
    for name in CUE_NAMES:
        assert name in status.reason


def test_probe_names_only_the_files_that_are_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(sound, "sounds_dir", lambda: tmp_path)
    for name in CUE_NAMES[1:]:
        (tmp_path / f"{name}.wav").write_bytes(b"")
    status = probe()
    assert not status.available
    assert status.reason.endswith(f": {CUE_NAMES[0]}")


def test_probe_with_nowhere_for_sound_to_go_is_off_with_the_fix(monkeypatch):
    playsound3 = pytest.importorskip("playsound3")
    monkeypatch.setattr(playsound3, "DEFAULT_BACKEND", "gst_play")  # gst-play-1.0 exits 0 and plays nothing
    machine = FakeMachine(commands=frozenset({"gst-play-1.0"}))
    status = probe(lambda backend: choose_player(machine, backend))
    assert not status.available and status.backend is None
    assert "no sound server" in status.reason
    assert any("pulseaudio" in fix for fix in status.fixes)


def test_probe_with_a_server_but_no_player_says_what_to_install(monkeypatch):
    playsound3 = pytest.importorskip("playsound3")
    monkeypatch.setattr(playsound3, "DEFAULT_BACKEND", None)
    machine = FakeMachine(server=True)
    status = probe(lambda backend: choose_player(machine, backend))
    assert (status.available, status.reason) == (False, NO_BACKEND_HINT)
    assert any("pulseaudio-utils" in fix for fix in status.fixes)


def test_probe_with_a_server_and_paplay_plays_with_paplay_early_by_its_latency(monkeypatch):
    playsound3 = pytest.importorskip("playsound3")
    monkeypatch.setattr(playsound3, "DEFAULT_BACKEND", "gst_play")
    machine = FakeMachine(commands=frozenset({"paplay", "gst-play-1.0"}), server=True)
    status = probe(lambda backend: choose_player(machine, backend))
    assert status.available and status.backend == "paplay"
    assert status.command == ("/usr/bin/paplay",)
    assert status.latency > 0 and status.fixes == ()


# -- judging a run ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "elapsed", "clip", "words"),
    [
        (0, 0.62, 0.6, None),  # played its clip
        (0, 0.31, 0.6, None),  # paplay may end a little early: half the clip is still a play
        (0, 0.01, 0.6, "nothing was played"),  # gst-play-1.0 without a server
        (0, 0.001, 0.06, None),  # a tick is too short to judge by its run time
        (1, 0.5, 0.6, "exit code 1"),
        (None, 10.6, 0.6, "still running"),
    ],
)
def test_a_run_that_failed_or_ended_impossibly_soon_is_no_sound(code, elapsed, clip, words):
    problem = sound.run_problem(code, elapsed, clip)
    if words is None:
        assert problem is None
    else:
        assert problem is not None and words in problem


def test_clip_seconds_reads_the_wav_and_is_zero_for_a_broken_file(tmp_path):
    assert sound.clip_seconds(sound.sounds_dir() / "exhale.wav") == pytest.approx(0.6)
    (tmp_path / "bad.wav").write_bytes(b"RIFF")
    assert sound.clip_seconds(tmp_path / "bad.wav") == 0.0


class FakeRun:
    """A player process: ``wait`` ends at once with ``code``, the fake clock moved by ``takes``."""

    def __init__(self, clock: list[float], code: int, takes: float) -> None:
        self.clock = clock
        self.code = code
        self.takes = takes
        self.waited = threading.Event()

    def wait(self, timeout: float | None = None) -> int:
        self.clock[0] += self.takes
        self.waited.set()
        return self.code


def watched_player(players, code: int, takes: float, problems: Problems):
    clock = [100.0]
    runs: list[FakeRun] = []

    def play(path: Path) -> FakeRun:
        runs.append(FakeRun(clock, code, takes))
        return runs[-1]

    player = players(play=play, prober=ok_prober, on_problem=problems, monotonic=lambda: clock[0])
    return player, runs


def test_a_player_that_exits_0_at_once_turns_sound_off_with_one_sentence(players):
    problems = Problems()
    player, runs = watched_player(players, code=0, takes=0.005, problems=problems)
    player.cue("exhale")
    assert problems.called.wait(WAIT)
    assert_one_sentence(player.problem)
    assert "nothing was played" in player.problem and "backcoach doctor" in player.problem
    assert player.working is False
    player.cue("inhale")  # ignored from now on
    finish(player)
    assert len(runs) == 1


def test_a_player_that_plays_the_whole_clip_keeps_sound_on(players):
    problems = Problems()
    player, runs = watched_player(players, code=0, takes=0.6, problems=problems)
    player.cue("exhale")
    for _ in range(int(WAIT * 100)):
        if runs:
            break
        threading.Event().wait(0.01)
    assert runs and runs[0].waited.wait(WAIT)
    player.close()
    finish(player)
    for thread in threading.enumerate():
        if thread.name == "backcoach-sound-watch":
            thread.join(WAIT)
    assert player.problem is None and player.working is True


def test_a_playsound3_sound_is_judged_by_its_subprocess(players):
    problems = Problems()
    clock = [0.0]

    class Sound:
        subprocess = FakeRun(clock, 3, 0.6)

    player = players(play=lambda path: Sound(), prober=ok_prober, on_problem=problems, monotonic=lambda: clock[0])
    player.cue("hold_end")
    assert problems.called.wait(WAIT)
    assert "exit code 3" in (player.problem or "")


def test_working_and_latency_follow_the_probe(players):
    statuses: list[SoundStatus] = []
    seen = threading.Event()

    def on_status(status: SoundStatus) -> None:
        statuses.append(status)
        seen.set()

    good = SoundStatus(True, "paplay", "playing cues with paplay", ("paplay",), 0.01)
    player = players(play=Recorder(), prober=lambda: good, on_status=on_status)
    assert player.working is None and player.latency == 0.0
    player.start()
    assert seen.wait(WAIT)
    assert statuses == [good]
    assert player.working is True and player.latency == 0.01


# -- CuePlayer -----------------------------------------------------------------


def test_cues_play_in_order_on_the_worker_thread(players):
    rec = Recorder()
    player = players(play=rec, prober=ok_prober)
    for count, name in enumerate(CUE_NAMES, start=1):
        player.cue(name)
        rec.wait_for(count)  # one at a time: a backlog is deliberately dropped
    assert rec.played == list(CUE_NAMES)
    assert all(path == sound.sounds_dir() / f"{path.stem}.wav" for path in rec.paths)
    assert all(path.is_file() for path in rec.paths)
    assert all(t is not threading.main_thread() and t.name == "backcoach-sound" for t in rec.threads)
    assert player.status == ok_prober()
    assert player.problem is None


def test_a_muted_player_plays_nothing_and_probes_nothing(players):
    rec = Recorder()
    probes: list[None] = []

    def prober() -> SoundStatus:
        probes.append(None)
        return ok_prober()

    player = players(muted=True, play=rec, prober=prober)
    for name in CUE_NAMES:
        player.cue(name)
    player.close()
    finish(player)
    assert rec.played == []
    assert probes == []
    assert player.status is None


def test_muting_mid_session_stops_later_cues(players):
    rec = Recorder()
    player = players(play=rec, prober=ok_prober)
    player.cue("exhale")
    rec.wait_for(1)
    player.muted = True
    player.cue("inhale")
    player.close()
    finish(player)
    assert rec.played == ["exhale"]


def test_no_backend_turns_sound_off_once_without_raising(players):
    rec = Recorder()
    problems = Problems()
    release = threading.Event()

    def prober() -> SoundStatus:
        release.wait(WAIT)
        return SoundStatus(False, None, NO_BACKEND_HINT)

    player = players(play=rec, prober=prober, on_problem=problems)
    for name in CUE_NAMES:  # queued while the probe is still running
        player.cue(name)
    release.set()
    assert problems.called.wait(WAIT)
    finish(player)  # the worker gives up after the failed probe

    for name in CUE_NAMES:  # ignored from now on
        player.cue(name)
    finish(player)
    assert problems.sentences == [player.problem]
    assert_one_sentence(player.problem)
    assert "no sound player was found" in player.problem and "backcoach doctor" in player.problem
    assert player.status is not None and not player.status.available
    assert rec.played == []


def test_a_failing_player_turns_sound_off_once_without_raising(players):
    problems = Problems()
    calls: list[Path] = []

    def play(path: Path) -> None:
        calls.append(path)
        raise RuntimeError("device busy")

    player = players(play=play, prober=ok_prober, on_problem=problems)
    player.cue("exhale")
    assert problems.called.wait(WAIT)
    finish(player)
    player.cue("inhale")
    player.cue("tick")
    finish(player)
    assert len(calls) == 1
    assert problems.sentences == [player.problem]
    assert_one_sentence(player.problem)
    assert "device busy" in player.problem


@pytest.mark.parametrize("muted", [False, True])
def test_an_unknown_cue_is_a_programming_error(players, muted):
    rec = Recorder()
    player = players(muted=muted, play=rec, prober=ok_prober)
    with pytest.raises(ValueError, match="breathe_sideways"):
        player.cue("breathe_sideways")
    assert player._thread is None


def test_cue_returns_while_the_player_is_still_blocked(players):
    started = threading.Event()
    release = threading.Event()
    returned = threading.Event()
    rec = Recorder()

    def play(path: Path) -> None:
        started.set()
        release.wait(WAIT)
        rec(path)

    player = players(play=play, prober=ok_prober)

    def caller() -> None:
        player.cue("exhale")
        assert started.wait(WAIT)  # the worker is now stuck inside play
        player.cue("inhale")
        returned.set()

    thread = threading.Thread(target=caller, daemon=True)
    thread.start()
    assert returned.wait(WAIT)
    assert rec.played == []  # both cue() calls came back while the first play had not finished
    release.set()
    thread.join(WAIT)
    rec.wait_for(2)
    assert rec.played == ["exhale", "inhale"]
