"""How fast the roadmap planner is on a large programme, against networkx on the same graph.

A random plan of 2,000 initiatives, 5,000 dependencies (a DAG) and 50 teams of capacity 1-4 is
scheduled three ways:

- `schedule()`: the capacity-aware scheduler alone (the engine behind `tomkit plan`);
- `plan()`: the whole roadmap from a TOM document (scores, waves, explanations in dates);
- networkx `topological_sort` + `dag_longest_path` (critical path by duration): the peer. It
  ignores capacity, so it is a lower bound on what any scheduler of this graph must do.

    .venv/bin/python benchmarks/roadmap.py [INITIATIVES] [DEPENDENCIES] [TEAMS]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from tomkit.analysis.roadmap import plan
from tomkit.analysis.schedule import Task, schedule
from tomkit.model import Tom

SIZES = ("xs", "s", "m", "l", "xl")
WEEKS = {"xs": 2, "s": 4, "m": 8, "l": 13, "xl": 26}


def build(
    initiatives: int, dependencies: int, teams: int, seed: int = 11
) -> tuple[list[Task], dict[str, int], Tom]:
    """The same random programme as scheduler tasks and as a TOM document."""
    rng = random.Random(seed)
    order = list(range(initiatives))
    rng.shuffle(order)  # dependencies point from earlier to later in this order: a DAG
    position = {n: i for i, n in enumerate(order)}
    edges: set[tuple[int, int]] = set()
    while len(edges) < dependencies:
        a, b = rng.sample(range(initiatives), 2)
        if position[a] > position[b]:
            a, b = b, a
        edges.add((b, a))  # b depends on a
    deps: dict[int, list[int]] = {n: [] for n in range(initiatives)}
    for b, a in sorted(edges):
        deps[b].append(a)
    capacity = {f"team-{t}": rng.randint(1, 4) for t in range(teams)}
    sizes = [rng.choice(SIZES) for _ in range(initiatives)]
    values = [rng.choice(("low", "medium", "high")) for _ in range(initiatives)]
    team_of = [f"team-{rng.randrange(teams)}" for _ in range(initiatives)]
    tasks = [
        Task(
            id=f"i{n}",
            duration=WEEKS[sizes[n]],
            team=team_of[n],
            depends_on=tuple(f"i{d}" for d in deps[n]),
            quick_win=values[n] == "high" and sizes[n] in ("xs", "s") and not deps[n],
            priority=random.Random(n).random(),
        )
        for n in range(initiatives)
    ]
    elements: list[dict[str, Any]] = [
        {"id": team, "kind": "team", "name": team, "change_capacity": cap} for team, cap in capacity.items()
    ]
    data: dict[str, Any] = {
        "name": "Benchmark programme",
        "states": {"as-is": {"elements": elements}, "to-be": {"elements": elements}},
        "initiatives": [
            {"id": f"i{n}", "name": f"Initiative {n}", "team": team_of[n], "effort": sizes[n], "value": values[n],
             "depends_on": [f"i{d}" for d in deps[n]]}
            for n in range(initiatives)
        ],
    }  # fmt: skip
    return tasks, capacity, Tom.model_validate(data)


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    initiatives = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    dependencies = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    teams = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    tasks, capacity, tom = build(initiatives, dependencies, teams)
    print(f"programme: {initiatives} initiatives, {dependencies} dependencies, {teams} teams")

    engine_s, result = timed(lambda: schedule(tasks, capacity))
    assert result.feasible, "a random DAG with capacity >= 1 is always schedulable"
    peak = max(max(result.load(team), default=0) - cap for team, cap in capacity.items())
    print(f"schedule():  {engine_s * 1000:8.1f} ms  makespan {result.makespan} weeks, "
          f"critical chain {len(result.critical_path)} initiatives, capacity headroom >= {-peak}")  # fmt: skip

    plan_s, roadmap = timed(lambda: plan(tom, today=dt.date(2027, 1, 4)))
    print(f"plan(tom):   {plan_s * 1000:8.1f} ms  {len(roadmap.waves)} waves, ok={roadmap.ok}")

    try:
        import networkx as nx
    except ImportError:
        print("networkx is not installed: no peer comparison")
        return

    def peer() -> list[str]:
        graph = nx.DiGraph()
        for task in tasks:
            graph.add_node(task.id)
            for dep in task.depends_on:
                graph.add_edge(dep, task.id, weight=task.duration)
        list(nx.topological_sort(graph))
        path: list[str] = nx.dag_longest_path(graph, weight="weight")
        return path

    peer_s, path = timed(peer)
    bound = sum(t.duration for t in tasks if t.id in set(path))
    print(f"networkx:    {peer_s * 1000:8.1f} ms  topological sort + critical path ({len(path)} initiatives, "
          f"{bound} weeks without capacity limits)")  # fmt: skip
    print(f"ratio: schedule() takes {engine_s / peer_s:.1f}x the networkx lower bound "
          f"(which ignores capacity and explains nothing); plan(tom) {plan_s / peer_s:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
