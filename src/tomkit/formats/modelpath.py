"""Which part of the model a document path points into: the model class, its field, or a list/dict slot.

Used to word problems (the field names a misspelt key may have meant) and to decide what the lenient
loader may drop (an optional key, or the list item / dict entry holding a required one).
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tomkit.model import BUILTIN_KINDS, CustomElement, Element, Path, Tom

SlotKind = Literal["field", "item", "entry", "unknown"]


@dataclass(frozen=True)
class Slot:
    """What the last part of a path is: a model field, a list item, a dict entry, or unknown."""

    kind: SlotKind
    model: type[BaseModel] | None = None
    field: FieldInfo | None = None

    @property
    def optional(self) -> bool:
        """Whether dropping this key leaves the surrounding object valid."""
        if self.kind == "entry":
            return True
        return self.kind == "field" and self.field is not None and not self.field.is_required()


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts in a file (aliases where a field has one)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def element_class(data: Any) -> type[Element]:
    kind = data.get("kind") if isinstance(data, dict) else None
    return BUILTIN_KINDS.get(kind, CustomElement) if isinstance(kind, str) else CustomElement


def model_at(path: Path, data: Any, root: type[BaseModel] = Tom) -> type[BaseModel] | None:
    """The model class of the object found at `path` (None when it is not a model)."""
    annotation: Any = root
    node = data
    for part in path:
        annotation = _resolve(annotation, node)
        annotation = _step(annotation, part)
        if annotation is None:
            return None
        node = _child(node, part)
    resolved = _resolve(annotation, node)
    return resolved if isinstance(resolved, type) and issubclass(resolved, BaseModel) else None


def slot_at(path: Path, data: Any, root: type[BaseModel] = Tom) -> Slot:
    if not path:
        return Slot("unknown")
    parent_path, last = path[:-1], path[-1]
    parent = model_at(parent_path, data, root)
    if parent is not None and isinstance(last, str):
        info = _field(parent, last)
        return Slot("field", parent, info) if info is not None else Slot("unknown", parent)
    container = _container_annotation(parent_path, data, root)
    if container == "list" and isinstance(last, int):
        return Slot("item")
    if container == "dict":
        return Slot("entry")
    return Slot("unknown")


def _container_annotation(path: Path, data: Any, root: type[BaseModel]) -> str | None:
    annotation: Any = root
    node = data
    for part in path:
        annotation = _step(_resolve(annotation, node), part)
        if annotation is None:
            return None
        node = _child(node, part)
    origin = get_origin(_resolve(annotation, node))
    return "list" if origin is list else "dict" if origin is dict else None


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one step further along the path."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(part, str):
            return None
        info = _field(annotation, part)
        return None if info is None else info.annotation
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is list and isinstance(part, int):
        return args[0] if args else Any
    if origin is dict and args:
        return args[1]
    return None


def _resolve(annotation: Any, node: Any) -> Any:
    """Unwrap Annotated and unions, choosing the member that fits `node` (elements by their kind)."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin is Union or origin is types.UnionType:
            members = [a for a in get_args(annotation) if a is not type(None)]
            unwrapped = [get_args(a)[0] if get_origin(a) is Annotated else a for a in members]
            if all(isinstance(m, type) and issubclass(m, Element) for m in unwrapped):
                return element_class(node)
            annotation = _pick(unwrapped, node)
            continue
        return annotation


def _pick(members: list[Any], node: Any) -> Any:
    for member in members:
        origin = get_origin(member) or member
        if isinstance(node, dict) and (
            origin is dict or (isinstance(origin, type) and issubclass(origin, BaseModel))
        ):
            return member
        if isinstance(node, list) and origin is list:
            return member
    return members[0] if members else Any
