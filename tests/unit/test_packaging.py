"""The suite tests the installed backcoach, not some other copy of the source.

With several checkouts (worktrees) and one virtualenv it is easy to run these
tests against a backcoach installed from another checkout, or (``python -m
pytest`` puts the current folder first on ``sys.path``) against a source tree
that was never installed. Either way the tests would pass or fail for code
nobody meant to test. pytest's default import mode puts only the test
folders on ``sys.path`` (plus ``tests/`` for the helpers), never the project
root, so ``import backcoach`` resolves through the installed distribution.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from importlib import metadata
from pathlib import Path

import backcoach

CHECKOUT = Path(__file__).resolve().parents[2]


def installed_init(dist: metadata.Distribution) -> tuple[Path, bool]:
    """Where the distribution's ``backcoach/__init__.py`` is, and whether it is an editable install."""
    direct = dist.read_text("direct_url.json")
    info = json.loads(direct) if direct else {}
    if info.get("dir_info", {}).get("editable"):
        source = Path(urllib.request.url2pathname(urllib.parse.urlparse(info["url"]).path))
        return (source / "backcoach" / "__init__.py").resolve(), True
    return Path(str(dist.locate_file("backcoach/__init__.py"))).resolve(), False


def test_backcoach_is_imported_from_its_installed_distribution() -> None:
    dist = metadata.distribution("backcoach")
    imported = Path(backcoach.__file__).resolve()
    expected, editable = installed_init(dist)
    assert imported == expected, f"backcoach was imported from {imported}, but the installed one is {expected}"
    assert backcoach.__version__ == dist.version
    if editable:
        # An editable install must be of this checkout, or these tests test another one.
        assert imported.parent.parent == CHECKOUT, f"backcoach is installed (editable) from {imported.parent.parent}"
    else:
        # A wheel: the package in site-packages, not the checkout beside the tests.
        assert not imported.is_relative_to(CHECKOUT), f"backcoach was imported from the checkout: {imported}"
