"""Pydantic's validation errors as problems a person can act on: document paths and plain words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from tomkit.formats.modelpath import element_class, field_names, model_at
from tomkit.model import BUILTIN_KINDS, SLUG_PATTERN, Dimension, Element, Path, Problem, slugify, suggest

KEY_CODES = frozenset({"unknown-key", "unknown-attribute", "bad-key", "duplicate-key"})
"""Problems about a key itself, located at the key rather than at its value."""

_UNION_TAGS = frozenset({*BUILTIN_KINDS, "custom"})
_BOUNDS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}


@dataclass(frozen=True)
class StructuralError:
    """One pydantic error at its document path; `is_key` when it is the key that is wrong."""

    path: Path
    detail: ErrorDetails
    is_key: bool = False


def document_path(loc: tuple[int | str, ...], data: Any) -> tuple[Path, bool]:
    """A pydantic loc as a path into the document, and whether it is the key that is wrong.

    Strips what pydantic inserts that is not in the file: the element kind tag after an element's
    index (and the tag of any other tagged union: a name that is not a key there, yet has more
    after it, since pydantic never looks inside a missing key), `[key]` for dict keys, and union
    member names after a scalar value:
    ('states', 'as-is', 'elements', 0, 'team', 'fte') -> ('states', 'as-is', 'elements', 0, 'fte').
    """
    path: list[str | int] = []
    node: Any = data
    is_key = False
    tag_done = -1
    for n, part in enumerate(loc):
        if part == "[key]":
            is_key = True
            continue
        at_element = len(path) >= 2 and path[-2] == "elements" and isinstance(path[-1], int)
        if at_element and tag_done != len(path) and part in _UNION_TAGS:
            tag_done = len(path)
            continue
        more = n < len(loc) - 1 and loc[n + 1] != "[key]"
        if (
            isinstance(node, dict)
            and isinstance(part, str)
            and part not in node
            and more
            and tag_done != len(path)
        ):
            tag_done = len(path)
            continue
        leaf = node is not None and not isinstance(node, (dict, list))
        if leaf or (isinstance(node, list) and isinstance(part, str)):
            break
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path), is_key


def structural_errors(exc: ValidationError, data: Any) -> list[StructuralError]:
    out: list[StructuralError] = []
    for detail in exc.errors():
        path, is_key = document_path(detail["loc"], data)
        out.append(StructuralError(path, detail, is_key))
    return out


def structural_problems(exc: ValidationError, data: Any) -> list[Problem]:
    """One problem per wrong place (a value that fits none of a union's types is one problem, not five)."""
    grouped: dict[tuple[Path, bool], list[ErrorDetails]] = {}
    for detail in exc.errors():
        path, is_key = document_path(detail["loc"], data)
        grouped.setdefault((path, is_key), []).append(detail)
    problems: list[Problem] = []
    for (path, is_key), details in grouped.items():
        problems.append(
            _union_problem(path, details) if len(details) > 1 else describe(path, details[0], data, is_key)
        )
    return problems


def _union_problem(path: Path, details: Iterable[ErrorDetails]) -> Problem:
    details = list(details)
    wanted = {
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true/false",
    }
    kinds = [wanted[d["type"]] for d in details if d["type"] in wanted]
    value = _show(details[0]["input"])
    if kinds:
        message = f"expected {', '.join(dict.fromkeys(kinds))} or nothing, got {value}"
    else:
        message = f"invalid value {value}: " + "; ".join(_lower(d["msg"]) for d in details)
    return Problem(path, message, code="type")


def describe(path: Path, detail: ErrorDetails, data: Any, is_key: bool = False) -> Problem:
    kind = detail["type"]
    value = detail["input"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    key = path[-1] if path else ""
    if is_key:
        return Problem(
            path,
            f"{key!r} is not a valid name here: {_lower(detail['msg'])}",
            code="bad-key",
            hint=_slug_hint(key) if ctx.get("pattern") == SLUG_PATTERN else "",
        )
    if kind == "extra_forbidden":
        return _unknown_key(path, data)
    if kind == "missing":
        return _missing(path, data)
    if kind == "union_tag_invalid":
        key = str(ctx.get("discriminator", "")).strip("'")
        tag = str(ctx.get("tag", ""))
        options = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        return Problem(
            (*path, key) if key else path,
            f"unknown {key or 'type'} {tag!r}{suggest(tag, options)}",
            code="choice",
            hint=f"one of: {', '.join(options)}",
        )
    if kind == "union_tag_not_found":
        key = str(ctx.get("discriminator", "")).strip("'")
        return Problem((*path, key), f"missing required key {key!r}", code="missing")
    if kind in ("literal_error", "enum"):
        return _not_one_of(path, value, str(ctx.get("expected", "")))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return Problem(path, f"expected a whole number, got {_show(value)}", code="type")
    if kind in ("float_parsing", "float_type"):
        return Problem(path, f"expected a number, got {_show(value)}", code="type")
    if kind in ("bool_parsing", "bool_type"):
        return Problem(path, f"expected true or false, got {_show(value)}", code="type")
    if kind == "string_type":
        hint = "put it in quotes to make it text" if _is_scalar(value) else ""
        return Problem(path, f"expected text, got {_show(value)}", code="type", hint=hint)
    if kind == "list_type":
        return Problem(path, f"expected a list, got {_show(value)}", code="type")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return Problem(path, f"expected a mapping of keys and values, got {_show(value)}", code="type")
    if kind.startswith(("date_", "datetime_")):
        reason = str(ctx.get("error", "")) or _lower(detail["msg"])
        return Problem(
            path, f"bad date {_show(value)}: {reason}", code="date", hint="write dates as YYYY-MM-DD"
        )
    if kind in _BOUNDS:
        name, sign = _BOUNDS[kind]
        bound = ctx.get(name)
        shown = f"{bound:g}" if isinstance(bound, (int, float)) else str(bound)
        return Problem(path, f"{_show(value)} is out of range: must be {sign} {shown}", code="range")
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return Problem(path, "must not be empty", code="empty-value")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN:
        return Problem(path, f"{_show(value)} is not a valid id", code="bad-id", hint=_slug_hint(value))
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return Problem(path, str(ctx["error"]), code="invalid")
    message = _lower(detail["msg"])
    if _is_scalar(value) and value is not None:
        message += f" (got {_show(value)})"
    return Problem(path, message, code=kind.replace("_", "-"))


def _unknown_key(path: Path, data: Any) -> Problem:
    key = str(path[-1])
    owner = model_at(path[:-1], data)
    names = [n for n in field_names(owner) if n != "kind"] if owner is not None else []
    if owner is not None and issubclass(owner, Element):
        kind = _kind_of(path[:-1], data)
        return Problem(
            path,
            f"unknown attribute {key!r} for kind {kind!r}{suggest(key, names)}",
            code="unknown-attribute",
            hint="free values go under properties:",
        )
    allowed = f"allowed keys here: {', '.join(names)}" if names else ""
    return Problem(path, f"unknown key {key!r}{suggest(key, names)}", code="unknown-key", hint=allowed)


def _missing(path: Path, data: Any) -> Problem:
    key = str(path[-1]) if path else ""
    owner = model_at(path[:-1], data)
    if key == "dimension" and owner is not None and issubclass(owner, Element):
        kind = _kind_of(path[:-1], data)
        if element_class({"kind": kind}) is not BUILTIN_KINDS.get(kind):
            dimensions = ", ".join(d.value for d in Dimension)
            return Problem(
                (*path[:-1], "kind"),
                f"unknown kind {kind!r}{suggest(kind, BUILTIN_KINDS)}",
                code="unknown-kind",
                hint=f"use a built-in kind, or give a kind of your own a dimension: one of {dimensions}",
            )
    return Problem(path, f"missing required key {key!r}", code="missing")


def _not_one_of(path: Path, value: Any, expected: str) -> Problem:
    options = re.findall(r"'([^']*)'", expected) or [expected]
    if path == ("tomkit",):
        return Problem(
            path,
            f"unsupported format version {_show(value)}",
            code="version",
            hint=f"this version of tomkit reads version {', '.join(options)}",
        )
    near = suggest(str(value), options) if isinstance(value, str) else ""
    return Problem(path, f"{_show(value)} is not one of: {', '.join(options)}{near}", code="choice")


def _kind_of(path: Path, data: Any) -> str:
    node = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    kind = node.get("kind") if isinstance(node, dict) else None
    return str(kind)


def _slug_hint(value: Any) -> str:
    text = str(value)
    return f"ids use lower-case letters, digits, '.', '_' and '-', e.g. {slugify(text)!r}"


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:] if message else message
