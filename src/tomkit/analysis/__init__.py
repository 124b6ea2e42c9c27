"""Analysis engines: pure functions of a TOM returning typed results (no printing, no I/O)."""

from tomkit.analysis.diff import (
    AttributeDelta,
    ChangeType,
    ElementDiff,
    RelationDiff,
    StateDiff,
    apply_diff,
    diff_states,
)
from tomkit.analysis.gaps import ElementGap, GapReport, PeopleImpact, RelationGap, compare, gaps
from tomkit.analysis.health import Finding, health
from tomkit.analysis.impact import Impacted, ImpactReport, Link, Mention, impact
from tomkit.analysis.versions import Change, DocumentDiff, ItemDiff, diff_documents

__all__ = [
    "AttributeDelta", "Change", "ChangeType", "DocumentDiff", "ElementDiff", "ElementGap", "Finding",
    "GapReport", "ImpactReport", "Impacted", "ItemDiff", "Link", "Mention", "PeopleImpact", "RelationDiff",
    "RelationGap", "StateDiff", "apply_diff", "compare", "diff_documents", "diff_states", "gaps", "health",
    "impact",
]  # fmt: skip
