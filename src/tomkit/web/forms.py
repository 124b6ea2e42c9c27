"""Forms generated from the pydantic fields of each element kind, so a new attribute needs no form code."""

from __future__ import annotations

import datetime as dt
import json
import types
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from django import forms
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tomkit.model import BUILTIN_KINDS, CustomElement, Dimension, Element, Lens, Tom
from tomkit.model.refs import RefTo

BASE_FIELDS = ("id", "name", "description", "owner", "tags")
SKIPPED = ("kind", "properties")


def kind_class(kind: str) -> type[Element]:
    return BUILTIN_KINDS.get(kind, CustomElement)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the inner type, whether None is allowed), seeing through Optional and Annotated."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def _bounds(info: FieldInfo) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for meta in info.metadata:
        if isinstance(meta, Ge | Gt):
            out["min_value"] = meta.ge if isinstance(meta, Ge) else meta.gt
        if isinstance(meta, Le | Lt):
            out["max_value"] = meta.le if isinstance(meta, Le) else meta.lt
    return out


class ListField(forms.CharField):
    """A list of short strings typed as one comma-separated line."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class JsonField(forms.CharField):
    """Structured values (steps, targets, rules) edited as JSON."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "mono"})

    def prepare_value(self, value: Any) -> Any:
        if value in (None, "", [], {}):
            return ""
        return value if isinstance(value, str) else json.dumps(value, indent=1)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value) or ""
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from None


class PropertiesField(forms.CharField):
    """Custom properties, one `name = value` per line; numbers and true/false keep their type."""

    widget = forms.Textarea(attrs={"rows": 3, "class": "mono", "placeholder": "name = value"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return "\n".join(
                f"{k} = {json.dumps(v) if not isinstance(v, str) else v}" for k, v in value.items()
            )
        return value

    def to_python(self, value: Any) -> dict[str, Any]:  # type: ignore[override]
        out: dict[str, Any] = {}
        for number, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, raw = line.partition("=")
            if not sep or not name.strip():
                raise forms.ValidationError(f"line {number}: write `name = value`")
            raw = raw.strip()
            try:
                parsed = json.loads(raw)
                out[name.strip()] = (
                    parsed if isinstance(parsed, int | float | bool) or parsed is None else raw
                )
            except json.JSONDecodeError:
                out[name.strip()] = raw
        return out


def _ref(annotation: Any) -> RefTo | None:
    """The reference marker inside a field's annotation (through Optional, list and Annotated)."""
    if get_origin(annotation) is Annotated:
        found = next((m for m in annotation.__metadata__ if isinstance(m, RefTo)), None)
        if found is not None:
            return found
    for arg in get_args(annotation):
        found = _ref(arg)
        if found is not None:
            return found
    return None


def _element_choices(tom: Tom, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """Elements a reference may name: those of the allowed kinds in any state, by id."""
    named: dict[str, str] = {}
    for state in tom.states.values():
        for element in state.elements:
            if not kinds or element.kind in kinds:
                named[element.id] = f"{element.name} ({element.id})"
    return sorted(named.items(), key=lambda item: item[1].lower())


def form_field(name: str, info: FieldInfo, tom: Tom | None = None) -> forms.Field:
    """The Django form field for one pydantic field; references to elements become choices."""
    inner, optional = _unwrap(info.annotation)
    ref = next((m for m in info.metadata if isinstance(m, RefTo)), None) or _ref(info.annotation)
    if tom is not None and ref is not None and ref.target == "element":
        choices = _element_choices(tom, ref.kinds)
        common_ref: dict[str, Any] = {
            "required": False, "help_text": info.description or "", "label": name.replace("_", " ").capitalize()
        }  # fmt: skip
        if get_origin(inner) is list:
            return forms.MultipleChoiceField(
                choices=choices,
                widget=forms.SelectMultiple(attrs={"size": min(6, max(2, len(choices)))}),
                **common_ref,
            )
        return forms.ChoiceField(choices=[("", "—"), *choices], **common_ref)
    required = info.is_required() and not optional
    help_text = info.description or ""
    label = name.replace("_", " ").capitalize()
    common: dict[str, Any] = {"required": required, "help_text": help_text, "label": label}
    origin = get_origin(inner)
    if name == "owner" and tom is not None:
        choices = [("", "—")] + [(p.id, f"{p.name} ({p.id})") for p in tom.people]
        return forms.ChoiceField(choices=choices, **common)
    if origin is Literal:
        choices = [(str(v), str(v)) for v in get_args(inner)]
        return forms.ChoiceField(choices=([("", "—")] if not required else []) + choices, **common)
    if isinstance(inner, type) and issubclass(inner, Enum):
        enum_choices = [(str(m.value), str(m.value)) for m in inner]
        return forms.ChoiceField(choices=([("", "—")] if not required else []) + enum_choices, **common)
    if inner is bool:
        return forms.TypedChoiceField(
            choices=[("", "—"), ("true", "yes"), ("false", "no")],
            coerce=lambda v: v == "true",
            empty_value=None,
            **common,
        )
    if inner is int:
        return forms.IntegerField(**common, **_bounds(info))
    if inner is float:
        return forms.FloatField(**common, **_bounds(info))
    if inner is dt.date:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if inner is str:
        if name == "description":
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
        return forms.CharField(max_length=500, **common)
    if origin is list:
        (item,) = get_args(inner) or (str,)
        item_type, _ = _unwrap(item)
        if item_type is str:
            return ListField(**common | {"help_text": (help_text + " (comma-separated)").strip()})
    if name == "properties":
        return PropertiesField(**common | {"required": False})
    return JsonField(**common | {"required": False, "help_text": (help_text + " (JSON)").strip()})


def element_form(kind: str, tom: Tom, *, adding: bool, data: Any = None, initial: Any = None) -> forms.Form:
    """A form for an element of `kind`: base fields, the kind's own attributes, then custom properties."""
    cls = kind_class(kind)
    fields: dict[str, forms.Field] = {}
    model_fields = cls.model_fields
    order = [
        *BASE_FIELDS,
        *(n for n in model_fields if n not in BASE_FIELDS and n not in SKIPPED),
        "properties",
    ]
    for name in order:
        if name == "id" and not adding:
            continue
        fields[name] = form_field(name, model_fields[name], tom)
    if cls is CustomElement:
        fields["dimension"] = forms.ChoiceField(choices=[(d.value, d.label) for d in Dimension])
        fields["lens"] = forms.ChoiceField(
            choices=[("", "—")] + [(x.value, x.value) for x in Lens], required=False
        )
    form_class = type(f"{cls.__name__}Form", (forms.Form,), dict(fields))
    return form_class(data=data, initial=initial)  # type: ignore[no-any-return]


def element_data(kind: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Element data from a valid form: empty values left out, as in a TOM file."""
    out: dict[str, Any] = {"kind": kind}
    for key, value in cleaned.items():
        if value is None or value in ("", [], {}):
            continue
        out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def add_problems(form: forms.Form, problems: list[str]) -> None:
    """Put library problems (`path: message`) on the form field they name, or on the form."""
    for problem in problems:
        path, _, message = problem.partition(": ")
        field = path.split(".")[-1].split("[")[0] if message else ""
        if field in form.fields:
            form.add_error(field, message)
        else:
            form.add_error(None, problem)


def kind_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Kinds grouped by dimension, for the 'add element' picker."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for dimension in Dimension:
        kinds = [(k, c.LABEL) for k, c in BUILTIN_KINDS.items() if c.DIMENSION is dimension]
        groups.append((dimension.label, kinds))
    return groups


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
