"""In a real browser: an editor uploads a ServiceNow incident audit export on the Evidence page, confirms
the detected mapping, sees the process map drawn from it, sets a KPI's baseline from a mining query with
"Apply to the TOM", and finds the baseline with its provenance in the TOM (Story page and YAML export)."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User

from tomkit.model import Tom
from tomkit.web import store
from tomkit.web.models import Membership, Workspace

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
LOG = Path(__file__).resolve().parents[1] / "data" / "mining" / "servicenow_audit.csv"
DATASET = "servicenow_audit"
TOM = {
    "name": "Service desk evidence",
    "kpis": [
        {"id": "mttr", "name": "Median time to resolve", "unit": "hours", "direction": "lower",
         "source": {"kind": "mining", "dataset": DATASET, "metric": "median_resolution_hours"}},
        {"id": "reassigned", "name": "Reassigned incidents", "unit": "%", "direction": "lower",
         "source": {"kind": "mining", "dataset": DATASET, "metric": "reassignment_rate"}},
    ],
    "states": {
        "as-is": {"elements": [{"id": "service-desk", "kind": "team", "name": "Service Desk", "fte": 12}]},
        "to-be": {"elements": [{"id": "service-desk", "kind": "team", "name": "Service Desk", "fte": 10}]},
    },
}  # fmt: skip


def _read(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M")


def expected_from_the_file() -> tuple[Counter[str], float, int]:
    """Events per activity, median hours from opening to the first resolution, and cases, read from
    the CSV itself with the standard library (not through tomkit)."""
    rows = list(csv.DictReader(LOG.open(encoding="utf-8")))
    activities = Counter(r["incident_state"] for r in rows)
    opened: dict[str, dt.datetime] = {}
    resolved: dict[str, dt.datetime] = {}
    for r in rows:
        opened.setdefault(r["number"], _read(r["opened_at"]))
        if r["incident_state"] == "Resolved":
            when = _read(r["sys_updated_at"])
            resolved[r["number"]] = min(when, resolved.get(r["number"], when))
    hours = [(resolved[c] - opened[c]).total_seconds() / 3600 for c in resolved]
    return activities, statistics.median(hours), len(opened)


@pytest.fixture
def workspace() -> Workspace:
    owner = User.objects.create_user("owner", password=PASSWORD)
    ws = store.create_workspace(owner, Tom.model_validate(TOM), "for the evidence test")
    editor = User.objects.create_user("eddie", password=PASSWORD)
    Membership.objects.create(workspace=ws, user=editor, role="editor")
    return ws


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/account/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_upload_confirm_map_and_baseline_into_the_tom(
    live_server: Any,
    chromium_browser: Any,
    screenshot_dir: Path,
    workspace: Workspace,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.DATA_DIR = tmp_path
    activities, median_hours, n_cases = expected_from_the_file()
    base = live_server.url
    ws = f"{base}/w/{workspace.slug}"
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    _login(page, base, "eddie")

    # The Evidence page, empty, then the upload with the detected mapping to confirm.
    page.click(f"a[href='/w/{workspace.slug}/']")
    page.click("nav.wsnav >> text=Evidence")
    page.wait_for_url(f"{ws}/mining/")
    assert "No event logs yet" in page.inner_text("#datasets")
    page.set_input_files("#mining-upload input[name=log]", str(LOG))
    page.click("#mining-upload button")
    page.wait_for_selector("#mapping")
    assert page.input_value("select[name=case]") == "number"
    assert page.input_value("select[name=activity]") == "incident_state"
    assert page.input_value("select[name=timestamp]") == "sys_updated_at"
    assert page.input_value("select[name=resource]") == "assigned_to"
    assert page.input_value("select[name=group]") == "assignment_group"
    assert page.input_value("input[name=timestamp_format]") == "%d/%m/%Y %H:%M"
    assert "Preset servicenow" in page.content()
    first = page.locator("#mapping-sample tr").nth(1).inner_text()
    assert "INC0000001" in first
    assert "New" in first
    assert "2016-02-29 19:11:00 UTC" in first
    page.screenshot(path=str(screenshot_dir / "mining-01-preview.png"), full_page=True)

    # Import: the dataset is listed and its process map shows the activities with their counts.
    page.click("#mining-confirm button")
    page.wait_for_selector("#process-map svg")
    assert f"{sum(activities.values()):,} events in {n_cases:,} cases" in page.inner_text("body")
    row = page.locator(f"#datasets tr[data-dataset={DATASET}]").inner_text()
    assert str(n_cases) in row
    node_texts = page.locator("#process-map svg g.node text").all_text_contents()
    for activity, count in activities.items():
        assert activity in node_texts
        assert f"{count:,}" in node_texts, (activity, count, node_texts)
    edge_texts = page.locator("#process-map svg g.edge text").all_text_contents()
    assert str(n_cases) in edge_texts  # every case starts with New and goes to Active
    assert page.locator("#handover-map svg").count() == 1
    page.screenshot(path=str(screenshot_dir / "mining-02-evidence.png"), full_page=True)
    page.locator("#process-map").screenshot(path=str(screenshot_dir / "mining-02-process-map.png"))

    # Apply the median time to resolve to the TOM (only that KPI).
    page.uncheck("#mining-apply input[name=kpi][value=reassigned]")
    page.check("#mining-apply input[name=kpi][value=mttr]")
    page.click("#mining-apply button")
    page.wait_for_selector(f"text=Evidence from {DATASET} applied: mttr.")
    baseline = round(median_hours, 4)
    assert page.locator("#mining-apply [data-kpi=mttr] .baseline").inner_text() == f"{baseline:g} hours"
    assert f"{n_cases} cases" in page.inner_text("#mining-apply [data-kpi=mttr] .provenance")
    assert page.locator("#mining-apply [data-kpi=reassigned] .baseline").inner_text() == "none"
    page.locator("#mining-apply").screenshot(path=str(screenshot_dir / "mining-03-applied.png"))

    # The TOM: the KPI table of the Story page, and the YAML export with the provenance.
    page.goto(f"{ws}/story/")
    assert f"{baseline:g} hours" in page.inner_text("#kpi-mttr")
    page.screenshot(path=str(screenshot_dir / "mining-04-story-kpis.png"), full_page=True)
    page.goto(f"{ws}/")
    with page.expect_download() as download:
        page.click("a:text-is('YAML')")
    data = yaml.safe_load(Path(download.value.path()).read_text(encoding="utf-8"))
    kpis = {k["id"]: k for k in data["kpis"]}
    assert kpis["mttr"]["baseline"] == pytest.approx(baseline)
    assert kpis["mttr"]["baseline_date"] == dt.date.today()
    provenance = kpis["mttr"]["source"]["provenance"]
    assert provenance.startswith(f"{DATASET}; filter none; {n_cases} cases, 2016-02-29..")
    assert f"computed {dt.date.today().isoformat()}" in provenance
    assert "baseline" not in kpis["reassigned"]
    context.close()


def test_the_demo_evidence_page_applies_every_mined_kpi(
    live_server: Any, chromium_browser: Any, screenshot_dir: Path, settings: Any, tmp_path: Path
) -> None:
    """What `tomkit serve --demo` starts with: the demo incident log beside the demo workspace."""
    from tomkit.mining.filters import LogFilter, apply_filter
    from tomkit.mining.importing import read_log
    from tomkit.mining.metrics import compute_metric, in_kpi_unit
    from tomkit.web.mining_demo import DEMO_DATASET, add_demo_dataset
    from tomkit.web.server import DEMO_PASSWORD, load_demo_data

    settings.DATA_DIR = tmp_path
    slug = load_demo_data()
    path = add_demo_dataset(slug, incidents=600, seed=7)
    demo = Workspace.objects.get(slug=slug)
    mined = [k for k in demo.tom().kpis if k.source.kind == "mining" and k.source.metric]
    assert len(mined) >= 3
    log = read_log(path)
    page = chromium_browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{live_server.url}/account/login/")
    page.fill("input[name=username]", "eddie")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/w/{slug}/mining/")
    assert page.locator(f"#datasets tr[data-dataset={DEMO_DATASET}] strong").inner_text() == DEMO_DATASET
    names = page.locator("#process-map svg g.node text").all_text_contents()
    assert "Resolved" in names
    assert page.locator("#conformance tr").count() > 1
    hand = page.inner_text("#handovers")
    assert "Outsourced L1 desk (Castlegate)" in hand  # the team's name, not its group id
    assert "team-l1-castlegate" not in hand
    page.screenshot(path=str(screenshot_dir / "mining-05-demo-evidence.png"), full_page=True)
    page.click("#mining-apply button")
    page.wait_for_selector(f"text=Evidence from {DEMO_DATASET} applied")
    tom = Workspace.objects.get(slug=slug).tom()
    for kpi in mined:
        updated = tom.kpi(kpi.id)
        assert updated is not None
        assert updated.source.provenance.startswith(f"{DEMO_DATASET}; ")
        cell = page.locator(f"#mining-apply [data-kpi={kpi.id}] .baseline").inner_text()
        assert cell.startswith(f"{updated.baseline}"), (kpi.id, cell)
    mttr = next(k for k in mined if k.source.metric == "mean_resolution_hours")
    p1 = apply_filter(log, LogFilter.from_data(mttr.source.filters))
    assert 0 < p1.n_cases < log.n_cases
    expected = in_kpi_unit(
        compute_metric(p1, "mean_resolution_hours", None), "mean_resolution_hours", mttr.unit
    )
    applied = tom.kpi(mttr.id)
    assert applied is not None
    assert applied.baseline == pytest.approx(round(expected, 4))
