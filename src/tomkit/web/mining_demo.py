"""The demo workspace's event log: Northwind Mutual's generated incident audit log, imported as a dataset.

`tomkit serve --demo` calls `add_demo_dataset(slug)`, so the Evidence page has data from the start.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings

from tomkit.demo.eventlog import write_incident_log
from tomkit.mining.importing import import_dataset

DEMO_DATASET = "northwind-incidents"
DEMO_INCIDENTS = 4000


def add_demo_dataset(slug: str, incidents: int = DEMO_INCIDENTS, seed: int = 2026) -> Path:
    """Generate the demo incident log and import it into the workspace's datasets; returns its path."""
    folder = Path(getattr(settings, "DATA_DIR", Path.cwd() / "var")) / "mining" / slug
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        source = write_incident_log(Path(scratch) / f"{DEMO_DATASET}.csv", incidents=incidents, seed=seed)
        _, path = import_dataset(source, folder / f"{DEMO_DATASET}.parquet")
    return path
