"""Fixtures every tmux end-to-end test shares."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def tools() -> tuple[str, str]:
    """The tmux and installed ``backcoach`` executables; skip the test without them."""
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed; the end-to-end test needs a real terminal")
    backcoach = shutil.which("backcoach")
    if backcoach is None:
        pytest.skip(
            "the backcoach console script is not on PATH; "
            "install the project first: pip install -e '.[test]'"
        )
    return tmux, backcoach
