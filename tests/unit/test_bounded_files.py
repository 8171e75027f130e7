"""Bounded program, drill and settings files: the worst inputs end in a clear error.

A 100 KB file of one dotted key (``x.x.x...= 1``) once took 40 s and 9.8 GB
in the TOML parser. Each worst case here runs in a child process whose
address space is capped at what it had after start-up plus 100 MB
(``RLIMIT_AS``): an input that needs more fails there with ``MemoryError``
instead of swapping the machine. ``RLIMIT_CPU`` only turns a regression into
a killed child rather than a stuck suite; nothing here compares times (the
timings are printed by ``tests/bench/program_files.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from backcoach.content.errors import ContentError
from backcoach.content.library import default_library
from backcoach.content.programs import parse_program
from backcoach.content.toml_input import MAX_FILE_BYTES, toml_shape_problem
from backcoach.content.validate import MAX_PROBLEMS

MB = 1024 * 1024
SIZE = MAX_FILE_BYTES - 64  # just under the size cap: only the shape check can stop it


def fill(line: Callable[[int], str]) -> str:
    """Lines ``line(0)``, ``line(1)``... up to just under the size cap."""
    parts: list[str] = []
    size = 0
    for index in range(SIZE):
        text = line(index)
        if size + len(text.encode()) > SIZE:
            break
        parts.append(text)
        size += len(text.encode())
    return "".join(parts)


def worst_cases() -> dict[str, str]:
    """Name -> program file text, each as hostile as it can be within (or just over) the caps."""
    seven = ".".join(["x"] * 7)  # after "k1.": keys of eight parts, the most allowed
    return {
        "one dotted key, 100 KB": "x" + ".x" * 50_000 + " = 1\n",
        "one dotted key, under the size cap": "x" + ".x" * (SIZE // 2 - 4) + " = 1\n",
        "dotted table header": "[" + "x." * (SIZE // 2 - 4) + "x]\n",
        "dotted keys of 8 parts, many": fill(lambda i: f"k{i}.{seven} = 1\n"),
        "dotted key in an inline table": "a = {" + "b." * (SIZE // 2 - 8) + "c = 1}\n",
        "arrays nested 30,000 deep": "a = " + "[" * 30_000 + "]" * 30_000 + "\n",
        "inline tables nested deep": "a = " + "{b = " * 6_000 + "1" + "}" * 6_000 + "\n",
        "a 60,000-digit integer": "pain_limit = " + "9" * 60_000 + "\n",
        "a 60,000-digit hex integer": "pain_limit = 0x" + "f" * 60_000 + "\n",
        "an escape-hiding multi-line string": 'a = """' + '\\"""' * (SIZE // 4 - 4) + "\n",
        "unterminated strings": '"""\n' * (SIZE // 4),
        "thousands of [[drills]]": fill(lambda i: '[[drills]]\nid = "cat-camel"\n'),
        "thousands of unknown keys": fill(lambda i: f"key{i} = {i}\n"),
        "thousands of tables": fill(lambda i: f"[t{i}]\n"),
        "thousands of dotted tables": fill(lambda i: f"[t{i}.{seven}]\n"),
        "brackets and newlines": "[]\n" * (SIZE // 3),
        "one enormous string": 'description = "' + "\\u00e9" * (SIZE // 6 - 4) + '"\n',
        "a megabyte of comment": "#" * MB + "\n",
    }


CHILD = textwrap.dedent(
    """
    import json, resource, sys
    from backcoach.content.errors import ContentError
    from backcoach.content.library import default_library
    from backcoach.content.programs import load_program_file
    from backcoach.content.drills import parse_drill
    from backcoach.store.settings import Settings

    library = default_library()
    load_program_file(sys.argv[1] + "/warm-up.toml", library)  # imports tomllib and friends
    with open("/proc/self/status") as status:
        vm_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    budget = vm_kb * 1024 + int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    resource.setrlimit(resource.RLIMIT_CPU, (120, 120))  # a stuck child dies; not a timing test

    results = {}
    for name in json.loads(sys.argv[3]):
        path = sys.argv[1] + "/" + name
        outcome = {}
        for kind in ("program", "drill"):
            try:
                if kind == "program":
                    load_program_file(path, library)
                else:
                    with open(path, "rb") as handle:
                        parse_drill(handle.read().decode("utf-8"), name)
                outcome[kind] = ["ok"]
            except ContentError as error:
                outcome[kind] = [str(problem) for problem in error.problems]
            except BaseException as error:  # MemoryError, RecursionError: the failure under test
                outcome[kind] = ["CRASH " + type(error).__name__]
        try:
            outcome["settings"] = sorted(Settings.load(__import__("pathlib").Path(path)).to_dict())
        except BaseException as error:
            outcome["settings"] = ["CRASH " + type(error).__name__]
        results[name] = outcome
    print(json.dumps(results))
    """
)


def test_every_worst_case_ends_in_a_clear_error_within_100_mb(tmp_path: Path) -> None:
    cases = worst_cases()
    names = {}
    for index, (label, text) in enumerate(cases.items()):
        name = f"case{index}.toml"
        (tmp_path / name).write_text(text, encoding="utf-8")
        names[name] = label
    (tmp_path / "warm-up.toml").write_text(
        'id = "w"\nname = "W"\ndescription = ""\n[[drills]]\nid = "cat-camel"\n', encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), str(100 * MB), json.dumps(list(names))],
        capture_output=True,
        text=True,
        timeout=600,  # a guard for a hung child only
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)
    for name, label in names.items():
        outcome = results[name]
        for kind in ("program", "drill"):
            messages = outcome[kind]
            assert messages != ["ok"], (label, kind)
            assert not any(m.startswith("CRASH") for m in messages), (label, kind, messages)
            assert all("\n" not in m and m.startswith(f"{name}: ") for m in messages), (label, messages)
            assert len(messages) <= MAX_PROBLEMS + 1, (label, kind, len(messages))
        defaults = [
            "health_background", "high_contrast", "last_card", "muted", "profile", "projector", "ready_seconds",
            "theme", "voice",
        ]
        assert outcome["settings"] == defaults, label  # the defaults


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a.b.c.d.e.f.g.h = 1", None),  # eight parts: allowed
        ("a.b.c.d.e.f.g.h.i = 1", "line 1: a dotted key or value with more than 8 parts"),
        ("\n\n[a.b.c.d.e.f.g.h.i]", "line 3: a dotted key or value with more than 8 parts"),
        ('a = "1.2.3.4.5.6.7.8.9.10"', None),  # dots in a string are not syntax
        ("a = '1.2.3.4.5.6.7.8.9.10'", None),
        ('a = """\n1.2.3.4.5.6.7.8.9.10\n"""', None),
        ("# 1.2.3.4.5.6.7.8.9.10", None),
        ("a = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]", None),  # commas end each value
        ('x = """a""""\nb.c.d.e.f.g.h.i.j = 1', "line 2: a dotted key or value with more than 8 parts"),
        ('"a.b".c.d.e.f.g.h.i.j = 1', "line 1: a dotted key or value with more than 8 parts"),
        ("a = [[[[[[[[1]]]]]]]]", None),  # eight deep: allowed
        ("a = [[[[[[[[[1]]]]]]]]]", "line 1: brackets nested more than 8 deep"),
        ("a = " + "{b = " * 9 + "1" + "}" * 9, "line 1: brackets nested more than 8 deep"),
        ("#" * (MAX_FILE_BYTES + 1), "larger than 64 KB"),
    ],
)
def test_the_pre_scan_reads_keys_as_toml_does(text: str, problem: str | None) -> None:
    assert toml_shape_problem(text) == problem


