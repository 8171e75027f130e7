"""A private PulseAudio server with a null sink, and a recorder of its monitor.

The real-audio test and the latency bench each start their own server (its
own socket in a temp folder), so nothing else that plays sound on the
machine, or in a parallel test, is recorded. ``BACKCOACH_REQUIRE_AUDIO=1``
(set by ``.ci/run``) turns "cannot start a server here" from a skip into a
failure, so CI cannot pass without really hearing the app.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.audio_match import pcm_from_raw as pcm_tail

SINK = "backcoach_test"
RATE = 22050
START_TIMEOUT = 10.0
#: Sample level (of 32768) below which the sink counts as silent.
QUIET = 300
REQUIRE_ENV = "BACKCOACH_REQUIRE_AUDIO"


def unavailable(reason: str) -> None:
    """Skip with ``reason``, or fail where a real-audio run is required."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 requires the real-audio test to run")
    pytest.skip(reason)


class PulseServer:
    """``pulseaudio`` in the foreground, its own socket, one null sink as the default."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "native"
        self.log = folder / "pulseaudio.log"
        self.process: subprocess.Popen[bytes] | None = None
        runtime = folder / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        #: What a client needs to reach this server and no other.
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PULSE_")},
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(runtime),
            "HOME": str(folder),
        }

    def start(self) -> None:
        pulseaudio = shutil.which("pulseaudio")
        if pulseaudio is None:
            unavailable("PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils)")
        missing = [tool for tool in ("pactl", "parec", "paplay") if shutil.which(tool) is None]
        if missing:
            unavailable(f"{', '.join(missing)} not installed (apt-get install pulseaudio-utils)")
        command = [
            str(pulseaudio),
            "--daemonize=no",
            "-n",  # no default.pa: only the modules below
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--log-target=stderr",
            "-L",
            f"module-native-protocol-unix socket={self.socket} auth-anonymous=1",
            "-L",
            f"module-null-sink sink_name={SINK} rate=44100",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self.answers():
                return
            time.sleep(0.05)
        self.stop()
        unavailable(f"PulseAudio did not start here: {self.log.read_text(errors='replace').strip()[-400:]}")

    def answers(self) -> bool:
        done = subprocess.run(["pactl", "info"], env=self.env, capture_output=True, timeout=5, check=False)
        return done.returncode == 0

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


class Recorder:
    """``parec`` of the sink's monitor, mono s16le, with the recording tied to ``time.monotonic``.

    Every chunk's arrival time minus the audio before it bounds when the
    first sample was played; the earliest such bound is the recording's
    start on the monotonic clock (late arrivals only ever make it later).
    """

    def __init__(self, server: PulseServer) -> None:
        self.server = server
        self.chunks: list[bytes] = []
        self.start_time = float("inf")
        self._bytes = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                "parec",
                f"--device={SINK}.monitor",
                "--format=s16le",
                "--channels=1",
                f"--rate={RATE}",
                "--latency-msec=5",
                "--raw",
            ],
            env=self.server.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        if not self._started.wait(START_TIMEOUT):
            self.stop()
            pytest.fail("parec recorded nothing from the null sink's monitor")

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        while True:
            chunk = self._process.stdout.read1(4096)
            now = time.monotonic()
            if not chunk:
                return
            self.chunks.append(chunk)
            self._bytes += len(chunk)
            self.start_time = min(self.start_time, now - self._bytes / 2 / RATE)
            self._started.set()

    def wait_quiet(self, seconds: float = 1.0, timeout: float = 15.0) -> None:
        """Wait until the last ``seconds`` of the recording are silent: every sound played out."""
        want = int(seconds * RATE) * 2
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            tail = self._tail(want)
            if len(tail) == want and max(map(abs, pcm_tail(tail))) < QUIET:
                return
            time.sleep(0.05)
        pytest.fail(f"the null sink never went quiet for {seconds} s")

    def _tail(self, size: int) -> bytes:
        parts: list[bytes] = []
        have = 0
        for chunk in reversed(list(self.chunks)):
            parts.append(chunk)
            have += len(chunk)
            if have >= size:
                break
        return b"".join(reversed(parts))[-size:]

    def stop(self) -> bytes:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(5)
        if self._thread is not None:
            self._thread.join(5)
        return b"".join(self.chunks)
