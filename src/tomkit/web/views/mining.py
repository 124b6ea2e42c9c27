"""The Evidence page: upload event logs, confirm the column mapping, and see what the as-is really does.

Every figure comes from tomkit.mining (import, process map, variants, hand-overs, SLA, backlog,
conformance, KPI baselines and facts); these views store the datasets beside the database, choose what
to show and save the TOM when a user applies the evidence to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tomkit.mining.backlog import backlog
from tomkit.mining.conformance import check_rules, tom_rules
from tomkit.mining.csvlog import preview_csv, sniff
from tomkit.mining.dfg import discover_dfg
from tomkit.mining.errors import MiningError
from tomkit.mining.filters import LogFilter
from tomkit.mining.handovers import HandoverReport, handovers
from tomkit.mining.importing import detect_log_format, import_dataset
from tomkit.mining.mapping import ColumnMapping
from tomkit.mining.service import service_facts
from tomkit.mining.sla import sla_attainment
from tomkit.mining.table import EventLog
from tomkit.mining.tom_bridge import apply_facts, kpi_baseline, service_targets, team_names
from tomkit.mining.variants import discover_variants
from tomkit.mining.xes import read_classifiers
from tomkit.model import Tom
from tomkit.render.errors import RenderError
from tomkit.render.handover_map import handover_map_svg
from tomkit.render.process_map import process_map_svg
from tomkit.render.style import FONT_FAMILY
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, workspace_view
from tomkit.web.views.common import page

ROLES = ("case", "timestamp", "resource", "group")
NAME = re.compile(r"[^a-z0-9._-]+")


def mining_dir(access: WorkspaceAccess) -> Path:
    """Where a workspace's datasets live: beside the database, one folder per workspace."""
    root = store.data_folder(access.workspace.slug)
    root.mkdir(parents=True, exist_ok=True)
    return root


def _dataset_name(filename: str) -> str:
    stem = Path(filename).name.split(".")[0].lower()
    return NAME.sub("-", stem).strip("-") or "log"


def _datasets(folder: Path) -> list[dict[str, Any]]:
    out = []
    for path in sorted(folder.glob("*.parquet")):
        try:
            log = EventLog.read_parquet(path, columns=[])
        except MiningError:
            continue
        rng = log.time_range()
        out.append({"name": path.stem, "events": log.n_events, "cases": log.n_cases,
                    "period": f"{rng[0]:%Y-%m-%d} .. {rng[1]:%Y-%m-%d}" if rng else "",
                    "source": log.meta.get("source", "")})  # fmt: skip
    return out


class _NoDataset(Exception):
    """A dataset that is not (or no longer) there: the views send the user back to the list."""


def _load(access: WorkspaceAccess, name: str) -> EventLog:
    path = mining_dir(access) / f"{_dataset_name(name)}.parquet"
    if not path.exists():
        raise _NoDataset(name)
    return EventLog.read_parquet(path)


def _back(request: HttpRequest, access: WorkspaceAccess, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("mining:index", ws=access.workspace.slug)


def _int(request: HttpRequest, key: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(key, "")
    return max(low, min(high, int(raw))) if raw.isdigit() else default


def _hours(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} d"


def _backlog_svg(points: list[Any]) -> str:
    """A small line chart of open cases per day (plain SVG, scaled to the data)."""
    if len(points) < 2:
        return ""
    width, height, pad = 640, 160, 30
    top = max(p.open for p in points) or 1
    step = (width - 2 * pad) / (len(points) - 1)
    line = " ".join(
        f"{pad + i * step:.1f},{height - pad - (p.open / top) * (height - 2 * pad):.1f}"
        for i, p in enumerate(points)
    )
    first, last = points[0].at, points[-1].at
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FONT_FAMILY}" role="img" aria-label="open cases per day">'
        f'<polyline fill="none" stroke="#3F6EA6" stroke-width="2" points="{line}"/>'
        f'<text x="{pad}" y="{height - 8}" font-size="11" fill="#6B7280">{first:%Y-%m-%d}</text>'
        f'<text x="{width - pad}" y="{height - 8}" font-size="11" fill="#6B7280" text-anchor="end">{last:%Y-%m-%d}</text>'
        f'<text x="{pad}" y="{pad - 10}" font-size="11" fill="#6B7280">{top:,} open at most</text></svg>'
    )


