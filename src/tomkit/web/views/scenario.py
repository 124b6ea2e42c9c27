"""The Scenarios page: define what-ifs, compare them side by side, see the charts, adopt one.

Staffing, simulation and comparison come from tomkit.scenarios and the charts from
tomkit.render.scenario_charts; these views choose what to show and save the edited draft.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from pydantic import ValidationError

from tomkit.formats import yaml_io
from tomkit.model import Tom
from tomkit.model.scenario import Scenario
from tomkit.render.errors import RenderError
from tomkit.render.scenario_charts import (
    cost_waterfall_svg,
    resolution_distribution_svg,
    service_level_curve_svg,
    staffing_by_hour_svg,
)
from tomkit.scenarios import (
    Comparison,
    ScenarioError,
    ScenarioRun,
    SimulationOptions,
    compare,
    run,
    run_names,
    write_back,
)
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.views.common import page

SIMULATION = SimulationOptions(weeks=8, replications=3, seed=0)
"""What the page simulates when asked: short enough to answer while the page loads."""


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "seconds":
        return (
            f"{value:.0f} s"
            if value < 120
            else (f"{value / 60:.0f} min" if value < 7200 else f"{value / 3600:.1f} h")
        )
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"


def _rows(table: Comparison) -> list[dict[str, Any]]:
    rows = []
    for row in table.rows:
        first = row.values[0]
        cells = []
        for value in row.values:
            text = _value(value, row.unit)
            tone = ""
            # A value that reads the same as the first column is not coloured, however it differs unrounded.
            if row.better and value is not None and first is not None and text != _value(first, row.unit):
                improved = value < first if row.better == "lower" else value > first
                tone = "better" if improved else "worse"
            cells.append({"text": text, "tone": tone})
        rows.append({"section": row.section, "measure": row.measure, "unit": row.unit, "cells": cells})
    return rows


def _svg(draw: Any) -> str:
    try:
        svg: str = draw()
    except (RenderError, ValueError, KeyError):
        return ""
    return svg


def _charts(runs: list[ScenarioRun]) -> dict[str, str]:
    charts: dict[str, str] = {}
    if not runs:
        return charts
    last = runs[-1]
    charts["staffing"] = _svg(lambda: staffing_by_hour_svg(last))
    live = [c for c in last.staffing.channels if c.method.startswith("erlang") and float(c.load.max()) > 0]
    if live:
        busiest = max(live, key=lambda c: float(c.load.max()))
        charts["curve"] = _svg(lambda: service_level_curve_svg(last, busiest.channel))
    if len(runs) > 1:
        charts["waterfall"] = _svg(lambda: cost_waterfall_svg(runs[0], last))
    if any(r.simulation for r in runs):
        charts["resolution"] = _svg(lambda: resolution_distribution_svg(runs))
    return charts


def _overrides_text(scenario: Scenario) -> str:
    data = [op.model_dump(mode="json", by_alias=True, exclude_none=True) for op in scenario.overrides]
    return yaml_io.dump(data) if data else ""


def _form(scenario: Scenario | None) -> dict[str, str]:
    """The editor's fields: an existing scenario's values, so saving it again keeps what is not changed."""
    if scenario is None:
        return {}
    return {
        "id": scenario.id,
        "name": scenario.name,
        "description": scenario.description or "",
        "base": scenario.base,
        "overrides": _overrides_text(scenario),
    }


@workspace_view("viewer")
def index(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Scenarios side by side (the as-is and every scenario unless some are chosen), with charts."""
    tom = access.workspace.tom()
    editing = next((s for s in tom.scenarios if s.id == request.GET.get("edit")), None)
    return _page(request, access, tom, _form(editing))


