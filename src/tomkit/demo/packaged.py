"""The demo organisation and the starter templates, read from the package data.

The Northwind Mutual file is large and loaded by tests, the CLI and the web demo alike, so it is
parsed once per process and every caller gets its own deep copy to change freely.
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from tomkit.formats import loads
from tomkit.model import Severity, Tom, check

_PACKAGE = "tomkit.demo"
_DEMO_FILE = "northwind.yaml"
_TEMPLATE_DIR = "templates"
_SUFFIX = ".yaml"

DEMO_PATH: Path = Path(str(resources.files(_PACKAGE) / _DEMO_FILE))
"""Where the Northwind Mutual YAML file is installed."""

TEMPLATE_PATH: Path = Path(str(resources.files(_PACKAGE) / _TEMPLATE_DIR))
"""The folder that holds the starter templates, one `<name>.yaml` each."""


class UnknownTemplateError(ValueError):
    """A template name that is not shipped; the message lists the names that are."""

    def __init__(self, name: str, names: list[str]) -> None:
        self.name = name
        self.names = names
        super().__init__(f"no template {name!r}; templates are: {', '.join(names) or 'none'}")


def _parse(resource: Traversable) -> Tom:
    """Parse a shipped file: a fast safe load first, the full located reader when anything is wrong.

    The formats reader keeps line numbers for every node, which makes it several times slower on a
    file the size of the demo; shipped files are valid (the tests say so), so the slow path only runs
    to explain a problem, and raises `TomFileError` with every problem located.
    """
    text = resource.read_text(encoding="utf-8")
    try:
        tom = Tom.model_validate(YAML(typ="safe").load(text))
    except (YAMLError, ValidationError):
        return loads(text, "yaml", str(resource))
    if any(problem.severity is Severity.ERROR for problem in check(tom)):
        return loads(text, "yaml", str(resource))
    return tom


@functools.cache
def _demo() -> Tom:
    return _parse(resources.files(_PACKAGE) / _DEMO_FILE)


@functools.cache
def _template(name: str) -> Tom:
    return _parse(resources.files(_PACKAGE) / _TEMPLATE_DIR / f"{name}{_SUFFIX}")


def load_demo() -> Tom:
    """The Northwind Mutual demo organisation (a fresh copy each call: change it freely)."""
    return _demo().model_copy(deep=True)


def template_names() -> list[str]:
    """Names of the starter templates, sorted (e.g. `esm`, `itsm-service-desk`)."""
    folder = resources.files(_PACKAGE) / _TEMPLATE_DIR
    return sorted(
        entry.name.removesuffix(_SUFFIX)
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(_SUFFIX)
    )


def load_template(name: str) -> Tom:
    """A starter template by name; an unknown name raises `UnknownTemplateError` listing the names."""
    names = template_names()
    if name not in names:
        raise UnknownTemplateError(name, names)
    return _template(name).model_copy(deep=True)
