"""The curated public API: every name resolves, is listed, and `import tomkit` stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tomkit


def test_every_exported_name_resolves_to_the_object_in_its_module() -> None:
    import importlib

    for name, module in tomkit._EXPORTS.items():
        assert getattr(tomkit, name) is getattr(importlib.import_module(module), name), name


def test_all_lists_exactly_the_exports() -> None:
    assert sorted(tomkit.__all__) == sorted(["__version__", *tomkit._EXPORTS])
    assert len(set(tomkit.__all__)) == len(tomkit.__all__)
    assert set(tomkit.__all__) <= set(dir(tomkit))


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        tomkit.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_import_is_lazy() -> None:
    code = "import sys, tomkit; print(sorted(m for m in ('pydantic', 'ruamel.yaml', 'typer', 'rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_library_round_trip_in_a_few_lines() -> None:
    tom = tomkit.load_demo()
    text = tomkit.dumps(tom)
    again = tomkit.loads(text)
    assert again == tom
    assert tomkit.reads(text).ok
    assert tomkit.gaps(again).to_state == tom.target_name
    assert isinstance(tomkit.health(again), list)