def _practices(log: EventLog, rules: list[tuple[str, Any]], asked: str) -> tuple[list[str], set[str]]:
    """The practices with rules, and those to check: the one asked for, or by default those whose
    rules name the most activities that occur in this log (an incident log is not held to HR rules)."""
    names = list(dict.fromkeys(p for p, _ in rules))
    if asked == "*":
        return names, set(names)
    if asked in names:
        return names, {asked}
    present = set(log.activity[1])
    coverage: dict[str, float] = {}
    for name in names:
        wanted = {a for p, r in rules if p == name for a in r.activities}
        coverage[name] = len(wanted & present) / len(wanted) if wanted else 0.0
    best = max(coverage.values(), default=0.0)
    return names, {n for n, c in coverage.items() if c == best and best > 0}


def _sla_svg(rows: list[Any]) -> str:
    """Horizontal bars: the share of cases that met their SLA, one bar per priority."""
    bars = [r for r in rows if r.priority is not None and r.attainment is not None]
    if not bars:
        return ""
    width, row_h, label_w, pad = 640, 26, 60, 10
    height = pad * 2 + row_h * len(bars)
    scale = width - label_w - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" font-family="{FONT_FAMILY}" role="img" aria-label="SLA attainment per priority">']  # fmt: skip
    for i, r in enumerate(bars):
        y = pad + i * row_h
        share = float(r.attainment)
        parts.append(f'<text x="0" y="{y + 17}" font-size="12" fill="#1F2430">{r.priority}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{scale}" height="{row_h - 10}" fill="#F5F6F8"/>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{scale * share:.1f}" height="{row_h - 10}" fill="#3F6EA6"/>'
        )
        target = f" of {r.cases:,}; target {r.target_hours:g} h" if r.target_hours else f" of {r.cases:,}"
        parts.append(
            f'<text x="{label_w + scale + 6}" y="{y + 17}" font-size="11" fill="#6B7280">{share:.0%}</text>'
        )
        parts.append(f"<title>{r.priority}: {r.met:,} met{target}</title>")
    parts.append("</svg>")
    return "".join(parts)


def _named(report: HandoverReport, tom: Tom) -> HandoverReport:
    """The hand-overs with assignment groups that are teams of the as-is shown by the team's name."""
    groups = sorted({g for h in report.handovers for g in (h.source, h.target)})
    names = team_names(tom, groups) if tom.states else {}
    if not names:
        return report

    def n(group: str) -> str:
        return names.get(group, group)

    return replace(
        report,
        handovers=[replace(h, source=n(h.source), target=n(h.target)) for h in report.handovers],
        ping_pong=[replace(p, first=n(p.first), second=n(p.second)) for p in report.ping_pong],
    )


def _evidence(access: WorkspaceAccess, log: EventLog, request: HttpRequest) -> dict[str, Any]:
    tom = access.workspace.tom()
    mode = "performance" if request.GET.get("mode") == "performance" else "frequency"
    dfg = discover_dfg(log)
    n_activities = len(dfg.activities)
    activities = _int(request, "activities", min(n_activities, 12), 1, max(n_activities, 1))
    paths = _int(request, "paths", min(len(dfg.edges), 25), 0, max(len(dfg.edges), 1))
    try:
        svg = process_map_svg(dfg.top(activities, paths), mode)  # type: ignore[arg-type]
    except RenderError as exc:
        svg = f"<p class='errors'>{exc}</p>"
    variants = discover_variants(log, limit=10)
    hand = _named(handovers(log, "group"), tom)
    try:
        hand_svg = handover_map_svg(hand, 20) if hand.handovers else ""
    except RenderError:
        hand_svg = ""
    facts = service_facts(log)
    try:
        targets = service_targets(tom) or None
        sla = sla_attainment(log, targets)
        sla_rows = [*sla.rows, sla.total]
        sla_source = sla.source
        sla_svg = _sla_svg(sla_attainment(log, targets, by_channel=False).rows)
    except MiningError as exc:
        sla_rows, sla_source, sla_svg, targets = [], str(exc), "", None
    rules = tom_rules(tom) if tom.states else []
    practices, chosen_practices = _practices(log, rules, request.GET.get("practice", ""))
    chosen_rules = [(p, r) for p, r in rules if p in chosen_practices]
    conformance = check_rules(log, chosen_rules) if chosen_rules else None
    mined_kpis = [k for k in tom.kpis if k.source.kind == "mining" and k.source.metric]
    return {
        "mode": mode, "activities": activities, "n_activities": n_activities, "paths": paths,
        "n_paths": len(dfg.edges), "map_svg": svg,
        "variants": [{"rank": i + 1, "count": v.count, "share": v.share, "median": _hours(v.median_duration),
                      "steps": " › ".join(v.activities)} for i, v in enumerate(variants.variants)],
        "n_variants": len(discover_variants(log).variants),
        "handovers": hand.handovers[:15], "hand": hand, "handover_svg": hand_svg,
        "pingpong": {(p.first, p.second): p.count for p in hand.ping_pong},
        "facts": facts, "sla_rows": sla_rows, "sla_targets": any(r.target_hours for r in sla_rows), "sla_source": sla_source, "sla_svg": sla_svg,
        "backlog_svg": _backlog_svg(backlog(log, "day")),
        "conformance": conformance, "mined_kpis": mined_kpis, "practices": practices,
        "practice": request.GET.get("practice", ""),
    }  # fmt: skip