def _page(request: HttpRequest, access: WorkspaceAccess, tom: Tom, form: dict[str, str]) -> HttpResponse:
    """The page, its editor filled with `form` (a scenario being edited, or a refused form as typed)."""
    available = [*run_names(tom), *(n for n in tom.states if n not in run_names(tom))]
    chosen = [n for n in request.GET.getlist("run") if n in available] or run_names(tom)
    simulate = request.GET.get("simulate") == "1"
    runs: list[ScenarioRun] = []
    error = ""
    try:
        runs = [run(tom, name, SIMULATION if simulate else None) for name in chosen]
    except ScenarioError as exc:
        error = str(exc)
    table = compare(runs) if runs else None
    context = {
        "available": available,
        "chosen": chosen,
        "simulate": simulate,
        "error": error,
        "runs": runs,
        "rows": _rows(table) if table else [],
        "charts": _charts(runs),
        "scenarios": [{"s": s, "overrides": _overrides_text(s)} for s in tom.scenarios],
        "states": list(tom.states),
        "revision": access.workspace.revision,
        "simulation": SIMULATION,
        "form": form,
    }
    return page(request, access, "tomkit/ws/scenarios.html", context, active="scenarios")


def _save(request: HttpRequest, access: WorkspaceAccess, tom: Tom, summary: str) -> bool:
    """Save the edited draft unless someone changed the workspace since the form was loaded."""
    workspace = access.workspace
    workspace.refresh_from_db()
    raw = request.POST.get("base_revision", "")
    if raw.isdigit() and int(raw) < workspace.revision:
        newer = list(workspace.events.filter(revision__gt=int(raw)).select_related("actor")[:3])
        if newer:
            messages.error(
                request,
                "Not saved: the model changed since you opened this page ("
                + "; ".join(store.conflict_message(e) for e in newer)
                + "). Reload and try again.",
            )
            return False
    store.replace_draft(workspace.pk, request.user, tom, action="scenario", summary=summary)
    messages.success(request, summary[:1].upper() + summary[1:] + ".")
    return True


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'scenario'}: {e['msg']}" for e in exc.errors())


@workspace_view("editor", methods=("POST",))
def scenario_save(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Add a scenario, or replace the one with the same id, from the editor form."""
    tom = access.workspace.tom()
    back = redirect("scenarios:index", ws=access.workspace.slug)
    posted = {f: request.POST.get(f, "") for f in ("id", "name", "description", "base", "overrides")}
    text = posted["overrides"]
    overrides, problems = yaml_io.parse(text) if text.strip() else ([], [])
    if problems:
        messages.error(request, "Overrides: " + "; ".join(p.message for p in problems))
        return _page(request, access, tom, posted)  # the form keeps what was typed
    data = {
        "id": posted["id"].strip(),
        "name": posted["name"].strip(),
        "description": posted["description"].strip(),
        "base": posted["base"],
        "overrides": overrides or [],
    }
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        messages.error(request, "Not saved: " + _problems(exc))
        return _page(request, access, tom, posted)
    scenarios = [s for s in tom.scenarios if s.id != scenario.id]
    position = next((i for i, s in enumerate(tom.scenarios) if s.id == scenario.id), len(scenarios))
    scenarios.insert(position, scenario)
    updated = tom.model_copy(update={"scenarios": scenarios})
    try:
        run(updated, scenario.id)
    except ScenarioError as exc:
        messages.error(request, f"Not saved: {exc}")
        return _page(request, access, tom, posted)
    _save(request, access, updated, f"scenario {scenario.id!r} saved")
    return back


@workspace_view("editor", methods=("POST",))
def scenario_delete(request: HttpRequest, access: WorkspaceAccess, name: str) -> HttpResponse:
    scenario = name
    tom = access.workspace.tom()
    kept = [s for s in tom.scenarios if s.id != scenario]
    if len(kept) == len(tom.scenarios):
        messages.error(request, f"No scenario {scenario!r}.")
    else:
        _save(request, access, tom.model_copy(update={"scenarios": kept}), f"scenario {scenario!r} deleted")
    return redirect("scenarios:index", ws=access.workspace.slug)


@workspace_view("editor", methods=("POST",))
def scenario_adopt(request: HttpRequest, access: WorkspaceAccess, name: str) -> HttpResponse:
    """Write the scenario's result into a state (the to-be by default): the what-if becomes the plan."""
    scenario = name
    tom = access.workspace.tom()
    into = request.POST.get("into") or tom.target_name
    try:
        updated = write_back(tom, scenario, into)
    except ScenarioError as exc:
        messages.error(request, str(exc))
    else:
        _save(request, access, updated, f"scenario {scenario!r} written into {into!r}")
    return redirect("scenarios:index", ws=access.workspace.slug)
