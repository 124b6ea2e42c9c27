"""Semantic validation: what a schema cannot see (unique ids, references, relation rules, cycles).

Every problem is reported, not just the first, each with the path inside the document and, where a
name was mistyped, the closest name that exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tomkit.model.document import Tom
from tomkit.model.element import Element
from tomkit.model.hours import HOW, parse_calendar, parse_hours
from tomkit.model.kinds_custom import CustomElement
from tomkit.model.problem import Path, Problem, Severity
from tomkit.model.refs import RefTo
from tomkit.model.relation_rules import allowed_types, known_types


def check(tom: Tom) -> list[Problem]:
    """All semantic problems of a structurally valid document, in document order."""
    problems: list[Problem] = []
    problems += _unique_ids(tom)
    problems += _references(tom)
    problems += _relations(tom)
    problems += _dependency_cycles(tom)
    problems += _dates(tom)
    problems += _hours(tom)
    return problems


def suggest(name: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or nothing."""
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


# --- unique ids ---------------------------------------------------------------------------------


def _duplicates(items: Iterable[tuple[Path, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    for path, item_id in items:
        if item_id in seen:
            first = ".".join(str(p) for p in seen[item_id])
            yield Problem(
                (*path, "id"),
                f"duplicate {what} id {item_id!r} (first used at {first})",
                code="duplicate-id",
                hint="ids must be unique; rename one of them",
            )
        else:
            seen[item_id] = path


def _unique_ids(tom: Tom) -> Iterator[Problem]:
    yield from _duplicates(((("people", i), p.id) for i, p in enumerate(tom.people)), "person")
    yield from _duplicates(((("outcomes", i), o.id) for i, o in enumerate(tom.outcomes)), "outcome")
    yield from _duplicates(((("kpis", i), k.id) for i, k in enumerate(tom.kpis)), "KPI")
    yield from _duplicates(((("initiatives", i), x.id) for i, x in enumerate(tom.initiatives)), "initiative")
    for i, initiative in enumerate(tom.initiatives):
        yield from _duplicates(
            ((("initiatives", i, "milestones", j), m.id) for j, m in enumerate(initiative.milestones)),
            "milestone",
        )
    for name, state in tom.states.items():
        yield from _duplicates(
            ((("states", name, "elements", i), e.id) for i, e in enumerate(state.elements)), "element"
        )
        seen: dict[tuple[str, str, str], int] = {}
        for i, relation in enumerate(state.relations):
            if relation.key in seen:
                yield Problem(
                    ("states", name, "relations", i),
                    f"relation {relation.label} is listed twice (also relations[{seen[relation.key]}])",
                    code="duplicate-relation",
                    hint="remove one of them",
                )
            else:
                seen[relation.key] = i


# --- references ---------------------------------------------------------------------------------


def _find_refs(annotation: Any) -> RefTo | None:
    if get_origin(annotation) is Annotated:
        for meta in annotation.__metadata__:
            if isinstance(meta, RefTo):
                return meta
    for arg in get_args(annotation):
        found = _find_refs(arg)
        if found is not None:
            return found
    return None


@cache
def _ref_fields(cls: type[BaseModel]) -> tuple[tuple[str, RefTo | None, FieldInfo], ...]:
    out = []
    for name, info in cls.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, RefTo)), None) or _find_refs(info.annotation)
        out.append((name, ref, info))
    return tuple(out)


def _walk(obj: BaseModel, path: Path) -> Iterator[tuple[Path, RefTo, str]]:
    """Every reference inside `obj`: (path, what it points at, the id it names)."""
    for name, ref, info in _ref_fields(type(obj)):
        value = getattr(obj, name)
        key = info.alias or name
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            item_path = (*path, key) if index is None else (*path, key, index)
            if isinstance(item, BaseModel):
                yield from _walk(item, item_path)
            elif isinstance(item, dict):
                for k, v in item.items():
                    if isinstance(v, BaseModel):
                        yield from _walk(v, (*item_path, k))
            elif ref is not None and isinstance(item, str):
                yield item_path, ref, item


def references(tom: Tom) -> Iterator[tuple[Path, RefTo, str]]:
    """Every reference in the document: (its path in the plain data, what it points at, the id it names)."""
    yield from _walk(tom.model_copy(update={"states": {}}), ())
    for name, state in tom.states.items():
        for i, element in enumerate(state.elements):
            yield from _walk(element, ("states", name, "elements", i))


def _references(tom: Tom) -> Iterator[Problem]:
    people = {p.id for p in tom.people}
    named: dict[str, set[str]] = {
        "person": people,
        "kpi": {k.id for k in tom.kpis},
        "outcome": {o.id for o in tom.outcomes},
        "initiative": {i.id for i in tom.initiatives},
        "state": set(tom.states),
    }
    everywhere: dict[str, Element] = {}
    for state in tom.states.values():
        everywhere.update(state.index())

    def resolve(path: Path, ref: RefTo, value: str, scope: dict[str, Element] | None) -> Iterator[Problem]:
        if ref.target != "element":
            if value not in named[ref.target]:
                what = "KPI" if ref.target == "kpi" else ref.target
                yield Problem(
                    path,
                    f"unknown {what} {value!r}{suggest(value, named[ref.target])}",
                    code="unknown-reference",
                    hint=f"add {what} {value!r} or correct the id",
                )
            return
        pool = everywhere if scope is None else scope
        element = pool.get(value)
        where = "" if scope is None else " in this state"
        if element is None:
            yield Problem(
                path,
                f"unknown element {value!r}{where}{suggest(value, pool)}",
                code="unknown-reference",
                hint="add the element or correct the id",
            )
        elif ref.kinds and element.kind not in ref.kinds:
            yield Problem(
                path, f"{value!r} is a {element.kind}, expected {' or '.join(ref.kinds)}", code="wrong-kind"
            )

    top_level = tom.model_copy(update={"states": {}})
    for path, ref, value in _walk(top_level, ()):
        yield from resolve(path, ref, value, None)
    for name, state in tom.states.items():
        index = state.index()
        for i, element in enumerate(state.elements):
            for path, ref, value in _walk(element, ("states", name, "elements", i)):
                yield from resolve(path, ref, value, index)
        # relation ends are checked with the relation rules below


