"""Writing TOM files: fresh YAML or JSON text, or an update of an existing YAML file that keeps its comments."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from tomkit.formats import json_io, yaml_io
from tomkit.formats.merge import update_mapping
from tomkit.formats.reader import format_of
from tomkit.model import Tom


def dumps(tom: Tom, fmt: Literal["yaml", "json"] = "yaml") -> str:
    """The canonical text of a TOM (defaults left out, `tomkit` and each element's `kind` always written)."""
    data = tom.to_data()
    return json_io.dump(data) if fmt == "json" else yaml_io.dump(data)


def save(tom: Tom, path: str | Path) -> None:
    """Write a TOM to a file (JSON for .json, else YAML).

    An existing, readable YAML file is updated in place: its comments, key order and quoting stay;
    only what changed is rewritten. The file is replaced atomically, so a failed write leaves the old one.
    """
    target = Path(path)
    fmt = format_of(target)
    text = dumps(tom, fmt)
    if fmt == "yaml" and target.is_file():
        text = _updated(target, tom) or text
    _write_atomically(target, text)


def _updated(target: Path, tom: Tom) -> str | None:
    try:
        tree, problems = yaml_io.parse(target.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    if not isinstance(tree, CommentedMap) or problems:
        return None
    update_mapping(tree, tom.to_data())
    return yaml_io.dump(tree)


def _write_atomically(target: Path, text: str) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