def test_the_largest_real_program_is_accepted() -> None:
    """40 drills with every override and a comment each: what a clinic might really write."""
    library = default_library()
    reps = [drill for drill in library.values() if drill.kind == "reps"]
    lines = [
        "# The biggest program a clinic might write: forty drills, each with a note.",
        'id = "everything"',
        'name = "Everything"',
        f'description = "{"A long description. " * 19}"',
        'source = "Written by hand for the size test; see the clinic notes, v1.2.3."',
        "pain_limit = 4",
        "days_per_week = 3",
    ]
    for index in range(40):
        drill = reps[index % len(reps)]
        lines += [
            "",
            f"# Drill {index + 1}: go gently, stop if the pain spreads down a leg.",
            "[[drills]]",
            f'id = "{drill.id}"',
            "reps = 8",
            "sets = 2",
            "rest = 30",
            "tempo = 2.5",
        ]
    text = "\n".join(lines) + "\n"
    assert len(text.encode()) < MAX_FILE_BYTES / 3
    try:
        program = parse_program(text, "everything.toml", library)
    except ContentError as error:  # pragma: no cover - shows what went wrong
        pytest.fail(str(error))
    assert len(program.items) == 40


def test_thousands_of_mistakes_are_summed_up() -> None:
    text = 'id = "x"\nname = "X"\ndescription = ""\n' + "".join(f"k{i} = 1\n" for i in range(500))
    with pytest.raises(ContentError) as caught:
        parse_program(text + '[[drills]]\nid = "cat-camel"\n', "many.toml", default_library())
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == f"many.toml: and {500 - MAX_PROBLEMS} more problems like these"
