"""The documentation stays true: the CLI reference is current and complete, examples run and validate."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from tomkit.formats import reads

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", path.read_text(encoding="utf-8"), re.S | re.M)


def test_cli_reference_is_current() -> None:
    generated = _generator().render()
    current = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert current == generated, "docs/cli.md is out of date: run python scripts/gen_cli_docs.py"


def test_every_command_has_a_section() -> None:
    sections = set(re.findall(r"^## (tomkit .+)$", (DOCS / "cli.md").read_text(encoding="utf-8"), re.M))
    commands = _generator().command_paths()
    assert {"tomkit validate", "tomkit schema", "tomkit init", "tomkit demo"} <= set(commands)
    missing = [c for c in commands if c not in sections]
    assert missing == [], f"commands missing from docs/cli.md: {missing}"


def test_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = _blocks(DOCS / "api.md", "python")
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for n, block in enumerate(blocks):
        try:
            exec(compile(block, f"docs/api.md block {n + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message names the failing block
            raise AssertionError(f"docs/api.md block {n + 1} failed: {exc!r}") from exc


def test_file_format_examples_are_valid_tom_files() -> None:
    documents = [b for b in _blocks(DOCS / "file-format.md", "yaml") if "\nname:" in b]
    assert len(documents) >= 2
    for block in documents:
        result = reads(block, source="docs/file-format.md")
        assert result.ok, [str(p) for p in result.problems]


def test_every_problem_code_is_documented() -> None:
    readers = ("reader", "yaml_io", "json_io", "errors", "lenient")  # what `tomkit validate` runs
    sources = [ROOT / "src" / "tomkit" / "formats" / f"{name}.py" for name in readers]
    sources.append(ROOT / "src" / "tomkit" / "model" / "checks.py")
    codes = {
        code for path in sources for code in re.findall(r'code="([a-z-]+)"', path.read_text(encoding="utf-8"))
    }
    documented = set(re.findall(r"`([a-z-]+)`", (DOCS / "file-format.md").read_text(encoding="utf-8")))
    assert {"yaml-syntax", "unknown-reference", "dependency-cycle"} <= codes
    assert sorted(codes - documented) == []
