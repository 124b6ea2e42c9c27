"""Scenario engine figures: Erlang staffing speed, and the simulation against SimPy on identical streams.

    .venv/bin/python benchmarks/scenarios.py [--weeks 8] [--year-weeks 52]

1. Erlang C staffing of 7x24 hourly intervals for 6 channels (1,008 intervals), and the whole
   `staff()` of a six-channel, three-tier desk.
2. The same multi-tier model (six channels into tier-1 pools, tiers 2 and 3 behind) simulated by
   tomkit's kernel and by SimPy, both fed the very same arrival, routing and work streams: the start
   time of every stage must agree, and the ratio of run times is printed.
3. A year of the large desk end to end with tomkit (streams, flow, statistics).
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace

import numpy as np
import simpy

from tomkit.model import Tom
from tomkit.scenarios import Assumptions, SimulationOptions, model_input, simulate, staff, staff_erlang_c_many
from tomkit.scenarios.flow import Station, Streams, run_flow
from tomkit.scenarios.network import build_network, generate_streams
from tomkit.scenarios.simulation import priority_ranks


def large_desk() -> Tom:
    """A large 24x7 desk: about 125,000 contacts a month over six channels, L1 -> L2 -> L3."""
    channels = [
        ("phone", "phone", 56000, 7.0, 0.68, 20, 1),
        ("chat", "chat", 22000, 11.0, 0.65, 60, 2),
        ("email", "email", 24000, 9.0, 0.55, None, 1),
        ("portal", "portal", 16000, 6.0, 0.6, None, 1),
        ("walk-in", "walk-in", 2500, 14.0, 0.75, 300, 1),
        ("monitoring", "monitoring", 6000, 4.0, 0.3, None, 1),
    ]
    elements: list[dict[str, object]] = []
    relations: list[dict[str, object]] = []
    for cid, kind, volume, handle, fcr, answer, concurrency in channels:
        elements.append({"id": cid, "kind": "channel", "name": cid.title(), "channel_type": kind,
                         "volume_per_month": volume, "handle_minutes": handle, "first_contact_resolution": fcr,
                         "concurrency": concurrency, "hours": "24x7", "cost_per_contact": 10})  # fmt: skip
        target = {"priority": "P3", "attainment": 0.8}
        target.update({"answer_seconds": answer} if answer else {"response_minutes": 240})
        elements.append({"id": f"sl-{cid}", "kind": "service-level", "name": f"{cid} SLA", "channel": cid,
                         "targets": [target]})  # fmt: skip
        relations.append({"from": "l1", "type": "operates", "to": cid})
    elements += [
        {"id": "l1", "kind": "team", "name": "Service desk", "tier": 1, "hours": "24x7"},
        {"id": "l2", "kind": "team", "name": "Second line", "tier": 2, "hours": "24x7",
         "properties": {"handle_minutes": 30}},
        {"id": "l3", "kind": "team", "name": "Third line", "tier": 3, "hours": "24x7",
         "properties": {"handle_minutes": 90}},
    ]  # fmt: skip
    relations += [
        {"from": "l1", "type": "escalates-to", "to": "l2"},
        {"from": "l2", "type": "escalates-to", "to": "l3", "properties": {"share": 0.2}},
    ]
    return Tom.model_validate(
        {"name": "Large desk", "states": {"as-is": {"elements": elements, "relations": relations}}}
    )


def simpy_flow(streams: Streams, stations: list[Station], ranks: np.ndarray | None = None) -> np.ndarray:
    """The same flow as `run_flow`, as SimPy processes on Resources (constant servers; FIFO, or by
    priority with PriorityResource when `ranks` are given)."""
    env = simpy.Environment()
    kind = simpy.Resource if ranks is None else simpy.PriorityResource
    resources = [kind(env, capacity=int(s.roster[0])) for s in stations]
    urgency = [0] * streams.arrivals.size if ranks is None else ranks.tolist()
    tickets, stages = streams.route.shape
    start = np.full((tickets, stages), np.nan)
    route = streams.route.tolist()
    work = streams.work.tolist()

    def ticket(i: int):  # type: ignore[no-untyped-def]
        for stage in range(stages):
            station = route[i][stage]
            if station < 0:
                return
            resource = resources[station]
            request_for = resource.request() if ranks is None else resource.request(priority=urgency[i])
            with request_for as request:
                yield request
                start[i, stage] = env.now
                yield env.timeout(work[i][stage])

    def arrivals():  # type: ignore[no-untyped-def]
        for i, at in enumerate(streams.arrivals.tolist()):
            yield env.timeout(at - env.now)
            env.process(ticket(i))

    env.process(arrivals())
    env.run()
    return start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=float, default=8.0, help="weeks simulated for the SimPy comparison")
    parser.add_argument("--year-weeks", type=float, default=52.0, help="weeks for the end-to-end tomkit run")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: timings are wall-clock)")

    tom = large_desk()
    model = model_input(tom.states["as-is"], "large desk")

    # 1. Erlang staffing ------------------------------------------------------------------------
    loads = np.concatenate([c.arrivals_per_hour * c.handle_minutes / 60.0 for c in model.channels])
    handles = np.concatenate([np.full(168, c.handle_minutes * 60.0) for c in model.channels])
    best = min(_timed(lambda: staff_erlang_c_many(loads, handles, 20.0, 0.8, 0.85))[0] for _ in range(5))
    print(f"Erlang C staffing, 7x24 intervals x 6 channels ({loads.size} intervals): {best * 1000:.1f} ms")
    best_all = min(_timed(lambda: staff(model))[0] for _ in range(3))
    print(f"Whole staffing of the desk (Erlang C per hour, backlog model, tiers): {best_all * 1000:.1f} ms")
    patient = replace(model, assumptions=Assumptions(patience_seconds=120.0))
    erlang_a_time, _ = _timed(lambda: staff(patient))
    print(
        f"Whole staffing with Erlang A (120 s patience) for the 3 live channels: {erlang_a_time * 1000:.0f} ms"
    )

    # 2. tomkit vs SimPy on identical streams ---------------------------------------------------
    staffing = staff(model)
    network = build_network(model, staffing, "required")
    constant = [Station(s.name, np.full(168, int(s.roster.max()), dtype=np.int64)) for s in network.stations]
    network = replace(network, stations=constant)
    rng = np.random.default_rng(args.seed)
    streams = generate_streams(model, network, args.weeks, rng)
    stages = int((streams.route >= 0).sum())
    print(f"\nSame model, same streams: {streams.arrivals.size:,} tickets, {stages:,} queue visits, "
          f"{len(constant)} stations, {args.weeks:g} weeks")  # fmt: skip
    tomkit_time, times = _timed(lambda: run_flow(streams, network.stations, network.order))
    simpy_time, simpy_start = _timed(lambda: simpy_flow(streams, network.stations))
    both = ~np.isnan(times.start)
    same_shape = bool(np.array_equal(both, ~np.isnan(simpy_start)))
    gap = float(np.max(np.abs(times.start[both] - simpy_start[both]))) if same_shape else float("nan")
    print(f"  tomkit kernel : {tomkit_time:7.2f} s")
    print(f"  SimPy 4.1.2   : {simpy_time:7.2f} s")
    print(f"  ratio         : {simpy_time / tomkit_time:7.1f}x faster")
    print(
        f"  agreement     : every stage start identical within {gap:.2e} hours (same stages visited: {same_shape})"
    )
    ranks = priority_ranks(list(model.priority_mix))[streams.priority]
    tomkit_p, times_p = _timed(lambda: run_flow(streams, network.stations, network.order, ranks))
    simpy_p, simpy_start_p = _timed(lambda: simpy_flow(streams, network.stations, ranks))
    gap_p = float(np.nanmax(np.abs(times_p.start - simpy_start_p)))
    print(f"  by priority   : tomkit {tomkit_p:.2f} s, SimPy PriorityResource {simpy_p:.2f} s, "
          f"{simpy_p / tomkit_p:.1f}x faster, largest difference {gap_p:.2e} hours")  # fmt: skip
    waits = (times.start[:, 0] - streams.arrivals) * 3600
    simpy_waits = (simpy_start[:, 0] - streams.arrivals) * 3600
    print(f"  mean tier-1 wait: tomkit {waits.mean():.3f} s, SimPy {simpy_waits.mean():.3f} s")

    # 3. a year, end to end ---------------------------------------------------------------------
    options = SimulationOptions(weeks=args.year_weeks, replications=1, seed=args.seed, warmup_weeks=1)
    cpu_before = time.process_time()
    year_time, result = _timed(lambda: simulate(model, options, staffing))
    year_cpu = time.process_time() - cpu_before
    print(f"\nA year of the large desk in tomkit ({result.tickets:,.0f} tickets measured, "
          f"{args.year_weeks + 1:g} weeks simulated, hourly rosters, {options.discipline} queues): "
          f"{year_time:.2f} s end to end ({year_cpu:.2f} s of CPU)")  # fmt: skip
    desk = result.segment("all")
    print(f"  mean resolution {desk.mean_resolution_hours.mean:.2f} h, "
          f"answered within target {desk.answered_in_target.mean:.1%}")  # fmt: skip


def _timed(work):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    out = work()
    return time.perf_counter() - began, out


if __name__ == "__main__":
    main()
