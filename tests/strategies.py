"""Hypothesis strategies for random, semantically valid TOM states and documents.

Every document drawn here passes `tomkit.model.check` without errors: references resolve in their
state, relations are allowed by the rules table, initiative dependencies have no cycles. Tests of any
engine can rely on that and look for their own properties.

    from tests.strategies import states, state_pairs, toms
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from tomkit.model import BUILTIN_KINDS, Dimension, State, Tom, allowed_types, known_types

ID_POOL: tuple[str, ...] = tuple(f"x{n}" for n in range(24))
"""Element ids are drawn from a small pool so that two states share many of them."""

CUSTOM_KINDS: tuple[str, ...] = ("widget", "journey-map")
ELEMENT_KINDS: tuple[str, ...] = (
    "team", "role", "skill", "tool", "integration", "data-asset", "practice", "value-stream",
    "channel", "service", "site", "supplier", "stakeholder-group", "forum", "risk", "control",
    *CUSTOM_KINDS,
)  # fmt: skip
STATE_NAMES: tuple[str, ...] = ("as-is", "wave-1", "to-be")
PEOPLE_POOL: tuple[str, ...] = ("cio", "sd-lead", "ops-head", "hr-partner")
START = dt.date(2026, 1, 1)

Draw = Callable[[st.SearchStrategy[Any]], Any]
ByKind = dict[str, list[str]]

_names = st.text(alphabet="abcdefghij KLMN-", min_size=1, max_size=12).filter(lambda s: s.strip() != "")
_halves = st.integers(0, 100).map(lambda n: n / 2)


_activities = st.sampled_from(["New", "Assigned", "In Progress", "Resolved", "Closed", "Reopened"])
_scope_values = st.one_of(
    st.sampled_from(["1 - Critical", "2 - High", "phone", "portal"]),
    st.integers(1, 5),
    st.booleans(),
    st.lists(
        st.sampled_from(["1 - Critical", "2 - High", "3 - Moderate"]), min_size=1, max_size=2, unique=True
    ),
)


@st.composite
def _rules(draw: Draw) -> dict[str, Any]:
    """A process rule of any template, sometimes with a time limit or a scope."""
    template = draw(st.sampled_from(["response", "precedence", "absence", "existence", "four_eyes"]))
    unary = template in ("absence", "existence")
    rule: dict[str, Any] = {
        "template": template,
        "activities": [draw(_activities)] if unary else draw(st.lists(_activities, min_size=2, max_size=2)),
    }
    if template == "response" and draw(st.booleans()):
        rule["within_hours"] = draw(st.integers(1, 72))
    if draw(st.booleans()):
        rule["where"] = draw(
            st.dictionaries(
                st.sampled_from(["priority", "channel", "vip"]), _scope_values, min_size=1, max_size=2
            )
        )
    return rule


def _maybe(draw: Draw, strategy: st.SearchStrategy[Any]) -> Any:
    return draw(st.one_of(st.none(), strategy))


def _pick(draw: Draw, pool: Sequence[str]) -> str | None:
    return draw(st.sampled_from(list(pool))) if pool and draw(st.booleans()) else None


def _subset(draw: Draw, pool: Sequence[str], max_size: int = 3) -> list[str]:
    if not pool:
        return []
    return list(draw(st.lists(st.sampled_from(sorted(pool)), max_size=max_size, unique=True)))


def _kind_attributes(draw: Draw, kind: str, by_kind: ByKind) -> dict[str, Any]:
    """Typed attributes of one kind; references only name elements of the right kind in `by_kind`."""
    tools, teams, skills = by_kind.get("tool", []), by_kind.get("team", []), by_kind.get("skill", [])
    out: dict[str, Any] = {}
    if kind == "team":
        out = {
            "fte": _maybe(draw, _halves),
            "tier": _maybe(draw, st.integers(0, 4)),
            "change_capacity": _maybe(draw, st.integers(0, 5)),
            "sourcing": _maybe(draw, st.sampled_from(["in-house", "outsourced", "offshore"])),
            "location": _pick(draw, by_kind.get("site", [])),
            "supplier": _pick(draw, by_kind.get("supplier", [])),
        }
    elif kind == "role":
        out = {
            "team": _pick(draw, teams),
            "headcount": _maybe(draw, st.integers(0, 20)),
            "skills": _subset(draw, skills),
        }
    elif kind == "skill":
        out = {
            "level": _maybe(draw, st.integers(1, 5)),
            "category": _maybe(draw, st.sampled_from(["tech", "soft"])),
        }
    elif kind == "tool":
        out = {
            "lifecycle": _maybe(draw, st.sampled_from(["keep", "introduce", "replace", "retire"])),
            "annual_cost": _maybe(draw, st.integers(0, 500_000)),
            "supplier": _pick(draw, by_kind.get("supplier", [])),
        }
    elif kind == "integration":
        out = {
            "source": draw(st.sampled_from(tools)),
            "target": draw(st.sampled_from(tools)),
            "pattern": _maybe(draw, st.sampled_from(["api", "event", "file"])),
        }
    elif kind == "data-asset":
        out = {"system_of_record": _pick(draw, tools), "quality": _maybe(draw, st.integers(0, 100))}
    elif kind == "practice":
        out = {
            "maturity": _maybe(draw, st.integers(0, 5)),
            "automation": _maybe(draw, st.integers(0, 100)),
            "rules": [draw(_rules()) for _ in range(draw(st.integers(0, 2)))],
        }
    elif kind == "value-stream":
        steps = draw(st.integers(0, 3))
        out = {
            "steps": [
                {
                    "name": f"step {n}",
                    "practices": _subset(draw, by_kind.get("practice", []), 2),
                    "teams": _subset(draw, teams, 2),
                    "tools": _subset(draw, tools, 2),
                }
                for n in range(steps)
            ]
        }
    elif kind == "channel":
        out = {
            "channel_type": _maybe(draw, st.sampled_from(["phone", "email", "portal", "chat"])),
            "volume_per_month": _maybe(draw, st.integers(0, 20_000)),
            "handle_minutes": _maybe(draw, _halves),
        }
    elif kind == "service":
        out = {"criticality": _maybe(draw, st.sampled_from(["critical", "high", "low"]))}
    elif kind == "site":
        out = {
            "country": _maybe(draw, st.sampled_from(["GB", "PT"])),
            "headcount": _maybe(draw, st.integers(0, 900)),
        }
    elif kind == "supplier":
        out = {"annual_spend": _maybe(draw, st.integers(0, 10**6)), "strategic": draw(st.booleans())}
    elif kind == "stakeholder-group":
        out = {
            "stance": _maybe(draw, st.sampled_from(["champion", "neutral", "resistant"])),
            "size": _maybe(draw, st.integers(0, 5000)),
        }
    elif kind == "forum":
        out = {"cadence": _maybe(draw, st.sampled_from(["weekly", "monthly"]))}
    elif kind == "risk":
        out = {"likelihood": _maybe(draw, st.integers(1, 5)), "impact": _maybe(draw, st.integers(1, 5))}
    elif kind == "control":
        out = {"automated": draw(st.booleans())}
    elif kind in CUSTOM_KINDS:
        out = {
            "dimension": draw(st.sampled_from(list(Dimension))),
            "properties": draw(
                st.dictionaries(st.sampled_from(["size", "score"]), st.integers(0, 9), max_size=2)
            ),
        }
    return {key: value for key, value in out.items() if value not in (None, [])}


def _element(
    draw: Draw, element_id: str, kind: str, by_kind: ByKind, people: Sequence[str]
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": element_id, "kind": kind, "name": draw(_names)}
    if draw(st.booleans()):
        data["description"] = draw(_names)
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(st.sampled_from(["core", "pilot", "legacy"]), max_size=2, unique=True))
    owner = _pick(draw, people)
    if owner:
        data["owner"] = owner
    data.update(_kind_attributes(draw, kind, by_kind))
    return data


def _by_kind(members: dict[str, str]) -> ByKind:
    out: ByKind = {}
    for element_id, kind in sorted(members.items()):
        out.setdefault(kind, []).append(element_id)
    return out


def _kinds_ok(members: dict[str, str]) -> bool:
    # an integration needs a tool at both ends
    return "integration" not in members.values() or "tool" in members.values()


def _relation_types(source_kind: str, target_kind: str) -> list[str]:
    if source_kind in CUSTOM_KINDS or target_kind in CUSTOM_KINDS:
        return known_types()
    return allowed_types(source_kind, target_kind)


def _relations(
    draw: Draw, members: dict[str, str], keep: Sequence[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Relations allowed by the rules table; `keep` are candidates carried over from another state."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for relation in keep:
        ok = relation["from"] in members and relation["to"] in members
        if ok and relation["type"] in _relation_types(members[relation["from"]], members[relation["to"]]):
            out.setdefault((relation["from"], relation["type"], relation["to"]), relation)
    ids = sorted(members)
    if ids:
        pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=10))
        for source, target in pairs:
            types = _relation_types(members[source], members[target])
            if not types:
                continue
            new: dict[str, Any] = {"from": source, "type": draw(st.sampled_from(types)), "to": target}
            if draw(st.integers(0, 3)) == 0:
                new["description"] = draw(_names)
            out.setdefault((source, new["type"], target), new)
    return list(out.values())


def _state_data(
    draw: Draw,
    members: dict[str, str],
    people: Sequence[str],
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A state's plain data; with `previous`, unchanged elements and relations are carried over."""
    by_kind = _by_kind(members)
    before = {e["id"]: e for e in previous["elements"]} if previous else {}
    elements = []
    for element_id, kind in members.items():
        old = before.get(element_id)
        if old is not None and old["kind"] == kind and draw(st.integers(0, 2)) > 0:
            element = _scrub(old, by_kind) or _element(draw, element_id, kind, by_kind, people)
        else:
            element = _element(draw, element_id, kind, by_kind, people)
        elements.append(element)
    data: dict[str, Any] = {"elements": elements}
    data["relations"] = _relations(draw, members, previous["relations"] if previous else ())
    if draw(st.booleans()):
        data["label"] = draw(_names)
    if draw(st.booleans()):
        data["date"] = (START + dt.timedelta(days=draw(st.integers(0, 900)))).isoformat()
    return data


