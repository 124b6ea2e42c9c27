"""Small edits to the plan of a TOM: initiatives, dependencies, milestones, change actions, readiness answers.

Each function takes a TOM and returns a new, validated TOM (the input is never changed), or raises
`PlanEditError` saying what is wrong, so the web app's quick forms and scripts share one set of rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from pydantic import ValidationError

from tomkit.analysis.gaps import gaps
from tomkit.model import Initiative, Severity, Size, Tom, check, find_cycle, slugify
from tomkit.model.readiness import ReadinessResponse

ChangeAction = Literal["affects", "communicate", "train", "champion"]


class PlanEditError(ValueError):
    """The edit would make the plan invalid; `problems` lists why, one plain sentence each."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message if not problems else f"{message}: {'; '.join(problems)}")
        self.message = message
        self.problems = problems or []


def _rebuild(tom: Tom, change: Callable[[dict[str, Any]], None], what: str) -> Tom:
    data = tom.to_data()
    change(data)
    try:
        new = Tom.model_validate(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise PlanEditError(f"cannot {what}", problems) from None
    return new


def _initiative(data: dict[str, Any], initiative_id: str) -> dict[str, Any]:
    for item in data.get("initiatives", []):
        if item["id"] == initiative_id:
            found: dict[str, Any] = item
            return found
    raise PlanEditError(f"no initiative {initiative_id!r}")


def save_initiative(tom: Tom, fields: dict[str, Any]) -> Tom:
    """Add an initiative, or change the given fields of the one with that id (empty values clear a field)."""
    initiative_id = str(fields.get("id") or "").strip() or slugify(str(fields.get("name") or ""))
    if not initiative_id or initiative_id == "item":
        raise PlanEditError("an initiative needs an id or a name")
    values = {k: v for k, v in fields.items() if k != "id"}

    def change(data: dict[str, Any]) -> None:
        items = data.setdefault("initiatives", [])
        for item in items:
            if item["id"] == initiative_id:
                for key, value in values.items():
                    if value in (None, "", []):
                        item.pop(key, None)
                    else:
                        item[key] = value
                return
        items.append({"id": initiative_id, **{k: v for k, v in values.items() if v not in (None, "", [])}})

    return _rebuild(tom, change, f"save initiative {initiative_id}")


def initiative_for_gap(tom: Tom, element_id: str) -> Initiative:
    """A proposed initiative that closes one open gap, owned by the element's owner."""
    report = gaps(tom)
    gap = next((g for g in report.elements if g.element_id == element_id), None)
    if gap is None:
        raise PlanEditError(f"{element_id!r} is not a gap between {report.from_state} and {report.to_state}")
    element = gap.after or gap.before
    owner = element.owner if element else None
    verb = {"added": "Introduce", "removed": "Retire", "changed": "Change"}[gap.change.value]
    taken = {i.id for i in tom.initiatives}
    base = slugify(f"{gap.change.value}-{element_id}")[:70]
    new_id, n = base, 2
    while new_id in taken:
        new_id, n = f"{base}-{n}", n + 1
    team = next((p.team for p in tom.people if p.id == owner and p.team), None) if owner else None
    return Initiative(
        id=new_id,
        name=f"{verb} {gap.name}",
        owner=owner,
        team=team,
        closes=[element_id],
        target_state=report.to_state,
        effort=Size.S,
        status="proposed",
    )


def add_initiative_for_gap(tom: Tom, element_id: str) -> tuple[Tom, Initiative]:
    initiative = initiative_for_gap(tom, element_id)
    fields = initiative.model_dump(mode="json", exclude_defaults=True)
    return save_initiative(tom, fields), initiative


def set_dependency(tom: Tom, initiative_id: str, depends_on: str, *, present: bool = True) -> Tom:
    """Make `initiative_id` wait for `depends_on` (or stop waiting); refuses a dependency cycle."""
    if present and tom.initiative(depends_on) is None:
        raise PlanEditError(f"no initiative {depends_on!r} to depend on")
    if present and depends_on == initiative_id:
        raise PlanEditError(f"{initiative_id} cannot depend on itself")

    def change(data: dict[str, Any]) -> None:
        item = _initiative(data, initiative_id)
        deps = [d for d in item.get("depends_on", []) if d != depends_on]
        if present:
            deps.append(depends_on)
        item["depends_on"] = deps
        if not deps:
            item.pop("depends_on")

    new = _rebuild(tom, change, f"change the dependencies of {initiative_id}")
    cycle = find_cycle({i.id: list(i.depends_on) for i in new.initiatives})
    if cycle:
        raise PlanEditError("that would make a dependency cycle", [" -> ".join(cycle)])
    return new


def add_milestone(tom: Tom, initiative_id: str, name: str, due: dt.date | None) -> Tom:
    if not name.strip():
        raise PlanEditError("a milestone needs a name")

    def change(data: dict[str, Any]) -> None:
        item = _initiative(data, initiative_id)
        milestones = item.setdefault("milestones", [])
        taken = {m["id"] for m in milestones}
        base = slugify(name)[:60]
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        milestones.append({"id": new_id, "name": name.strip(), **({"due": due.isoformat()} if due else {})})

    return _rebuild(tom, change, f"add a milestone to {initiative_id}")


def set_milestone_done(tom: Tom, initiative_id: str, milestone_id: str, *, done: bool, on: dt.date) -> Tom:
    """Mark a milestone done on a date (or open again); the initiative is then in progress if it was not."""

    def change(data: dict[str, Any]) -> None:
        item = _initiative(data, initiative_id)
        milestone = next((m for m in item.get("milestones", []) if m["id"] == milestone_id), None)
        if milestone is None:
            raise PlanEditError(f"{initiative_id} has no milestone {milestone_id!r}")
        if done:
            milestone["done"] = True
            milestone["done_on"] = on.isoformat()
            if item.get("status", "proposed") in ("proposed", "planned"):
                item["status"] = "in-progress"
                item.setdefault("actual_start", on.isoformat())
            if all(m.get("done") for m in item["milestones"]):
                item["status"] = "done"
                item.setdefault("actual_end", on.isoformat())
        else:
            milestone.pop("done", None)
            milestone.pop("done_on", None)
            if item.get("status") == "done":
                item["status"] = "in-progress"
                item.pop("actual_end", None)

    return _rebuild(tom, change, f"update milestone {milestone_id}")


def add_change_action(tom: Tom, initiative_id: str, action: ChangeAction, fields: dict[str, Any]) -> Tom:
    """Add to an initiative's change plan: a group affected, a communication, a training or a champion."""

    def change(data: dict[str, Any]) -> None:
        item = _initiative(data, initiative_id)
        plan = item.setdefault("change", {})
        if action == "affects":
            plan.setdefault("affects", []).append(fields["group"])
        elif action == "champion":
            plan.setdefault("champions", []).append(fields["person"])
        elif action == "communicate":
            entry = {k: fields[k] for k in ("audience", "message", "channel", "when") if fields.get(k)}
            plan.setdefault("communicate", []).append(entry)
        else:
            entry = {k: fields[k] for k in ("role", "course", "when") if fields.get(k)}
            plan.setdefault("train", []).append(entry)

    try:
        new = _rebuild(tom, change, f"add to the change plan of {initiative_id}")
    except KeyError as exc:
        raise PlanEditError(f"{action} needs a {exc.args[0]}") from None
    where = ("initiatives", _index(new, initiative_id))
    problems = [p for p in check(new) if p.path[:2] == where and p.severity is Severity.ERROR]
    if problems:
        raise PlanEditError(
            f"cannot add to the change plan of {initiative_id}", [p.message for p in problems]
        )
    return new


def _index(tom: Tom, initiative_id: str) -> int:
    return next(n for n, i in enumerate(tom.initiatives) if i.id == initiative_id)


def add_readiness_response(tom: Tom, response: ReadinessResponse) -> Tom:
    """Record one set of questionnaire answers; answers outside the questionnaire's scale are refused."""
    questionnaire = tom.readiness.questionnaire(response.questionnaire)
    if questionnaire is None:
        raise PlanEditError(f"no questionnaire {response.questionnaire!r}")
    bad = [
        f"{q}: {a} is outside 1-{questionnaire.scale}"
        if questionnaire.question(q)
        else f"{q}: no such question"
        for q, a in response.answers.items()
        if questionnaire.question(q) is None or not 1 <= a <= questionnaire.scale
    ]
    if bad or not response.answers:
        raise PlanEditError("cannot record the answers", bad or ["no question was answered"])

    def change(data: dict[str, Any]) -> None:
        readiness = data.setdefault("readiness", {})
        readiness.setdefault("responses", []).append(response.model_dump(mode="json", exclude_defaults=True))

    return _rebuild(tom, change, "record the answers")
