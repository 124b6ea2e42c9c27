"""Endpoints for the Scenarios page's definitions: list, create, replace, delete, and adopting a
scenario into a state. Definitions are edited in the document's `scenarios` list and saved through
`drafts.save_edit`, like the page's forms. Runs, comparisons and charts are in `scenario_runs.py`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Schema, Status
from ninja.errors import HttpError
from pydantic import ValidationError

from tomkit.model import Tom
from tomkit.model.scenario import Override, Scenario
from tomkit.scenarios import (
    run,
    run_names,
    write_back,
)
from tomkit.web.api.core import api, member, role
from tomkit.web.api.drafts import SavedOut, invalid, save_edit
from tomkit.web.models import Role

VIEWER, EDITOR = Role.VIEWER.value, Role.EDITOR.value


class ScenarioDefOut(Schema):
    id: str
    name: str
    description: str
    base: str
    overrides: list[dict[str, Any]]
    """As written in the document (`op` plus its fields)."""


class ScenarioListOut(Schema):
    available: list[str]
    """What can be run: the as-is first, then every scenario, then the other states."""
    states: list[str]
    scenarios: list[ScenarioDefOut]
    revision: int


def _def_out(s: Scenario) -> ScenarioDefOut:
    return ScenarioDefOut(
        id=s.id,
        name=s.name,
        description=s.description,
        base=s.base,
        overrides=[o.model_dump(mode="json", by_alias=True, exclude_none=True) for o in s.overrides],
    )


def available_runs(tom: Tom) -> list[str]:
    names = run_names(tom)
    return [*names, *(n for n in tom.states if n not in names)]


@api.get(
    "/workspaces/{ws}/scenarios", response=ScenarioListOut, tags=["scenarios"], openapi_extra=role(VIEWER)
)
def list_scenarios(request: HttpRequest, ws: str) -> ScenarioListOut:
    """The scenarios defined in the document and everything that can be run or compared."""
    access = member(request, ws, VIEWER)
    tom = access.workspace.tom()
    return ScenarioListOut(
        available=available_runs(tom),
        states=list(tom.states),
        scenarios=[_def_out(s) for s in tom.scenarios],
        revision=access.workspace.revision,
    )


class ScenarioFields(Schema):
    name: str
    description: str = ""
    base: str
    """The state the overrides apply to (as-is or to-be)."""
    overrides: list[Override] = []
    base_revision: int | None = None


class ScenarioIn(ScenarioFields):
    id: str


def _scenario(scenario_id: str, payload: ScenarioFields) -> Scenario:
    data = {
        "id": scenario_id,
        "name": payload.name.strip(),
        "description": payload.description.strip(),
        "base": payload.base,
        "overrides": [o.model_dump(mode="json", by_alias=True, exclude_none=True) for o in payload.overrides],
    }
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise invalid(exc, "scenario") from None


def _with(tom: Tom, scenario: Scenario) -> Tom:
    """The TOM with the scenario added, or replacing the one with its id in place; refused (422) when
    the scenario cannot be run (an unknown base, channel or team)."""
    kept = [s for s in tom.scenarios if s.id != scenario.id]
    position = next((i for i, s in enumerate(tom.scenarios) if s.id == scenario.id), len(kept))
    kept.insert(position, scenario)
    updated = tom.model_copy(update={"scenarios": kept})
    run(updated, scenario.id)
    return updated


@api.post(
    "/workspaces/{ws}/scenarios",
    response={201: ScenarioDefOut},
    tags=["scenarios"],
    openapi_extra=role(EDITOR),
)
def create_scenario(request: HttpRequest, ws: str, payload: ScenarioIn) -> Status[ScenarioDefOut]:
    """Define a scenario; 409 if the id is taken (use PUT to replace one)."""
    access = member(request, ws, EDITOR)
    scenario = _scenario(payload.id.strip(), payload)

    def edit(current: Tom) -> Tom:
        if any(s.id == scenario.id for s in current.scenarios):
            raise HttpError(409, f"there is already a scenario {scenario.id!r}")
        return _with(current, scenario)

    save_edit(
        access.workspace, request, edit, payload.base_revision, "scenario", f"scenario {scenario.id!r} saved"
    )
    return Status(201, _def_out(scenario))


@api.put(
    "/workspaces/{ws}/scenarios/{scenario}",
    response=ScenarioDefOut,
    tags=["scenarios"],
    openapi_extra=role(EDITOR),
)
def put_scenario(request: HttpRequest, ws: str, scenario: str, payload: ScenarioFields) -> ScenarioDefOut:
    """Replace a scenario's definition (or add it under this id)."""
    access = member(request, ws, EDITOR)
    made = _scenario(scenario, payload)
    save_edit(
        access.workspace,
        request,
        lambda current: _with(current, made),
        payload.base_revision,
        "scenario",
        f"scenario {made.id!r} saved",
    )
    return _def_out(made)


def _defined(tom: Tom, scenario: str) -> None:
    if not any(s.id == scenario for s in tom.scenarios):
        raise Http404(f"no scenario {scenario!r}")


@api.delete(
    "/workspaces/{ws}/scenarios/{scenario}", response=SavedOut, tags=["scenarios"], openapi_extra=role(EDITOR)
)
def delete_scenario(
    request: HttpRequest, ws: str, scenario: str, base_revision: int | None = None
) -> SavedOut:
    """Delete a scenario definition (`base_revision` as a query parameter)."""
    access = member(request, ws, EDITOR)
    _defined(access.workspace.tom(), scenario)

    def edit(current: Tom) -> Tom:
        _defined(current, scenario)
        return current.model_copy(update={"scenarios": [s for s in current.scenarios if s.id != scenario]})

    return save_edit(
        access.workspace, request, edit, base_revision, "scenario", f"scenario {scenario!r} deleted"
    )


class AdoptIn(Schema):
    into: str | None = None
    """The state to write the scenario's result into (default: the to-be)."""
    base_revision: int | None = None


@api.post(
    "/workspaces/{ws}/scenarios/{scenario}/adopt",
    response=SavedOut,
    tags=["scenarios"],
    openapi_extra=role(EDITOR),
)
def adopt_scenario(request: HttpRequest, ws: str, scenario: str, payload: AdoptIn) -> SavedOut:
    """Write the scenario's result into a state: the what-if becomes the plan."""
    access = member(request, ws, EDITOR)
    tom = access.workspace.tom()
    _defined(tom, scenario)
    into = payload.into or tom.target_name
    if into not in tom.states:
        raise HttpError(422, f"no state {into!r}; states: {', '.join(tom.states) or 'none'}")

    def edit(current: Tom) -> Tom:
        _defined(current, scenario)
        return write_back(current, scenario, into)

    summary = f"scenario {scenario!r} written into {into!r}"
    return save_edit(access.workspace, request, edit, payload.base_revision, "scenario", summary)


# --- runs ---------------------------------------------------------------------------------------