# --- relations ----------------------------------------------------------------------------------


def _relations(tom: Tom) -> Iterator[Problem]:
    rules = tom.rules()
    types = known_types(rules)
    for name, state in tom.states.items():
        index = state.index()
        for i, relation in enumerate(state.relations):
            path: Path = ("states", name, "relations", i)
            ends = []
            for end, value in (("from", relation.source), ("to", relation.target)):
                element = index.get(value)
                if element is None:
                    yield Problem(
                        (*path, end),
                        f"unknown element {value!r} in this state{suggest(value, index)}",
                        code="unknown-reference",
                        hint="relations link elements of the same state",
                    )
                ends.append(element)
            if relation.type not in types:
                yield Problem(
                    (*path, "type"),
                    f"unknown relation type {relation.type!r}{suggest(relation.type, types)}",
                    code="unknown-relation-type",
                    hint="use a built-in type or declare it in relation_rules",
                )
                continue
            source, target = ends
            if source is None or target is None:
                continue
            if isinstance(source, CustomElement) or isinstance(target, CustomElement):
                continue
            allowed = allowed_types(source.kind, target.kind, rules)
            if relation.type not in allowed:
                options = ", ".join(allowed) if allowed else "none"
                yield Problem(
                    (*path, "type"),
                    f"a {source.kind} cannot {relation.type!r} a {target.kind}",
                    code="relation-not-allowed",
                    hint=f"types allowed from {source.kind} to {target.kind}: {options}",
                )


# --- initiative dependencies --------------------------------------------------------------------


def find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """One dependency cycle as a path that returns to its start, or None; iterative, so deep plans are fine."""
    colour: dict[str, int] = {}
    for root in edges:
        if colour.get(root):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(edges.get(root, ())))]
        trail = [root]
        colour[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in edges:
                    continue
                if colour.get(child) == 1:
                    return [*trail[trail.index(child) :], child]
                if not colour.get(child):
                    colour[child] = 1
                    trail.append(child)
                    stack.append((child, iter(edges.get(child, ()))))
                    break
            else:
                colour[node] = 2
                stack.pop()
                trail.pop()
    return None


def _dependency_cycles(tom: Tom) -> Iterator[Problem]:
    edges = {i.id: list(i.depends_on) for i in tom.initiatives}
    cycle = find_cycle(edges)
    if cycle:
        position = next(n for n, i in enumerate(tom.initiatives) if i.id == cycle[0])
        yield Problem(
            ("initiatives", position, "depends_on"),
            "dependency cycle: " + " -> ".join(cycle),
            code="dependency-cycle",
            hint="an initiative cannot wait for itself; remove one dependency",
        )
    for n, initiative in enumerate(tom.initiatives):
        if initiative.id in initiative.depends_on:
            yield Problem(
                ("initiatives", n, "depends_on"),
                f"{initiative.id!r} depends on itself",
                code="dependency-cycle",
                hint="remove it from its own depends_on",
            )


# --- dates --------------------------------------------------------------------------------------


def _dates(tom: Tom) -> Iterator[Problem]:
    for n, x in enumerate(tom.initiatives):
        if x.start and x.end and x.end < x.start:
            yield Problem(
                ("initiatives", n, "end"), f"ends ({x.end}) before it starts ({x.start})", code="dates"
            )
        if x.not_before and x.deadline and x.deadline < x.not_before:
            yield Problem(
                ("initiatives", n, "deadline"),
                f"deadline ({x.deadline}) is before not_before ({x.not_before})",
                code="dates",
            )
        if x.status == "done" and x.progress < 100:
            yield Problem(
                ("initiatives", n, "progress"),
                f"status is done but progress is {x.progress}%",
                Severity.WARNING,
                code="progress",
                hint="set progress to 100 or change the status",
            )
    for n, kpi in enumerate(tom.kpis):
        if kpi.baseline is not None and kpi.target is not None:
            worse = kpi.target < kpi.baseline if kpi.direction == "higher" else kpi.target > kpi.baseline
            if worse:
                yield Problem(
                    ("kpis", n, "target"),
                    f"target {kpi.target:g} is worse than baseline {kpi.baseline:g} "
                    f"for a KPI where {kpi.direction} is better",
                    Severity.WARNING,
                    code="kpi-direction",
                    hint="check the direction or the target",
                )


# --- opening hours and service calendars ----------------------------------------------------------


def _hours(tom: Tom) -> Iterator[Problem]:
    """Hours and calendars are text; the scenario models and the SLA clocks read them."""
    for name, state in tom.states.items():
        for i, element in enumerate(state.elements):
            for key, read in (("hours", parse_hours), ("calendar", parse_calendar)):
                text = getattr(element, key, None)
                if not isinstance(text, str):
                    continue
                try:
                    read(text)
                except ValueError as exc:
                    yield Problem(
                        ("states", name, "elements", i, key),
                        str(exc).split(": write e.g.")[0],
                        Severity.WARNING,
                        hint=HOW,
                        code="unreadable-hours",
                    )
