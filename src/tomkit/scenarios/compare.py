"""Running scenarios (or plain states) and comparing them side by side.

A name is a scenario id from `tom.scenarios` or a state name (a state runs as it is). A comparison is
a list of rows, one per measure, with one value per run: FTE, cost per contact and in total, service
levels and, when simulated, resolution times and SLA attainment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tomkit.model import Tom
from tomkit.scenarios.build import model_input
from tomkit.scenarios.calibration import Calibration, calibrate
from tomkit.scenarios.inputs import ModelInput
from tomkit.scenarios.overrides import ScenarioError, find_scenario, scenario_state
from tomkit.scenarios.simulation import Segment, SimulationOptions, SimulationResult, simulate
from tomkit.scenarios.staffing import Staffing, staff


@dataclass(frozen=True)
class ScenarioRun:
    id: str
    name: str
    base: str
    model: ModelInput
    staffing: Staffing
    simulation: SimulationResult | None = None


def run_names(tom: Tom) -> list[str]:
    """What can be run: the as-is state first, then every scenario."""
    names = [tom.baseline_name] if tom.baseline_name else []
    return names + [s.id for s in tom.scenarios if s.id not in names]


def run(
    tom: Tom,
    name: str | None = None,
    simulation: SimulationOptions | None = None,
    calibration: Calibration | None = None,
) -> ScenarioRun:
    """Staff (and, with options, simulate) one scenario or state; default: the as-is."""
    name = name or tom.baseline_name
    if name is None:
        raise ScenarioError("the document has no states")
    scenario_ids = {s.id for s in tom.scenarios}
    if name in scenario_ids:
        scenario = find_scenario(tom, name)
        state, assumptions = scenario_state(tom, scenario)
        label, base = scenario.name, scenario.base
    elif name in tom.states:
        state, assumptions = tom.states[name], None
        label, base = tom.states[name].label or name, name
    else:
        known = ", ".join(run_names(tom) + [n for n in tom.states if n != tom.baseline_name])
        raise ScenarioError(f"no scenario or state {name!r}; there are: {known or 'none'}")
    model = model_input(state, name, assumptions)
    if calibration is not None:
        model = calibrate(model, calibration)
    staffing = staff(model)
    result = simulate(model, simulation, staffing) if simulation is not None else None
    return ScenarioRun(name, label, base, model, staffing, result)


@dataclass(frozen=True)
class Row:
    section: str
    measure: str
    unit: str
    values: tuple[float | None, ...]
    better: str = ""
    """'lower' or 'higher' when one direction is better; '' for context rows."""


@dataclass(frozen=True)
class Comparison:
    runs: tuple[str, ...]
    labels: tuple[str, ...]
    rows: tuple[Row, ...]

    def row(self, measure: str, section: str = "desk") -> Row:
        for r in self.rows:
            if r.measure == measure and r.section == section:
                return r
        raise KeyError(f"no row {section}/{measure}")


def _nan(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def compare(runs: list[ScenarioRun]) -> Comparison:
    """One row per measure, one value per run (None where a run lacks the channel or team)."""
    rows: list[Row] = []

    def add(section: str, measure: str, unit: str, values: list[float | None], better: str = "") -> None:
        rows.append(
            Row(section, measure, unit, tuple(_nan(v) if v is not None else None for v in values), better)
        )

    staffings = [r.staffing for r in runs]
    add("desk", "contacts handled", "per month", [s.contacts_per_month for s in staffings])
    add(
        "desk",
        "self-served",
        "per month",
        [sum(c.deflected_per_month for c in s.channels) for s in staffings],
    )
    add("desk", "FTE required", "FTE", [s.fte for s in staffings], "lower")
    add("desk", "staff cost", "per year", [s.staff_cost_per_year for s in staffings], "lower")
    add("desk", "contact cost", "per month", [s.contact_cost_per_month for s in staffings], "lower")
    add("desk", "cost per contact", "per contact", [s.cost_per_contact for s in staffings], "lower")
    channel_ids = list(dict.fromkeys(c.channel for s in staffings for c in s.channels))
    for cid in channel_ids:
        found = [next((c for c in s.channels if c.channel == cid), None) for s in staffings]
        add(cid, "contacts handled", "per month", [c.contacts_per_month if c else None for c in found])
        add(cid, "FTE required", "FTE", [c.fte if c else None for c in found], "lower")
        add(cid, "answer target", "seconds", [c.target_seconds if c else None for c in found])
        add(cid, "service level", "share", [c.service_level_week if c else None for c in found], "higher")
        add(
            cid,
            "average speed of answer",
            "seconds",
            [c.asa_week_seconds if c else None for c in found],
            "lower",
        )
        add(cid, "occupancy", "share", [c.occupancy_week if c else None for c in found])
        if any(c is not None and c.method == "erlang-a" for c in found):
            add(cid, "abandoned", "share", [c.abandon_week if c else None for c in found], "lower")
        add(cid, "cost", "per month", [c.cost_per_month if c else None for c in found], "lower")
    team_ids = list(dict.fromkeys(t.team for s in staffings for t in s.teams))
    for tid in team_ids:
        teams = [next((t for t in s.teams if t.team == tid), None) for s in staffings]
        add(tid, "FTE required", "FTE", [t.required_fte if t else None for t in teams], "lower")
        add(tid, "FTE in the state", "FTE", [t.rostered_fte if t else None for t in teams])
    if any(r.simulation for r in runs):
        sims = [r.simulation for r in runs]
        for cid in ["all", *channel_ids]:
            segs = [_segment(s, cid) for s in sims]
            section = "desk" if cid == "all" else cid
            add(
                section,
                "mean resolution",
                "hours",
                [g.mean_resolution_hours.mean if g else None for g in segs],
                "lower",
            )
            add(
                section,
                "90th percentile resolution",
                "hours",
                [g.p90_resolution_hours.mean if g else None for g in segs],
                "lower",
            )
            add(
                section,
                "resolved within target",
                "share",
                [g.resolved_in_target.mean if g and g.resolved_in_target else None for g in segs],
                "higher",
            )
            add(
                section,
                "answered within target (simulated)",
                "share",
                [g.answered_in_target.mean if g else None for g in segs],
                "higher",
            )
    order = {"desk": 0}
    rows.sort(key=lambda r: order.get(r.section, 1))
    return Comparison(tuple(r.id for r in runs), tuple(r.name for r in runs), tuple(rows))


def _segment(result: SimulationResult | None, channel: str) -> Segment | None:
    if result is None:
        return None
    try:
        return result.segment(channel)
    except KeyError:
        return None


@dataclass(frozen=True)
class BridgeStep:
    label: str
    value: float
    kind: str
    """start, change or end."""


def cost_bridge(before: ScenarioRun, after: ScenarioRun) -> list[BridgeStep]:
    """Monthly contact cost from one run to another, one step per channel that changes (a waterfall)."""
    a = {c.channel: c for c in before.staffing.channels}
    b = {c.channel: c for c in after.staffing.channels}
    steps = [BridgeStep(before.name, before.staffing.contact_cost_per_month, "start")]
    for channel in dict.fromkeys([*a, *b]):
        old = a[channel].cost_per_month if channel in a else None
        new = b[channel].cost_per_month if channel in b else None
        delta = (new or 0.0) - (old or 0.0)
        if abs(delta) > 0.005:
            name = (b.get(channel) or a[channel]).name
            steps.append(BridgeStep(name, delta, "change"))
    steps.append(BridgeStep(after.name, after.staffing.contact_cost_per_month, "end"))
    return steps
