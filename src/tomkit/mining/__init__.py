"""Process mining of ticket event logs: evidence about the as-is, fed into the TOM.

Import a log into the normalised event table (`read_log`, `import_dataset`), analyse it (process
map, variants, hand-overs, SLA, backlog, conformance), and write KPI baselines and as-is facts into a
TOM (`tom_bridge`). The engine works in memory on dictionary-encoded columns; `outofcore` runs the
same queries in DuckDB over a Parquet dataset, and `spark` on Apache Spark.
"""

from tomkit.mining.dfg import Dfg, Edge, discover_dfg
from tomkit.mining.errors import MiningError
from tomkit.mining.filters import LogFilter, apply_filter
from tomkit.mining.importing import import_dataset, read_log
from tomkit.mining.table import EventLog
from tomkit.mining.variants import Variant, Variants, discover_variants

__all__ = [
    "Dfg",
    "Edge",
    "EventLog",
    "LogFilter",
    "MiningError",
    "Variant",
    "Variants",
    "apply_filter",
    "discover_dfg",
    "discover_variants",
    "import_dataset",
    "read_log",
]
