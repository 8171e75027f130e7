"""No symlink games: links, FIFOs and devices where backcoach keeps or writes files.

Each test plants what an attacker (or an accident) would: a link from the
lock to a file worth having, a FIFO where the journal goes, a link at the
next temp name. The app must refuse with one sentence, never follow, never
truncate, never hang. A hang would be the bug itself, so every test runs
under a watchdog that turns one into a failure instead of a stuck suite.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach import cli, paths
from backcoach.safe_files import (
    UnsafePathError,
    ensure_private_dir,
    open_regular,
    read_regular_file,
    refuse_unless_regular,
)
from backcoach.store.atomic import atomic_write_bytes
from backcoach.store.errors import SettingsWriteError, UnsafeFileError
from backcoach.store.journal import CURRENT_SESSION_NAME, Journal
from backcoach.store.lock import LOCK_NAME
from backcoach.store.settings import Settings, settings_problem

SECRET = b"the victim's file\n"
HANG_GUARD_SECONDS = 120  # a watchdog for a hang, not a timing assertion


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Turn a blocking open of a FIFO (the bug) into a failure, not a stuck suite."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("blocked: a FIFO was opened without O_NONBLOCK")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "precious.txt"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder


def plant(kind: str, where: Path, victim: Path) -> None:
    if kind == "symlink":
        where.symlink_to(victim)
    elif kind == "dangling symlink":
        where.symlink_to(victim.parent / "not-there-yet")
    elif kind == "fifo":
        os.mkfifo(where)
    else:
        raise ValueError(kind)


KINDS = ["symlink", "dangling symlink", "fifo"]
WORDS = {"symlink": "a symbolic link", "dangling symlink": "a symbolic link", "fifo": "a FIFO (named pipe)"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["journal.json", LOCK_NAME, CURRENT_SESSION_NAME])
def test_a_journal_file_that_is_not_a_file_is_refused_untouched(
    data: Path, victim: Path, kind: str, name: str
) -> None:
    planted = data / name
    plant(kind, planted, victim)
    with pytest.raises(UnsafeFileError) as caught:
        Journal.open(data / "journal.json")
    message = str(caught.value)
    assert message == (
        f"backcoach will not use {planted}: it is {WORDS[kind]}, not a regular file, so it could "
        "lead somewhere else; remove it, or use --data-dir to choose another folder."
    )
    assert "\n" not in message
    assert victim.read_bytes() == SECRET  # the old bug: the lock's truncation emptied it
    assert not (victim.parent / "not-there-yet").exists()
    assert sorted(os.listdir(data)) == [name]  # left as it was, and nothing else created


def test_the_lock_open_itself_never_follows_a_link(data: Path, victim: Path) -> None:
    """Even past the up-front check (a link planted in between), the open is O_NOFOLLOW."""
    from backcoach.store.lock import JournalLock

    (data / LOCK_NAME).symlink_to(victim)
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        JournalLock.acquire(data / LOCK_NAME)
    assert victim.read_bytes() == SECRET


def test_the_cli_says_one_sentence_and_exits_2(
    data: Path, victim: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(data / "journal.json")
    paths.set_data_dir(data)
    try:
        code = cli.main(["history", "export"])
    finally:
        paths.set_data_dir(None)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "is a FIFO (named pipe), not a regular file" in err


def test_a_temp_name_planted_as_a_link_is_never_opened(
    data: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = data / "journal.json"
    planted = data / ".journal.json.planted.tmp"
    planted.symlink_to(victim)
    names = iter(["planted", "fresh"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    atomic_write_bytes(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert victim.read_bytes() == SECRET
    assert planted.is_symlink()  # left alone, and the write used the next name
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", KINDS)
def test_the_one_writer_refuses_a_target_that_is_not_a_file(
    data: Path, victim: Path, kind: str
) -> None:
    target = data / "out.md"
    plant(kind, target, victim)
    with pytest.raises(UnsafePathError):
        atomic_write_bytes(target, b"new")
    assert victim.read_bytes() == SECRET
    assert os.path.lexists(target)
    assert sorted(p.name for p in data.iterdir()) == ["out.md"]  # no temp left behind


def test_a_device_is_refused_too(data: Path) -> None:
    with pytest.raises(UnsafePathError, match="a device"):
        atomic_write_bytes(Path("/dev/null"), b"x")
    with pytest.raises(UnsafePathError, match="a device"):
        read_regular_file(Path("/dev/zero"), 10, follow=True)


def test_reading_follows_a_link_only_when_asked(data: Path, victim: Path) -> None:
    link = data / "program.toml"
    link.symlink_to(victim)
    assert read_regular_file(link, 100, follow=True) == SECRET
    with pytest.raises(UnsafePathError, match="symbolic link"):
        read_regular_file(link, 100)
    fifo = data / "pipe.toml"
    os.mkfifo(fifo)
    for follow in (True, False):
        with pytest.raises(UnsafePathError, match="FIFO"):
            read_regular_file(fifo, 100, follow=follow)
    with pytest.raises(UnsafePathError, match="folder"):
        open_regular(data, follow=True)
    assert refuse_unless_regular(data / "missing") is False


@pytest.mark.parametrize("kind", KINDS)
def test_settings_that_are_not_a_file_are_named_never_followed(
    tmp_path: Path, victim: Path, kind: str
) -> None:
    victim.write_bytes(b'{"muted": true}')
    path = tmp_path / "settings.json"
    plant(kind, path, victim)
    assert Settings.load(path).muted is False  # the defaults: the link was not read
    problem = settings_problem(path)
    assert problem is not None and problem.startswith(f"backcoach will not use {path}: it is ")
    with pytest.raises(SettingsWriteError) as caught:
        Settings(muted=True).save(path)
    assert "not a regular file" in str(caught.value) and "\n" not in str(caught.value)
    assert victim.read_bytes() == b'{"muted": true}'
    assert settings_problem(tmp_path / "nothing-here.json") is None


def test_an_oversized_settings_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"muted": true, "pad": "' + b"x" * 70_000 + b'"}')
    assert Settings.load(path).muted is False


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_created_folders_are_private_parents_included(tmp_path: Path, umask: int) -> None:
    existing = tmp_path / "home"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    leaf = existing / "share" / "backcoach" / "data"
    old = os.umask(umask)
    try:
        ensure_private_dir(leaf)
    finally:
        os.umask(old)
    for folder in (existing / "share", existing / "share" / "backcoach", leaf):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755  # not ours to change


def test_a_file_where_a_folder_should_be_is_an_error_not_a_chmod(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    blocker.chmod(0o644)
    with pytest.raises(OSError):
        ensure_private_dir(blocker)
    with pytest.raises(OSError):
        ensure_private_dir(blocker / "below")
    assert stat.S_IMODE(blocker.stat().st_mode) == 0o644


def test_the_journal_folder_and_its_parents_are_created_private(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with Journal.open(tmp_path / "a" / "b" / "journal.json"):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "argv",
    [["handout", "quick-start"], ["history", "export", "--format", "csv"]],
    ids=["handout", "export"],
)
def test_dash_o_refuses_a_target_that_is_not_a_file(
    tmp_path: Path, victim: Path, capsys: pytest.CaptureFixture[str], kind: str, argv: list[str]
) -> None:
    target = tmp_path / "out.txt"
    plant(kind, target, victim)
    paths.set_data_dir(tmp_path / "data")
    try:
        code = cli.main([*argv, "-o", str(target)])
    finally:
        paths.set_data_dir(None)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (
        f"backcoach: cannot use {target}: it is {WORDS[kind]}, not a regular file\n"
    )
    assert victim.read_bytes() == SECRET


@pytest.mark.parametrize(
    ("argv", "start"),
    [(["handout", "quick-start"], "# Quick start"), (["history", "export"], "[")],
    ids=["handout", "export"],
)
def test_dash_o_dash_is_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], start: str
) -> None:
    paths.set_data_dir(tmp_path / "data")
    try:
        code = cli.main([*argv, "-o", "-"])
    finally:
        paths.set_data_dir(None)
    out, _err = capsys.readouterr()
    assert code == 0 and out.startswith(start)
    assert not (Path.cwd() / "-").exists()
