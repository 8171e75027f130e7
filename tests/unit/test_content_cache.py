"""The start-up content cache: a hit, and every way it must fall back to the files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach import paths
from backcoach.content import cache
from backcoach.content.cache import (
    StartupContent,
    build_startup_content,
    load_startup_content,
)
from backcoach.content.errors import ContentError

REAL_ASSETS = paths.assets_dir()

BAD_PROGRAM = 'id = "broken"\nname = "Broken"\ndescription = "No drills."\n'


@pytest.fixture
def assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped drills and programs, so tests may edit them."""
    folder = tmp_path / "assets"
    shutil.copytree(REAL_ASSETS / "drills", folder / "drills")
    shutil.copytree(REAL_ASSETS / "programs", folder / "programs")
    monkeypatch.setattr(paths, "assets_dir", lambda: folder)
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data dir and cache dir; the overrides are always reset.

    Files written by a test are seconds old at most, so the racy-file rule is
    turned off here (its own tests below turn it back on).
    """
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    folder = tmp_path / "cache"
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(folder))
    paths.set_data_dir(tmp_path / "data")
    try:
        yield folder
    finally:
        paths.set_data_dir(None)


def cache_file(folder: Path) -> Path:
    return folder / cache.FILE_NAME


def no_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> StartupContent:
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(cache, "build_startup_content", fail)


def rename_drill(assets: Path, drill_id: str, name: str) -> None:
    path = assets / "drills" / f"{drill_id}.toml"
    text = path.read_text(encoding="utf-8")
    old = text.split("\n")[1]
    assert old.startswith("name = ")
    path.write_text(text.replace(old, f'name = "{name}"', 1), encoding="utf-8")


def test_a_hit_returns_what_the_files_say(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_startup_content()
    assert cache_file(cache_dir).is_file()
    no_rebuild(monkeypatch)
    again = load_startup_content()
    assert again is not first
    assert dict(again.library) == dict(first.library)
    assert list(again.library) == list(first.library)
    assert again.builtins == first.builtins
    assert again.imported == first.imported == ()
    assert again.problems == first.problems == ()
    # Drills a program uses as they are stay the library's own objects.
    plain = [item for p in again.builtins for item in p.items if not item.overrides]
    assert plain and all(item.drill is again.library[item.drill.id] for item in plain)


def test_the_cache_file_is_private(assets: Path, cache_dir: Path) -> None:
    load_startup_content()
    assert cache_file(cache_dir).stat().st_mode & 0o077 == 0
    assert cache_dir.stat().st_mode & 0o077 == 0
    assert [p.name for p in cache_dir.iterdir()] == [cache.FILE_NAME]


def test_an_edited_drill_file_is_read_again(assets: Path, cache_dir: Path) -> None:
    before = load_startup_content()
    assert before.library["cat-camel"].name == "Cat-camel"
    rename_drill(assets, "cat-camel", "Cat and camel, slowly")
    after = load_startup_content()
    assert after.library["cat-camel"].name == "Cat and camel, slowly"
    uses = [item.drill.name for p in after.builtins for item in p.items if item.drill.id == "cat-camel"]
    assert uses and set(uses) == {"Cat and camel, slowly"}


def test_a_removed_program_file_is_noticed(assets: Path, cache_dir: Path) -> None:
    before = load_startup_content()
    gone = assets / "programs" / f"{before.builtins[0].id}.toml"
    gone.unlink()
    after = load_startup_content()
    assert [p.id for p in after.builtins] == [p.id for p in before.builtins[1:]]


def test_a_broken_shipped_drill_still_raises_and_is_not_cached(
    assets: Path, cache_dir: Path
) -> None:
    load_startup_content()
    (assets / "drills" / "cat-camel.toml").write_text('id = "cat-camel"\n', encoding="utf-8")
    with pytest.raises(ContentError, match="cat-camel.toml"):
        load_startup_content()
    with pytest.raises(ContentError, match="cat-camel.toml"):
        load_startup_content()


def test_imported_programs_and_their_problems_come_back_from_the_cache(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = paths.programs_dir()
    programs.mkdir(parents=True)
    shutil.copy(assets / "programs" / "gentle-morning.toml", programs / "my-morning.toml")
    (programs / "broken.toml").write_text(BAD_PROGRAM, encoding="utf-8")
    built = load_startup_content()
    assert [p.origin for p in built.imported] == ["imported"]
    assert [problem.file for problem in built.problems] == ["broken.toml"]
    no_rebuild(monkeypatch)
    cached = load_startup_content()
    assert cached.imported == built.imported
    assert [str(problem) for problem in cached.problems] == [str(p) for p in built.problems]


def test_a_newly_imported_program_is_noticed(assets: Path, cache_dir: Path) -> None:
    assert load_startup_content().problems == ()
    programs = paths.programs_dir()
    programs.mkdir(parents=True)
    (programs / "broken.toml").write_text(BAD_PROGRAM, encoding="utf-8")
    assert [problem.file for problem in load_startup_content().problems] == ["broken.toml"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="torn"),
        pytest.param(lambda data: b"not a pickle at all" * 50, id="garbage"),
        pytest.param(lambda data: bytes(len(data)), id="zeros"),
    ],
)
def test_a_damaged_cache_is_rebuilt_and_rewritten(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    expected = build_startup_content()
    load_startup_content()
    target = cache_file(cache_dir)
    target.write_bytes(damage(target.read_bytes()))  # type: ignore[operator]
    assert load_startup_content().builtins == expected.builtins
    no_rebuild(monkeypatch)
    assert load_startup_content().builtins == expected.builtins


def test_a_cache_from_another_version_is_not_used(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_startup_content()
    monkeypatch.setattr(cache, "__version__", "999.0")
    calls: list[int] = []
    real_build = cache.build_startup_content

    def counting_build() -> StartupContent:
        calls.append(1)
        return real_build()

    monkeypatch.setattr(cache, "build_startup_content", counting_build)
    load_startup_content()
    assert calls == [1]


def test_an_unwritable_cache_folder_only_costs_time(
    assets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regular file where the folder should be: no permission trick that
    # root would ignore.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(blocker / "cache"))
    paths.set_data_dir(tmp_path / "data")
    try:
        first = load_startup_content()
        second = load_startup_content()
    finally:
        paths.set_data_dir(None)
    assert first.builtins == second.builtins == build_startup_content().builtins
    assert blocker.read_text(encoding="utf-8") == ""


def test_a_failed_write_leaves_no_temp_file(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", refuse)
    assert load_startup_content().builtins
    assert list(cache_dir.iterdir()) == []


def test_stamps_change_with_the_file_and_skip_hidden_files(tmp_path: Path) -> None:
    folder = tmp_path / "drills"
    assert cache.stamps(folder, ".toml") == (str(folder), ())
    folder.mkdir()
    (folder / "a.toml").write_text("x = 1\n", encoding="utf-8")
    (folder / ".hidden.toml").write_text("x = 1\n", encoding="utf-8")
    (folder / "notes.txt").write_text("", encoding="utf-8")
    (folder / "sub.toml").mkdir()
    before = cache.stamps(folder, ".toml")
    assert [stamp[0] for stamp in before[1]] == ["a.toml"]
    (folder / "a.toml").write_text("x = 22\n", encoding="utf-8")
    assert cache.stamps(folder, ".toml") != before


def test_a_redirected_data_dir_keeps_its_cache_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.CACHE_DIR_ENV, raising=False)
    paths.set_data_dir(tmp_path / "data")
    try:
        assert paths.cache_dir() == tmp_path / "data" / "cache"
    finally:
        paths.set_data_dir(None)


def test_content_read_just_after_an_edit_is_not_cached(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", 3600.0)  # every file counts as just edited
    load_startup_content()
    assert not cache_file(cache_dir).exists()
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    load_startup_content()
    assert cache_file(cache_dir).is_file()


@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_a_cache_file_others_can_write_is_never_unpickled(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    load_startup_content()
    cache_file(cache_dir).chmod(mode)
    rebuilt: list[bool] = []
    real_build = cache.build_startup_content

    def build() -> StartupContent:
        rebuilt.append(True)
        return real_build()

    monkeypatch.setattr(cache, "build_startup_content", build)
    load_startup_content()
    assert rebuilt == [True]