_REF_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "team": (("location", "site"), ("supplier", "supplier")),
    "role": (("team", "team"), ("skills", "skill")),
    "tool": (("supplier", "supplier"),),
    "integration": (("source", "tool"), ("target", "tool")),
    "data-asset": (("system_of_record", "tool"),),
}


def _scrub(element: dict[str, Any], by_kind: ByKind) -> dict[str, Any] | None:
    """A carried-over element with references to elements no longer there removed (None: cannot be kept)."""
    out = dict(element)
    for field, kind in _REF_FIELDS.get(element["kind"], ()):
        pool = set(by_kind.get(kind, ()))
        value = out.get(field)
        if isinstance(value, list):
            out[field] = [v for v in value if v in pool]
        elif value is not None and value not in pool:
            if element["kind"] == "integration":
                return None
            del out[field]
    if element["kind"] == "value-stream":
        out["steps"] = [
            {
                **step,
                "practices": [p for p in step["practices"] if p in by_kind.get("practice", ())],
                "teams": [t for t in step["teams"] if t in by_kind.get("team", ())],
                "tools": [t for t in step["tools"] if t in by_kind.get("tool", ())],
            }
            for step in out.get("steps", [])
        ]
    return out


@st.composite
def _members(draw: Draw, max_elements: int = 14) -> dict[str, str]:
    ids = draw(st.lists(st.sampled_from(ID_POOL), max_size=max_elements, unique=True))
    members = {element_id: draw(st.sampled_from(ELEMENT_KINDS)) for element_id in ids}
    if not _kinds_ok(members):
        members = {k: v for k, v in members.items() if v != "integration"}
    return members


