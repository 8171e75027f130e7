"""Without PulseAudio the real-audio test is skipped with the reason, except
where ``BACKCOACH_REQUIRE_AUDIO=1`` (``.ci/run``) makes that a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pulse_server import REQUIRE_ENV, PulseServer


def test_no_pulseaudio_is_a_skip_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="PulseAudio is not installed"):
        PulseServer(tmp_path).start()


def test_no_pulseaudio_fails_where_real_audio_is_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_ENV}=1 requires the real-audio test"):
        PulseServer(tmp_path).start()
