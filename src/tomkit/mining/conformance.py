"""Conformance of a log against the to-be: the Declare rules attached to practices in the TOM.

Rules that depend only on the order of activities are checked once per variant and spread to its
cases; rules with a time limit, and four-eyes rules (A and B by different people), look at each case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tomkit.mining.errors import MiningError
from tomkit.mining.table import EventLog
from tomkit.mining.variants import case_variant_codes
from tomkit.model import ProcessRule, Tom

EXAMPLES = 5


@dataclass(frozen=True)
class RuleResult:
    rule: ProcessRule
    practice: str | None
    checked_cases: int
    violations: int
    example_cases: list[str]
    missing_activities: list[str]
    """rule activities that never occur in the log (often a naming mismatch)"""

    @property
    def label(self) -> str:
        return self.rule.id or f"{self.rule.template}({', '.join(self.rule.activities)})"

    @property
    def conformant_share(self) -> float:
        return 1 - self.violations / self.checked_cases if self.checked_cases else 1.0


@dataclass(frozen=True)
class ConformanceReport:
    rules: list[RuleResult]
    n_cases: int
    conformant_cases: int
    """cases that satisfy every rule"""

    @property
    def conformant_share(self) -> float:
        return self.conformant_cases / self.n_cases if self.n_cases else 1.0


def _positions(trace: Sequence[str], activity: str) -> list[int]:
    return [i for i, a in enumerate(trace) if a == activity]


def holds(rule: ProcessRule, trace: Sequence[str], times: Sequence[float] | None = None,
          resources: Sequence[str | None] | None = None) -> bool:  # fmt: skip
    """Does one trace satisfy the rule? `times` (hours) are needed for time limits, `resources` for four-eyes."""
    t = rule.template
    a = rule.activities[0]
    b = rule.activities[1] if len(rule.activities) > 1 else ""
    pa_, pb = _positions(trace, a), (_positions(trace, b) if b else [])
    limit = rule.within_hours
    if t == "existence":
        return len(pa_) >= (rule.n or 1)
    if t == "absence":
        return len(pa_) == 0 if rule.n is None else len(pa_) < rule.n
    if t == "exactly":
        return len(pa_) == (rule.n if rule.n is not None else 1)
    if t == "init":
        return bool(trace) and trace[0] == a
    if t == "end":
        return bool(trace) and trace[-1] == a
    if t == "responded_existence":
        return not pa_ or bool(pb)
    if t == "response":
        return all(_after(i, pb, times, limit) for i in pa_)
    if t == "precedence":
        return all(_before(j, pa_, times, limit) for j in pb)
    if t == "succession":
        return all(_after(i, pb, times, limit) for i in pa_) and all(_before(j, pa_, times, None) for j in pb)
    if t == "alternate_response":
        for k, i in enumerate(pa_):
            nxt = pa_[k + 1] if k + 1 < len(pa_) else len(trace)
            if not any(i < j < nxt for j in pb):
                return False
        return True
    if t == "chain_response":
        return all(i + 1 < len(trace) and trace[i + 1] == b for i in pa_)
    if t == "chain_precedence":
        return all(j > 0 and trace[j - 1] == a for j in pb)
    if t == "co_existence":
        return bool(pa_) == bool(pb)
    if t == "not_co_existence":
        return not (pa_ and pb)
    if t == "not_succession":
        return not (pa_ and pb and max(pb) > min(pa_))
    if t == "exclusive_choice":
        return bool(pa_) != bool(pb)
    if t == "four_eyes":
        if resources is None:
            return True
        who_a = {resources[i] for i in pa_} - {None}
        who_b = {resources[j] for j in pb} - {None}
        return not (who_a & who_b)
    raise MiningError(f"unknown rule template {t!r}")  # pragma: no cover - the model validates templates


def _after(i: int, later: list[int], times: Sequence[float] | None, limit: float | None) -> bool:
    if limit is None or times is None:
        return any(j > i for j in later)
    return any(j > i and times[j] - times[i] <= limit for j in later)


def _before(j: int, earlier: list[int], times: Sequence[float] | None, limit: float | None) -> bool:
    if limit is None or times is None:
        return any(i < j for i in earlier)
    return any(i < j and times[j] - times[i] <= limit for i in earlier)


def _needs_case(rule: ProcessRule) -> bool:
    return rule.template == "four_eyes" or rule.within_hours is not None


def check_rules(
    log: EventLog,
    rules: Sequence[ProcessRule | tuple[str | None, ProcessRule]],
    resource_column: str = "resource",
) -> ConformanceReport:
    """Check every case against every rule (each optionally tagged with the practice it belongs to)."""
    tagged = [r if isinstance(r, tuple) else (None, r) for r in rules]
    index, variants = case_variant_codes(log)
    n = log.n_cases
    codes, labels = log.activity
    present = {labels[c] for c in np.unique(codes).tolist()} if log.n_events else set()
    ok_all = np.ones(n, dtype=bool)
    results: list[RuleResult] = []
    starts = log.case_starts
    hours = (log.timestamps - (log.timestamps[0] if log.n_events else 0)) / 3.6e9
    res_codes, res_labels = log.codes(resource_column) if resource_column in log.columns else (None, [])
    for practice, rule in tagged:
        if _needs_case(rule):
            ok = np.ones(n, dtype=bool)
            relevant = set(rule.activities)
            for case in range(n):
                trace = variants[index[case]]
                if not relevant & set(trace):
                    continue
                lo, hi = int(starts[case]), int(starts[case + 1])
                who = None
                if res_codes is not None:
                    who = [res_labels[c] if c >= 0 else None for c in res_codes[lo:hi].tolist()]
                ok[case] = holds(rule, trace, hours[lo:hi].tolist(), who)
        else:
            per_variant = np.array([holds(rule, v) for v in variants], dtype=bool)
            ok = per_variant[index] if n else np.zeros(0, dtype=bool)
        bad = np.flatnonzero(~ok)
        ok_all &= ok
        results.append(
            RuleResult(
                rule=rule,
                practice=practice,
                checked_cases=n,
                violations=len(bad),
                example_cases=log.case_id_of(bad[:EXAMPLES].tolist()),
                missing_activities=[a for a in rule.activities if a not in present],
            )
        )
    return ConformanceReport(results, n, int(ok_all.sum()))


def tom_rules(
    tom: Tom, state: str | None = None, practice: str | None = None
) -> list[tuple[str, ProcessRule]]:
    """The process rules of the practices in a state (the to-be by default), tagged with the practice id."""
    name = state or tom.target_name
    if name is None:
        raise MiningError("the TOM has no states")
    try:
        chosen = tom.state(name)
    except KeyError as exc:
        raise MiningError(str(exc.args[0])) from exc
    out: list[tuple[str, ProcessRule]] = []
    for element in chosen.of_kind("practice"):
        if practice is not None and element.id != practice:
            continue
        for rule in getattr(element, "rules", []):
            out.append((element.id, rule))
    return out