def _next_members(draw: Draw, members: dict[str, str]) -> dict[str, str]:
    """The members of a later state: most kept (a few with another kind), some dropped, some new."""
    out: dict[str, str] = {}
    for element_id, kind in members.items():
        fate = draw(st.integers(0, 9))
        if fate == 0:
            continue
        out[element_id] = draw(st.sampled_from(ELEMENT_KINDS)) if fate == 1 else kind
    free = [i for i in ID_POOL if i not in members]
    for element_id in _subset(draw, free, 4):
        out[element_id] = draw(st.sampled_from(ELEMENT_KINDS))
    if not _kinds_ok(out):
        out = {k: v for k, v in out.items() if v != "integration"}
    return out


@st.composite
def states(draw: Draw, people: Sequence[str] = (), max_elements: int = 14) -> State:
    """One random valid state (element owners drawn from `people`)."""
    return State.model_validate(_state_data(draw, draw(_members(max_elements)), people))


@st.composite
def state_pairs(draw: Draw, people: Sequence[str] = ()) -> tuple[State, State]:
    """Two states of one model: the second kept, changed, dropped and added elements of the first."""
    members = draw(_members())
    first = _state_data(draw, members, people)
    second = _state_data(draw, _next_members(draw, members), people, first)
    return State.model_validate(first), State.model_validate(second)


def _day(draw: Draw) -> dt.date:
    return START + dt.timedelta(days=draw(st.integers(0, 1000)))