@workspace_view("viewer")
def index(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    folder = mining_dir(access)
    datasets = _datasets(folder)
    chosen = request.GET.get("dataset") or (datasets[0]["name"] if datasets else "")
    context: dict[str, Any] = {"datasets": datasets, "chosen": chosen, "revision": access.workspace.revision}
    if chosen:
        try:
            context.update(_evidence(access, _load(access, chosen), request))
        except MiningError as exc:
            context["error"] = str(exc)
        except _NoDataset:
            context["error"] = f"There is no dataset {chosen!r}."
    return page(request, access, "tomkit/ws/mining.html", context, active="mining")


def _mapping_context(path: Path, preset: str | None) -> dict[str, Any]:
    kind = detect_log_format(path)
    if kind == "xes":
        return {"kind": kind, "classifiers": read_classifiers(path)}
    if kind == "parquet":
        return {"kind": kind}
    dialect, _ = sniff(path)
    preview = preview_csv(path, preset=preset or None, rows=8)
    return {"kind": kind, "header": dialect.header, "preview": preview, "mapping": preview.mapping,
            "sample_keys": ["case_id", "activity", "timestamp", "resource", "group"]}  # fmt: skip


@workspace_view("editor", methods=("POST",))
def upload(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Keep the uploaded file and show the detected mapping with the first rows, to confirm."""
    handle = request.FILES.get("log")
    if handle is None:
        messages.error(request, "Choose an event log file (CSV, XES or Parquet) to upload.")
        return redirect("mining:index", ws=access.workspace.slug)
    uploads = mining_dir(access) / "uploads"
    uploads.mkdir(exist_ok=True)
    filename = handle.name or "log.csv"
    suffix = "".join(Path(filename).suffixes[-2:]).lower() or ".csv"
    target = uploads / f"{_dataset_name(filename)}{suffix}"
    with target.open("wb") as out:
        for chunk in handle.chunks():
            out.write(chunk)
    try:
        context = _mapping_context(target, request.POST.get("preset"))
    except MiningError as exc:
        target.unlink(missing_ok=True)
        messages.error(request, f"Cannot read {filename}: {exc}")
        return redirect("mining:index", ws=access.workspace.slug)
    context.update({"upload": target.name, "dataset": _dataset_name(filename)})
    return page(request, access, "tomkit/ws/mining_preview.html", context, active="mining")


def _posted_mapping(request: HttpRequest, path: Path) -> ColumnMapping | None:
    if detect_log_format(path) != "csv":
        return None
    dialect, _ = sniff(path)
    post = request.POST
    activity = tuple(a for a in post.getlist("activity") if a)
    if not (post.get("case") and activity and post.get("timestamp")):
        raise MiningError("choose the case, activity and timestamp columns")
    base = preview_csv(path, rows=0).mapping
    mapping = ColumnMapping(
        case=post["case"], activity=activity, timestamp=post["timestamp"],
        resource=post.get("resource") or None, group=post.get("group") or None,
        attributes=base.attributes if base else {}, attribute_types=base.attribute_types if base else {},
        timestamp_format=post.get("timestamp_format") or None, timezone=post.get("timezone") or "UTC",
        preset=base.preset if base else "custom",
    )  # fmt: skip
    mapping.check_against(dialect.header, path.name)
    return mapping


@workspace_view("editor", methods=("POST",))
def confirm(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Import the uploaded file with the confirmed mapping into a Parquet dataset."""
    uploads = mining_dir(access) / "uploads"
    name = Path(request.POST.get("upload", "")).name
    path = uploads / name
    if not name or not path.exists():
        return _back(request, access, "That upload is gone: upload the file again.")
    dataset = _dataset_name(request.POST.get("dataset") or name)
    try:
        mapping = _posted_mapping(request, path)
        log, _ = import_dataset(path, mining_dir(access) / f"{dataset}.parquet", mapping=mapping,
                                classifier=request.POST.get("classifier") or None)  # fmt: skip
    except MiningError as exc:
        messages.error(request, f"Not imported: {exc}")
        return redirect("mining:index", ws=access.workspace.slug)
    path.unlink(missing_ok=True)
    store.record(
        access.workspace,
        request.user,
        "mining-import",
        f"imported event log {dataset} ({log.n_events} events)",
    )
    messages.success(request, f"Imported {log.n_events:,} events in {log.n_cases:,} cases as {dataset}.")
    return redirect(f"/w/{access.workspace.slug}/mining/?dataset={dataset}")


@workspace_view("viewer")
def process_map(request: HttpRequest, access: WorkspaceAccess, name: str) -> HttpResponse:
    dataset = name
    try:
        log = _load(access, dataset)
    except _NoDataset:
        return _back(request, access, f"There is no dataset {dataset!r}.")
    dfg = discover_dfg(log)
    mode = "performance" if request.GET.get("mode") == "performance" else "frequency"
    activities = _int(request, "activities", len(dfg.activities), 1, max(len(dfg.activities), 1))
    paths = _int(request, "paths", len(dfg.edges), 0, max(len(dfg.edges), 1))
    try:
        svg = process_map_svg(dfg.top(activities, paths), mode)  # type: ignore[arg-type]
    except RenderError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse(svg, content_type="image/svg+xml")


@workspace_view("editor", methods=("POST",))
def apply(request: HttpRequest, access: WorkspaceAccess, name: str) -> HttpResponse:
    dataset = name
    """KPI baselines from the dataset for every KPI whose source is a mining query; as-is facts if asked."""
    try:
        log = _load(access, dataset)
    except _NoDataset:
        return _back(request, access, f"There is no dataset {dataset!r}.")
    workspace = access.workspace
    workspace.refresh_from_db()
    raw = request.POST.get("base_revision", "")
    if raw.isdigit() and int(raw) < workspace.revision:
        newer = list(workspace.events.filter(revision__gt=int(raw)).select_related("actor")[:3])
        if newer:
            messages.error(request, "Not applied: the model changed since you opened this page ("
                           + "; ".join(store.conflict_message(e) for e in newer) + "). Reload and try again.")  # fmt: skip
            return redirect(f"/w/{workspace.slug}/mining/?dataset={dataset}")
    tom = workspace.tom()
    today = dt.date.today()
    done = []
    try:
        for kpi in [k for k in tom.kpis if k.source.kind == "mining" and k.source.metric]:
            if kpi.id in request.POST.getlist("kpi"):
                spec = LogFilter.from_data(kpi.source.filters)
                tom = kpi_baseline(tom, kpi.id, log, kpi.source.metric or "", dataset, spec, today)
                done.append(kpi.id)
        if request.POST.get("facts"):
            tom, facts = apply_facts(tom, log, dataset, as_of=today)
            done.append(f"{len(facts)} as-is facts")
    except MiningError as exc:
        messages.error(request, f"Not applied: {exc}")
        return redirect(f"/w/{workspace.slug}/mining/?dataset={dataset}")
    if not done:
        messages.error(request, "Choose KPIs or facts to apply.")
        return redirect(f"/w/{workspace.slug}/mining/?dataset={dataset}")
    summary = f"evidence from {dataset} applied: {', '.join(done)}"
    store.replace_draft(workspace.pk, request.user, tom, action="mining", summary=summary)
    messages.success(request, summary[:1].upper() + summary[1:] + ".")
    return redirect(f"/w/{workspace.slug}/mining/?dataset={dataset}")


@workspace_view("editor", methods=("POST",))
def delete(request: HttpRequest, access: WorkspaceAccess, name: str) -> HttpResponse:
    dataset = name
    path = mining_dir(access) / f"{_dataset_name(dataset)}.parquet"
    if not path.exists():
        return _back(request, access, f"There is no dataset {dataset!r}.")
    path.unlink()
    store.record(access.workspace, request.user, "mining-delete", f"deleted event log {dataset}")
    messages.success(request, f"Deleted {dataset}.")
    return redirect("mining:index", ws=access.workspace.slug)
