"""Writing TOM files: fresh YAML or JSON text, or an update of an existing YAML file that keeps its comments."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from tomkit.formats import json_io, yaml_io
from tomkit.formats.layout import guess_indent, restore_flow_layout
from tomkit.formats.merge import KeepDefault, update_mapping
from tomkit.formats.merge import Path as DocPath
from tomkit.formats.modelpath import slot_at
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
    newline = "\n"
    text = None
    if fmt == "yaml" and target.is_file():
        text = _updated(target, tom)
        newline = _newline_of(target)
    _write_atomically(target, text if text is not None else dumps(tom, fmt), newline)


def _updated(target: Path, tom: Tom) -> str | None:
    """The existing file's text changed to say `tom`, or None when the file cannot be updated."""
    try:
        original = target.read_text(encoding="utf-8-sig")
        tree, node, problems = yaml_io.parse_with_node(original)
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    if not isinstance(tree, CommentedMap) or problems:
        return None
    data = tom.to_data()
    update_mapping(tree, data, _defaults_kept(data))
    indent = guess_indent(node)
    return restore_flow_layout(
        original, node, yaml_io.dump(tree, indent.mapping, indent.sequence, indent.offset)
    )


def _newline_of(target: Path) -> str:
    """The line ending a file uses, so a Windows file stays a Windows file."""
    try:
        with target.open("rb") as handle:
            return "\r\n" if b"\r\n" in handle.read(65536) else "\n"
    except OSError:
        return "\n"


def _defaults_kept(data: dict[str, Any]) -> KeepDefault:
    """Keep a key the file spells out when it still says the field's default (`cadence: quarterly`)."""
    adapters: dict[int, TypeAdapter[Any]] = {}

    def keep(path: DocPath, old: Any) -> bool:
        slot = slot_at(path, data)
        if slot.kind != "field" or slot.field is None or slot.field.is_required():
            return False
        field = slot.field
        adapter = adapters.setdefault(id(field), TypeAdapter(field.annotation))
        try:
            value = adapter.validate_python(yaml_io.to_plain(old))
        except ValidationError:
            return False
        return bool(value == field.get_default(call_default_factory=True))

    return keep


def _write_atomically(target: Path, text: str, newline: str = "\n") -> None:
    directory = target.parent if str(target.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
