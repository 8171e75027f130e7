"""A fake machine for the sound tests: what is installed, running and plugged in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

RUNTIME = "/run/user/1000"
ALSA_CARDS = " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"


@dataclass
class FakeMachine:
    """A machine made of sets: commands on PATH, files that exist, what pactl says."""

    commands: frozenset[str] = frozenset()
    server: bool | None = None  # None: no pactl to ask
    files: frozenset[str] = frozenset()
    cards: str = ""
    pcm: tuple[str, ...] = ()
    env: Mapping[str, str] = field(default_factory=lambda: {"XDG_RUNTIME_DIR": RUNTIME})

    def which(self, command: str) -> str | None:
        return f"/usr/bin/{command}" if command in self.commands else None

    def server_answers(self) -> bool | None:
        return self.server

    def exists(self, path: str) -> bool:
        return path in self.files

    def read_text(self, path: str) -> str:
        return self.cards if path == "/proc/asound/cards" else ""

    def glob(self, pattern: str) -> list[str]:
        return list(self.pcm) if pattern == "/dev/snd/pcm*p" else []
