"""Shared helpers for the benchmarks that start programs in a real terminal.

Not a benchmark itself and not collected by pytest. ``launch.py`` and
``memory.py`` import it from their own folder.

The terminal is a private tmux server (its own socket, no user config).
Sessions are created and panes captured over one tmux *control mode*
connection (``tmux -C``), so polling the screen every few milliseconds costs
a line written to a pipe instead of a new ``tmux`` client process each time
(which would take CPU from the program being measured).
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PYTHON = str(VENV_BIN / Path(sys.executable).name)

#: The baseline every terminal benchmark compares against.
MINIMAL_APP = '''\
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("ready")


if __name__ == "__main__":
    Minimal().run()
'''


def program_env() -> dict[str, str]:
    """This environment, minus what would make the measured programs unlike a user's.

    ``PYTHONDONTWRITEBYTECODE`` (set in some development shells) stops the
    untimed warm-up run from writing ``.pyc`` files, so every timed run
    would compile whichever modules changed since the last compile: noise
    that a user's installed copy never pays. Both subjects run without it.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def backcoach_script() -> str:
    """The installed console script next to this interpreter."""
    script = VENV_BIN / "backcoach"
    if not script.exists():
        sys.exit(
            f"no console script at {script}; install first: "
            f"{PYTHON} -m pip install -e '.[test]'"
        )
    return str(script)


def write_minimal_app(folder: Path) -> Path:
    path = folder / "minimal_app.py"
    path.write_text(MINIMAL_APP)
    return path


def median(values: list[float]) -> float:
    return statistics.median(values)


class TmuxError(RuntimeError):
    pass


class Tmux:
    """A private tmux server driven over one control-mode connection."""

    def __init__(self, width: int = 100, height: int = 30) -> None:
        if shutil.which("tmux") is None:
            sys.exit("tmux is not installed (apt-get install -y tmux)")
        self.width = width
        self.height = height
        self.socket = f"backcoach-bench-{os.getpid()}"
        self._base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        self._count = 0
        env = program_env()
        subprocess.run(
            [*self._base, "new-session", "-d", "-s", "keep", "-x", str(width), "-y", str(height), "sleep 86400"],
            check=True,
            env=env,
        )
        self._control = subprocess.Popen(
            [*self._base, "-C", "attach-session", "-t", "keep"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            encoding="utf-8",
            errors="replace",
        )
        self.socket_path = Path(self.command("display-message -p '#{socket_path}'")[0])
        self.command("set-option -g status off")
        # Keep a pane whose program ended, so its last screen can be shown.
        self.command("set-option -g remain-on-exit on")

    def close(self) -> None:
        try:
            subprocess.run([*self._base, "kill-server"], capture_output=True, timeout=10)
        finally:
            self._control.kill()
            self._control.wait()
            self.socket_path.unlink(missing_ok=True)  # tmux leaves it behind

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def command(self, line: str) -> list[str]:
        """Run one tmux command over the control connection; return its output lines."""
        self._send(line)
        return self._read_block(line)

    def _send(self, line: str) -> None:
        assert self._control.stdin is not None
        self._control.stdin.write(line + "\n")
        self._control.stdin.flush()

    def _read_block(self, line: str = "") -> list[str]:
        """The output of the next command block (notifications around it are skipped)."""
        assert self._control.stdout is not None
        out: list[str] = []
        inside = ours = False
        while True:
            text = self._control.stdout.readline()
            if not text:
                raise TmuxError(f"tmux control connection closed during {line!r}")
            text = text.rstrip("\n")
            if not inside:
                # "%begin TIME NUMBER FLAGS": FLAGS is 1 for a command this
                # client sent; the attach itself answers with a 0 block, and
                # not always before the first command's block.
                inside = text.startswith("%begin ")
                ours = inside and text.split()[-1] == "1"
                continue  # notifications between command blocks
            if text.startswith(("%end ", "%error ")):
                if not ours:
                    inside = False
                    out.clear()
                    continue
                if text.startswith("%error "):
                    raise TmuxError(f"{line!r} failed: {' '.join(out)}")
                return out
            out.append(text)

    def start(self, argv: list[str], env: dict[str, str] | None = None) -> str:
        """Start ``argv`` in a new detached session (the program execs, no shell left)."""
        self._count += 1
        name = f"run{self._count}"
        words = ["exec", "env", *(f"{k}={v}" for k, v in (env or {}).items()), *argv]
        self.command(
            f"new-session -d -s {name} -x {self.width} -y {self.height} {shlex.quote(shlex.join(words))}"
        )
        return name

    def capture(self, name: str) -> str:
        return "\n".join(self.command(f"capture-pane -p -t {name}"))

    def pane_pid(self, name: str) -> int:
        return int(self.command(f"display-message -p -t {name} '#{{pane_pid}}'")[0])

    def send_keys(self, name: str, *keys: str) -> None:
        self.command(f"send-keys -t {name} {' '.join(shlex.quote(k) for k in keys)}")

    def alive(self, name: str) -> bool:
        return name in self.command("list-sessions -F '#{session_name}'")

    def dead(self, name: str) -> bool:
        """The program in the session's pane has exited."""
        return self.command(f"display-message -p -t {name} '#{{pane_dead}}'") == ["1"]

    def kill(self, name: str) -> None:
        if self.alive(name):
            self.command(f"kill-session -t {name}")

    def time_to_text(
        self,
        argv: list[str],
        text: str,
        env: dict[str, str] | None = None,
        poll: float = 0.005,
        timeout: float = 30.0,
    ) -> tuple[str, float]:
        """Start ``argv``; seconds until ``text`` shows in the pane (from just before new-session)."""
        start = time.perf_counter()
        name = self.start(argv, env)
        while True:
            screen = self.capture(name)
            elapsed = time.perf_counter() - start
            if text in screen:
                return name, elapsed
            if elapsed > timeout or self.dead(name):
                screen = self.capture(name)
                self.kill(name)
                why = "the program exited" if elapsed <= timeout else f"not within {timeout:.0f} s"
                raise TmuxError(f"{text!r} did not appear ({why}); screen:\n{screen}")
            time.sleep(poll)

    def quit(self, name: str, keys: tuple[str, ...], timeout: float = 10.0) -> bool:
        """Press the program's quit key until it exits, then remove its session.

        The key is sent again every half second: right after the first frame
        a key can arrive before the app reads input. Returns False if the
        program had to be killed because it did not exit in time.
        """
        pid = self.pane_pid(name)
        deadline = time.monotonic() + timeout
        exited = False
        next_press = 0.0
        while time.monotonic() < deadline:
            if not _pid_alive(pid):
                exited = True
                break
            if time.monotonic() >= next_press and not self.dead(name):
                self.send_keys(name, *keys)
                next_press = time.monotonic() + 0.5
            time.sleep(0.01)
        self.kill(name)
        while _pid_alive(pid) and time.monotonic() < deadline + 5:
            time.sleep(0.01)
        return exited


def _pid_alive(pid: int) -> bool:
    """Running (a zombie the tmux server has not reaped yet counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def finish(ok: bool, strict: bool) -> None:
    """Exit 0 unless ``--strict`` was given and a target was missed."""
    sys.exit(1 if strict and not ok else 0)
