"""tomkit's mining engine against pm4py, side by side on the same data, in separate processes.

Two measurements:
1. XES import of the BPI Challenge 2013 incidents log (65,533 events): `tomkit.mining.read_log`
   against `pm4py.read_xes` (best of --repeats runs each).
2. End to end on a big CSV made by replicating the shared ServiceNow incident log (141,712 events)
   with suffixed case ids: load + directly-follows graph + variants + performance DFG, with each
   side's wall time and peak memory (the worker process's maximum resident set); with --rounds N,
   the best of N runs of each side.

Each side runs in its own process so that peak memory is its own, after the input file has been read
once so that both start with it in the page cache. Results are checked to agree
(edge counts, number of variants, total of the performance DFG). The big CSV goes to --workdir
(default /tmp/tomkit-mining-bench) and is reused when it is already there.

    .venv/bin/python benchmarks/mining.py                      # quick: 500k events
    .venv/bin/python benchmarks/mining.py --events 18500000    # the full comparison (~1.1 GB CSV)
    .venv/bin/python benchmarks/mining.py --events 100000000 --skip-pm4py --skip-xes   # 100M events, tomkit only

The shared logs are read from /work/shared/data/eventlogs or ../shared/data/eventlogs next to the repo.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import resource
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
UCI = "uci-incident/incident_event_log_full_deprefixed.zip"
BPIC = "bpic2013-incidents/bpi_challenge_2013_incidents.xes.gz"


def shared_logs() -> Path:
    for base in (Path("/work/shared"), ROOT.parent / "shared"):
        if (base / "data" / "eventlogs").is_dir():
            return base / "data" / "eventlogs"
    sys.exit("the shared event logs (../shared/data/eventlogs) are not on this machine")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- workers (run in their own process) ---------------------------------------------------------


def work_xes_tomkit(path: str, repeats: int) -> dict[str, Any]:
    from tomkit.mining.importing import read_log

    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        log = read_log(path)
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "events": log.n_events, "cases": log.n_cases}


def work_xes_parse_only(path: str, repeats: int) -> dict[str, Any]:
    """The floor under any importer built on libxml2: decompress and parse, nothing else."""
    import gzip

    from lxml import etree

    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        with gzip.open(path, "rb") as f:
            data = f.read()
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser)
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "events": len(root.findall("{*}trace/{*}event")), "cases": 0}


def work_xes_pm4py(path: str, repeats: int) -> dict[str, Any]:
    import pm4py

    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()):
            frame = pm4py.read_xes(path)
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "events": len(frame), "cases": int(frame["case:concept:name"].nunique())}


def work_csv_tomkit(path: str, _repeats: int) -> dict[str, Any]:
    from tomkit.mining.dfg import discover_dfg
    from tomkit.mining.importing import read_log
    from tomkit.mining.variants import discover_variants

    phases: dict[str, float] = {}
    start = time.perf_counter()
    log = read_log(path)
    phases["load"] = time.perf_counter() - start
    mark = time.perf_counter()
    dfg = discover_dfg(log, performance=False)
    phases["dfg"] = time.perf_counter() - mark
    mark = time.perf_counter()
    variants = discover_variants(log)
    phases["variants"] = time.perf_counter() - mark
    mark = time.perf_counter()
    perf = discover_dfg(log, performance=True)
    phases["performance_dfg"] = time.perf_counter() - mark
    return {
        "seconds": time.perf_counter() - start,
        "phases": phases,
        "events": log.n_events,
        "cases": log.n_cases,
        "edges": sum(dfg.counts().values()),
        "variants": len(variants.variants),
        "perf_total": sum(e.total for e in perf.edges),
    }


def work_csv_pm4py(path: str, _repeats: int) -> dict[str, Any]:
    import pandas as pd
    import pm4py

    phases: dict[str, float] = {}
    start = time.perf_counter()
    frame = pd.read_csv(path, dtype={"case_id": str, "activity": str, "resource": str, "group": str})
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], format="%Y-%m-%d %H:%M:%S", utc=True)
    frame = pm4py.format_dataframe(
        frame, case_id="case_id", activity_key="activity", timestamp_key="timestamp"
    )
    phases["load"] = time.perf_counter() - start
    mark = time.perf_counter()
    dfg, _, _ = pm4py.discover_dfg(frame)
    phases["dfg"] = time.perf_counter() - mark
    mark = time.perf_counter()
    variants = pm4py.get_variants(frame)
    phases["variants"] = time.perf_counter() - mark
    mark = time.perf_counter()
    perf, _, _ = pm4py.discover_performance_dfg(frame)
    phases["performance_dfg"] = time.perf_counter() - mark
    return {
        "seconds": time.perf_counter() - start,
        "phases": phases,
        "events": len(frame),
        "cases": int(frame["case:concept:name"].nunique()),
        "edges": int(sum(dfg.values())),
        "variants": len(variants),
        "perf_total": float(sum(v["sum"] for v in perf.values())),
    }


WORKERS = {
    "xes-tomkit": work_xes_tomkit,
    "xes-pm4py": work_xes_pm4py,
    "xes-parse-only": work_xes_parse_only,
    "csv-tomkit": work_csv_tomkit,
    "csv-pm4py": work_csv_pm4py,
}


def run_worker(name: str, path: str, repeats: int) -> None:
    warnings.filterwarnings("ignore")
    with contextlib.redirect_stdout(io.StringIO()):
        result = WORKERS[name](path, repeats)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def warm(path: Path) -> None:
    """Read the file once so that both sides start with it in the page cache (the other side's run may
    have pushed it out)."""
    with path.open("rb") as f:
        while f.read(16 << 20):
            pass


def measure(name: str, path: Path, repeats: int = 1) -> dict[str, Any]:
    warm(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, __file__, "--worker", name, str(path), "--repeats", str(repeats)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---- the big CSV ----------------------------------------------------------------------------------


def make_big_csv(target: Path, events: int) -> Path:
    """Replicate the shared ServiceNow log with suffixed case ids until it has about `events` events."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    from tomkit.mining.importing import read_log

    if target.exists():
        return target
    base = read_log(shared_logs() / UCI).table
    table = pa.table(
        {
            "case_id": base["case_id"].cast(pa.string()),
            "activity": base["activity"].cast(pa.string()),
            "timestamp": pc.strftime(
                base["timestamp"].cast(pa.timestamp("s", tz="UTC")), format="%Y-%m-%d %H:%M:%S"
            ),
            "resource": base["resource"].cast(pa.string()),
            "group": base["group"].cast(pa.string()),
        }
    )
    copies = max(1, math.ceil(events / table.num_rows))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with pacsv.CSVWriter(partial, table.schema) as writer:
        for copy in range(copies):
            cases = pc.binary_join_element_wise(table["case_id"], pa.scalar(str(copy)), "-")
            writer.write_table(table.set_column(0, "case_id", cases))
    partial.rename(target)
    return target


