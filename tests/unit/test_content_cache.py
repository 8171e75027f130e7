"""The start-up content cache: a hit, and every way it must fall back to the files."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
    morning = (assets / "programs" / "gentle-morning.toml").read_text(encoding="utf-8")
    meta = 'clinician = "J. Physio"\nreview_on = 2027-01-15\nnotes = "private"\n'
    (programs / "my-morning.toml").write_text(meta + morning, encoding="utf-8")
    (programs / "broken.toml").write_text(BAD_PROGRAM, encoding="utf-8")
    built = load_startup_content()
    assert [p.origin for p in built.imported] == ["imported"]
    assert built.imported[0].meta.clinician == "J. Physio"
    assert [problem.file for problem in built.problems] == ["broken.toml"]
    no_rebuild(monkeypatch)
    cached = load_startup_content()
    assert cached.imported == built.imported
    assert cached.imported[0].meta == built.imported[0].meta  # Home shows who set it, and until when
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
        pytest.param(lambda data: b"not JSON at all" * 50, id="garbage"),
        pytest.param(lambda data: bytes(len(data)), id="zeros"),
    ],
)
def test_a_damaged_cache_is_rebuilt_and_rewritten(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    expected = build_startup_content()
    load_startup_content()
    target = cache_file(cache_dir)
    target.write_bytes(damage(target.read_bytes()))
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
def test_a_cache_file_others_can_write_is_never_read(
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


# ---- no way in: the cache is plain data, checked, and only ever ours ------------------------


def counting_rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    rebuilt: list[bool] = []
    real_build = cache.build_startup_content

    def build() -> StartupContent:
        rebuilt.append(True)
        return real_build()

    monkeypatch.setattr(cache, "build_startup_content", build)
    return rebuilt


class Planted:
    """Unpickling this runs ``open(marker, "w")``: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