def _kpi(draw: Draw, kpi_id: str, people: Sequence[str]) -> dict[str, Any]:
    direction = draw(st.sampled_from(["higher", "lower"]))
    data: dict[str, Any] = {"id": kpi_id, "name": f"KPI {kpi_id}", "direction": direction}
    baseline = _maybe(draw, st.integers(0, 100))
    target = _maybe(draw, st.integers(0, 100))
    if baseline is not None and target is not None:
        low, high = sorted((baseline, target))
        baseline, target = (low, high) if direction == "higher" else (high, low)
    data.update({"baseline": baseline, "target": target, "owner": _pick(draw, people)})
    if draw(st.booleans()):
        data["due"] = _day(draw).isoformat()
    return {k: v for k, v in data.items() if v is not None}


def _initiative(
    draw: Draw,
    n: int,
    *,
    earlier: Sequence[str],
    everywhere: dict[str, str],
    people: Sequence[str],
    kpis: Sequence[str],
) -> dict[str, Any]:
    by_kind = _by_kind(everywhere)
    status = draw(st.sampled_from(["proposed", "planned", "in-progress", "on-hold", "done", "cancelled"]))
    data: dict[str, Any] = {
        "id": f"i{n}",
        "name": f"Initiative {n}",
        "owner": _pick(draw, people),
        "team": _pick(draw, by_kind.get("team", [])),
        "closes": _subset(draw, sorted(everywhere), 4),
        "depends_on": _subset(draw, earlier, 2),
        "kpis": _subset(draw, kpis, 2),
        "effort": _maybe(draw, st.sampled_from(["xs", "s", "m", "l", "xl"])),
        "value": _maybe(draw, st.sampled_from(["low", "medium", "high"])),
        "status": status,
        "progress": 100 if status == "done" else draw(st.integers(0, 99)),
    }
    if draw(st.booleans()):
        start = _day(draw)
        data["start"] = start.isoformat()
        data["end"] = (start + dt.timedelta(weeks=draw(st.integers(1, 40)))).isoformat()
    audiences = sorted(
        by_kind.get("stakeholder-group", []) + by_kind.get("team", []) + by_kind.get("role", [])
    )
    data["change"] = {
        "affects": _subset(draw, by_kind.get("stakeholder-group", []), 2),
        "communicate": [
            {"audience": a, "message": "what changes for you"} for a in _subset(draw, audiences, 2)
        ],
        "train": [
            {"role": r, "course": "new ways of working"} for r in _subset(draw, by_kind.get("role", []), 2)
        ],
    }
    return {k: v for k, v in data.items() if v not in (None, [])}


@st.composite
def toms(draw: Draw, min_states: int = 1, max_states: int = 3) -> Tom:
    """A random valid TOM document: people, KPIs, outcomes, ordered states and an acyclic plan."""
    people = _subset(draw, PEOPLE_POOL, len(PEOPLE_POOL))
    count = draw(st.integers(min_states, max_states))
    names = [STATE_NAMES[0], *STATE_NAMES[3 - count + 1 :]] if count > 1 else [STATE_NAMES[0]]
    members = draw(_members())
    states_data: dict[str, dict[str, Any]] = {}
    previous: dict[str, Any] | None = None
    everywhere: dict[str, str] = {}
    for name in names:
        if previous is not None:
            members = _next_members(draw, members)
        previous = _state_data(draw, members, people, previous)
        states_data[name] = previous
        everywhere.update(members)
    kpi_ids = [f"k{n}" for n in range(draw(st.integers(0, 4)))]
    initiatives: list[dict[str, Any]] = []
    for n in range(draw(st.integers(0, 6))):
        initiatives.append(
            _initiative(
                draw,
                n,
                earlier=[i["id"] for i in initiatives],
                everywhere=everywhere,
                people=people,
                kpis=kpi_ids,
            )
        )
    data: dict[str, Any] = {
        "name": draw(_names),
        "organisation": "Example Org",
        "people": [{"id": p, "name": p.replace("-", " ").title()} for p in people],
        "kpis": [_kpi(draw, k, people) for k in kpi_ids],
        "outcomes": [
            {"id": f"o{n}", "statement": f"Outcome {n}", "kpis": _subset(draw, kpi_ids, 2)}
            for n in range(draw(st.integers(0, 3)))
        ],
        "states": states_data,
        "initiatives": initiatives,
    }
    sponsor = _pick(draw, people)
    if sponsor:
        data["sponsor"] = sponsor
    if draw(st.booleans()):
        data["review"] = {"next": _day(draw).isoformat()}
    return Tom.model_validate(data)


assert set(ELEMENT_KINDS) - set(CUSTOM_KINDS) <= set(BUILTIN_KINDS)