# ---- report ---------------------------------------------------------------------------------------


def best(runs: Iterator[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of some runs (each in a fresh process)."""
    return min(runs, key=lambda run: float(run["seconds"]))


def ratio(peer: float, ours: float) -> str:
    return f"{peer / ours:.1f}x" if ours else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=500_000, help="size of the big CSV (default 500,000)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tomkit-mining-bench"))
    parser.add_argument("--repeats", type=int, default=3, help="XES import: best of this many runs")
    parser.add_argument(
        "--rounds", type=int, default=1, help="end to end: best of this many runs of each side (default 1)"
    )
    parser.add_argument("--skip-pm4py", action="store_true", help="only tomkit (for logs pm4py cannot hold)")
    parser.add_argument("--skip-xes", action="store_true", help="skip the XES import comparison")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args.worker, args.path, args.repeats)
        return

    if not args.skip_xes:
        xes = shared_logs() / BPIC
        ours = measure("xes-tomkit", xes, args.repeats)
        print(f"XES import, BPIC 2013 incidents ({ours['events']:,} events, {ours['cases']:,} cases)")
        print(f"  tomkit  {ours['seconds']:8.2f} s   peak {ours['peak_mb']:7.0f} MB")
        if not args.skip_pm4py:
            peer = measure("xes-pm4py", xes, args.repeats)
            assert (peer["events"], peer["cases"]) == (ours["events"], ours["cases"]), "logs differ"
            print(f"  pm4py   {peer['seconds']:8.2f} s   peak {peer['peak_mb']:7.0f} MB")
            print(f"  tomkit is {ratio(peer['seconds'], ours['seconds'])} faster")
            floor = measure("xes-parse-only", xes, args.repeats)
            print(
                f"  libxml2 alone (gunzip + parse, no importer work) {floor['seconds']:.2f} s: "
                f"no lxml-based importer can beat pm4py by more than {ratio(peer['seconds'], floor['seconds'])}"
            )
        print()

    started = time.perf_counter()
    csv_path = make_big_csv(args.workdir / f"servicenow-{args.events}.csv", args.events)
    size_mb = csv_path.stat().st_size / 1e6
    print(f"big CSV: {csv_path} ({size_mb:,.0f} MB; ready in {time.perf_counter() - started:.0f} s)")
    ours = best(measure("csv-tomkit", csv_path) for _ in range(args.rounds))
    print(
        f"end to end: load + DFG + variants + performance DFG, {ours['events']:,} events, {ours['cases']:,} cases"
    )
    phases = ", ".join(f"{k} {v:.1f}" for k, v in ours["phases"].items())
    print(f"  tomkit  {ours['seconds']:8.1f} s   peak {ours['peak_mb']:7.0f} MB   ({phases})")
    if args.skip_pm4py:
        return
    peer = best(measure("csv-pm4py", csv_path) for _ in range(args.rounds))
    phases = ", ".join(f"{k} {v:.1f}" for k, v in peer["phases"].items())
    print(f"  pm4py   {peer['seconds']:8.1f} s   peak {peer['peak_mb']:7.0f} MB   ({phases})")
    same = (
        ours["edges"] == peer["edges"]
        and ours["variants"] == peer["variants"]
        and math.isclose(ours["perf_total"], peer["perf_total"], rel_tol=1e-9)
    )
    print(f"  results agree: {same} (edges {ours['edges']:,}, variants {ours['variants']:,})")
    print(
        f"  tomkit is {ratio(peer['seconds'], ours['seconds'])} faster "
        f"at {ours['peak_mb'] / peer['peak_mb']:.2f} of pm4py's peak memory"
    )


if __name__ == "__main__":
    main()