@pytest.mark.parametrize("name", [cache.FILE_NAME, "startup-content.pickle"])
def test_a_planted_pickle_never_runs(
    assets: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    import pickle

    marker = tmp_path / "code-ran"
    cache_dir.mkdir(mode=0o700)
    (cache_dir / name).write_bytes(pickle.dumps(Planted(marker)))
    (cache_dir / name).chmod(0o600)
    rebuilt = counting_rebuilds(monkeypatch)
    content = load_startup_content()
    assert not marker.exists()
    assert rebuilt == [True] and content.builtins == build_startup_content().builtins
    assert sorted(p.name for p in cache_dir.iterdir()) == [cache.FILE_NAME]  # the old one is gone
    assert "import pickle" not in Path(cache.__file__).read_text(encoding="utf-8")


def test_the_cache_is_plain_json(assets: Path, cache_dir: Path) -> None:
    load_startup_content()
    data = json.loads(cache_file(cache_dir).read_bytes())
    assert sorted(data) == ["builtins", "imported", "key", "library", "problems"]
    assert data["key"][0] == cache.FORMAT


def test_a_linked_cache_file_is_not_read_even_if_it_is_ours(
    assets: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_startup_content()
    real = tmp_path / "elsewhere.json"
    cache_file(cache_dir).rename(real)
    cache_file(cache_dir).symlink_to(real)
    before = real.read_bytes()
    rebuilt = counting_rebuilds(monkeypatch)
    load_startup_content()
    assert rebuilt == [True]
    assert real.read_bytes() == before  # and not written through either
    assert cache_file(cache_dir).is_symlink()


def test_a_fifo_at_the_cache_never_hangs(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir.mkdir(mode=0o700)
    os.mkfifo(cache_file(cache_dir))
    rebuilt = counting_rebuilds(monkeypatch)
    assert load_startup_content().builtins
    assert rebuilt == [True]


def test_a_cache_folder_others_can_write_is_not_read_and_is_made_private(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_startup_content()
    cache_dir.chmod(0o777)
    rebuilt = counting_rebuilds(monkeypatch)
    load_startup_content()
    assert rebuilt == [True]
    assert cache_dir.stat().st_mode & 0o777 == 0o700  # the rewrite made it ours alone again


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_cache_another_user_owns_is_neither_read_nor_written(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    load_startup_content()
    target = cache_file(cache_dir)
    os.chown(target if what == "file" else cache_dir, 65534, 65534)
    before = target.read_bytes()
    rebuilt = counting_rebuilds(monkeypatch)
    load_startup_content()
    assert rebuilt == [True]
    if what == "folder":
        assert target.read_bytes() == before  # nothing written into a folder that is not ours


def _first_drill(data: dict[str, Any]) -> dict[str, Any]:
    return data["library"][0]


def _reps_drill(data: dict[str, Any]) -> dict[str, Any]:
    return next(d for d in data["library"] if d["kind"] == "reps" and d["breathing"]["phases"])


def _item(data: dict[str, Any]) -> dict[str, Any]:
    return data["builtins"][0]["items"][0]


TAMPERING: dict[str, Any] = {
    "an unknown kind": lambda d: _first_drill(d).update(kind="juggling"),
    "an unknown category": lambda d: _first_drill(d).update(category="magic"),
    "reps as text": lambda d: _first_drill(d)["dosage"].update(reps="8"),
    "reps as true": lambda d: _first_drill(d)["dosage"].update(reps=True),
    "negative sets": lambda d: _first_drill(d)["dosage"].update(sets=-1),
    "a NaN tempo": lambda d: _reps_drill(d)["breathing"]["phases"][0].update(seconds=float("nan")),
    "an endless tempo": lambda d: _reps_drill(d)["breathing"]["phases"][0].update(seconds=1e308 * 10),
    "a frame the figure lacks": lambda d: _reps_drill(d)["breathing"]["phases"][0].update(frame=99),
    "a breath that is not one": lambda d: _reps_drill(d)["breathing"]["phases"][0].update(breath="hold"),
    "an extra field": lambda d: _first_drill(d).update(run="os.system"),
    "a missing field": lambda d: _first_drill(d).pop("purpose"),
    "cues that are not texts": lambda d: _first_drill(d).update(cues=[1, 2]),
    "a link to no drill": lambda d: _first_drill(d).update(easier="no-such-drill"),
    "two drills with one id": lambda d: d["library"].append(_first_drill(d)),
    "a program drill that does not exist": lambda d: _item(d).update(drill="no-such-drill"),
    "an override that is a table": lambda d: _item(d).update(overrides={"reps": {"x": 1}}),
    "a built-in claiming to be imported": lambda d: d["builtins"][0].update(origin="imported"),
    "a program with no drills": lambda d: d["builtins"][0].update(items=[]),
    "a problem that is not three texts": lambda d: d["problems"].append(["a", "b"]),
    "the library as a table": lambda d: d.update(library={}),
    "a huge text": lambda d: _first_drill(d).update(name="x" * 20_000),
    "nothing but a key": lambda d: [d.pop(name) for name in ("library", "builtins", "imported", "problems")],
}


@pytest.mark.parametrize("tamper", list(TAMPERING.values()), ids=list(TAMPERING))
def test_a_tampered_cache_is_doubted_and_rebuilt(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tamper: Any
) -> None:
    expected = build_startup_content()
    load_startup_content()
    target = cache_file(cache_dir)
    data = json.loads(target.read_bytes())
    tamper(data)
    target.write_bytes(json.dumps(data).encode())
    rebuilt = counting_rebuilds(monkeypatch)
    content = load_startup_content()
    assert rebuilt == [True]
    assert dict(content.library) == dict(expected.library)
    assert content.builtins == expected.builtins


def test_a_huge_cache_file_is_not_read(
    assets: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_startup_content()
    with open(cache_file(cache_dir), "ab") as handle:
        handle.write(b" " * (cache.MAX_BYTES + 1))
    rebuilt = counting_rebuilds(monkeypatch)
    load_startup_content()
    assert rebuilt == [True]
