"""How fast the analysis engines are on large TOMs, against a line diff of the same files.

The peer is `difflib.unified_diff` over the two states written as YAML-like JSON lines: what a
plain text diff (as in a code review) costs for the same pair. The semantic diff does more (it
matches by id and names the attribute), so the ratio says what that costs.

    .venv/bin/python benchmarks/analysis_diff.py [ELEMENTS]
"""

from __future__ import annotations

import difflib
import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from tomkit.analysis import apply_diff, diff_states, gaps, health, impact
from tomkit.model import Tom

KINDS = ("team", "role", "tool", "practice", "channel", "service", "site", "data-asset")


def build(elements: int, seed: int = 7) -> Tom:
    """An as-is and a to-be of `elements` elements each, about 10 % changed, 5 % added, 5 % removed."""
    rng = random.Random(seed)
    as_is: list[dict[str, Any]] = []
    for n in range(elements):
        kind = KINDS[n % len(KINDS)]
        item: dict[str, Any] = {"id": f"e{n}", "kind": kind, "name": f"Element {n}"}
        if kind == "team":
            item["fte"] = rng.randint(1, 40)
        as_is.append(item)
    tools = [e["id"] for e in as_is if e["kind"] == "tool"]
    users = [e["id"] for e in as_is if e["kind"] in ("team", "role", "practice")]
    relations = [{"from": u, "type": "uses", "to": rng.choice(tools)} for u in users]
    to_be = []
    for item in as_is:
        roll = rng.random()
        if roll < 0.05:
            continue
        changed = dict(item)
        if roll < 0.15:
            changed["description"] = "reworked"
        to_be.append(changed)
    to_be += [{"id": f"new{n}", "kind": "tool", "name": f"New {n}"} for n in range(elements // 20)]
    kept = {e["id"] for e in to_be}
    to_be_relations = [r for r in relations if r["from"] in kept and r["to"] in kept]
    initiatives = [
        {"id": f"i{n}", "name": f"I{n}", "closes": [f"e{k}" for k in range(n, elements, 50)], "team": "e0"}
        for n in range(50)
    ]
    return Tom.model_validate(
        {
            "name": "bench",
            "states": {
                "as-is": {"elements": as_is, "relations": relations},
                "to-be": {"elements": to_be, "relations": to_be_relations},
            },
            "initiatives": initiatives,
        }
    )


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    tom = build(size)
    a, b = tom.states["as-is"], tom.states["to-be"]
    lines_a = [json.dumps(e.attributes(), sort_keys=True) for e in a.elements]
    lines_b = [json.dumps(e.attributes(), sort_keys=True) for e in b.elements]
    peer = best(lambda: list(difflib.unified_diff(lines_a, lines_b, lineterm="")))
    ours = best(lambda: diff_states(a, b))
    d = diff_states(a, b)
    assert apply_diff(a, d) == b
    apply = best(lambda: apply_diff(a, d))
    gap = best(lambda: gaps(tom))
    checks = best(lambda: health(tom))
    touch = best(lambda: impact(tom, "e2", "as-is"))
    print(f"elements per state: {len(a.elements)} -> {len(b.elements)}; changes found: {len(d.elements)}")
    print(f"difflib line diff (peer): {peer * 1000:8.1f} ms")
    print(f"diff_states:              {ours * 1000:8.1f} ms  ({ours / peer:.2f}x the peer)")
    print(f"apply_diff:               {apply * 1000:8.1f} ms")
    print(f"gaps (with people impact):{gap * 1000:8.1f} ms")
    print(f"health (all checks):      {checks * 1000:8.1f} ms")
    print(f"impact of one tool:       {touch * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
