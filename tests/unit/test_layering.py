"""Imports point inward: the engines (mining, analysis, scenarios) never reach out to the shells
(render, web, cli) that are built on them. Checked on the source, so a lazy import inside a function
counts as much as one at the top of a module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tomkit"
ENGINES = ("mining", "analysis", "scenarios")
OUTER = ("tomkit.render", "tomkit.web", "tomkit.cli")


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in a module's source, including `from X import Y` and imports
    inside functions; relative imports are resolved against the module's package."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def outward(module: str) -> bool:
    return any(module == outer or module.startswith(outer + ".") for outer in OUTER)


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_do_not_import_render_web_or_cli(engine: str) -> None:
    folder = SRC / engine
    assert folder.is_dir(), f"{folder} is missing"
    offending = [
        f"{path.relative_to(SRC.parent)}:{line} imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for line, module in imported_modules(
            path.read_text(encoding="utf-8"), ".".join(("tomkit", *path.relative_to(SRC).parent.parts))
        )
        if outward(module)
    ]
    assert offending == [], "engines must not depend on render/, web/ or cli/:\n" + "\n".join(offending)


def test_the_check_sees_lazy_relative_and_from_imports() -> None:
    source = "def f():\n    import tomkit.web.store\nfrom tomkit import render\nfrom ..cli import app\n"
    modules = [m for _, m in imported_modules(source, "tomkit.mining")]
    assert "tomkit.web.store" in modules
    assert "tomkit.render" in modules
    assert "tomkit.cli.app" in modules
    assert all(outward(m) for m in ("tomkit.web.store", "tomkit.render", "tomkit.cli.app"))
    assert not outward("tomkit.renderer")
    assert not outward("tomkit.mining.dfg")
