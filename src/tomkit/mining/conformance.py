"""Conformance of a log against the to-be: the Declare rules attached to practices in the TOM.

Rules that depend only on the order of activities are checked once per variant and spread to its
cases; rules with a time limit, and four-eyes rules (A and B by different people), look at each case.
A rule with a scope (`where: {priority: [...]}`) is checked only over the cases whose attribute value
(the first one a case has) is one of the allowed values, compared as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from tomkit.mining.errors import MiningError
from tomkit.mining.table import BoolArray, EventLog, Int32Array
from tomkit.mining.variants import case_variant_codes
from tomkit.model import ProcessRule, Tom

EXAMPLES = 5


@dataclass(frozen=True)
class RuleResult:
    rule: ProcessRule
    practice: str | None
    checked_cases: int
    """the cases the rule applies to: every case, or those in the rule's scope"""
    violations: int
    example_cases: list[str]
    missing_activities: list[str]
    """rule activities that never occur in the log (often a naming mismatch)"""
    missing_attributes: list[str] = field(default_factory=list)
    """scope attributes the log has no column for: the rule is not checked (no case is in scope)"""
    missing_values: list[str] = field(default_factory=list)
    """scope values no case has, as `attribute=value` (often a spelling mismatch, "P1" for "1 - Critical")"""

    @property
    def label(self) -> str:
        return self.rule.id or f"{self.rule.template}({', '.join(self.rule.activities)})"

    @property
    def scope(self) -> str:
        """The rule's scope in words ("priority = 1 - Critical or 2 - High"); empty for every case."""
        return describe_scope(self.rule)

    @property
    def problem(self) -> str | None:
        """Why the rule could not be checked against this log, if it could not."""
        if not self.missing_attributes:
            return None
        names = ", ".join(repr(a) for a in self.missing_attributes)
        return f"not checked: the log has no attribute {names} for the rule's scope"

    @property
    def conformant_share(self) -> float:
        return 1 - self.violations / self.checked_cases if self.checked_cases else 1.0


@dataclass(frozen=True)
class ConformanceReport:
    rules: list[RuleResult]
    n_cases: int
    conformant_cases: int
    """cases that satisfy every rule that applies to them"""

    @property
    def conformant_share(self) -> float:
        return self.conformant_cases / self.n_cases if self.n_cases else 1.0

    @property
    def problems(self) -> list[str]:
        """One line per rule that could not be checked, naming the rule."""
        return [f"{r.label}: {r.problem}" for r in self.rules if r.problem]


def describe_scope(rule: ProcessRule) -> str:
    """A rule's scope in words: "priority = 1 - Critical or 2 - High; channel = phone"."""
    return "; ".join(f"{name} = {' or '.join(values)}" for name, values in rule.scope().items())


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


def _as_text(label: str, type_: pa.DataType) -> str:
    """A log value as scope values are written: `1.0` as "1", `True` as "true"."""
    if pa.types.is_boolean(type_):
        return label.lower()
    if pa.types.is_floating(type_):
        try:
            number = float(label)
        except ValueError:
            return label
        return str(int(number)) if number.is_integer() else label
    return label


def _case_attribute(log: EventLog, column: str) -> tuple[Int32Array, list[str]]:
    """Per case, the code of its first non-null value of a column (-1 if none), and the labels as text.

    Events are grouped by case, so a case's first known value is where the case number changes among
    the events that have one: one linear pass, no sort.
    """

    def compute() -> tuple[Int32Array, list[str]]:
        codes, labels = log.codes(column)
        out = np.full(log.n_cases, -1, dtype=np.int32)
        known = np.flatnonzero(codes >= 0)
        if len(known):
            cases = log.case_codes[known]
            first = np.flatnonzero(np.concatenate([[True], cases[1:] != cases[:-1]]))
            out[cases[first]] = codes[known[first]]
        type_ = log.table[column].type
        if pa.types.is_dictionary(type_):
            type_ = type_.value_type
        return out, [_as_text(label, type_) for label in labels]

    return log.memo(f"conformance.first:{column}", compute)


def _in_scope(log: EventLog, rule: ProcessRule) -> tuple[BoolArray, list[str], list[str]]:
    """Which cases a rule applies to, the scope attributes the log lacks, and scope values no case has."""
    in_scope = np.ones(log.n_cases, dtype=bool)
    missing: list[str] = []
    unseen: list[str] = []
    for column, allowed in rule.scope().items():
        if column not in log.columns:
            missing.append(column)
            continue
        codes, labels = _case_attribute(log, column)
        wanted = set(allowed)
        hit = np.array([label in wanted for label in labels] + [False], dtype=bool)
        in_scope &= hit[codes]  # code -1 (no value) takes the False at the end
        seen = np.bincount(codes[codes >= 0], minlength=len(labels)) > 0
        present = {label for label, found in zip(labels, seen.tolist(), strict=True) if found}
        unseen += [f"{column}={v}" for v in allowed if v not in present]
    if missing:
        in_scope[:] = False
    return in_scope, missing, unseen


def check_rules(
    log: EventLog,
    rules: Sequence[ProcessRule | tuple[str | None, ProcessRule]],
    resource_column: str = "resource",
) -> ConformanceReport:
    """Check every case against every rule (each optionally tagged with the practice it belongs to).

    A scoped rule is checked over the cases in its scope only; one whose scope names an attribute the
    log lacks is not checked and says so in its result (`problem`), rather than failing the whole check.
    """
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
        in_scope, missing_attributes, missing_values = (
            _in_scope(log, rule) if rule.where else (np.ones(n, dtype=bool), [], [])
        )
        if _needs_case(rule):
            ok = np.ones(n, dtype=bool)
            relevant = set(rule.activities)
            for case in np.flatnonzero(in_scope).tolist():
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
        ok |= ~in_scope
        bad = np.flatnonzero(~ok)
        ok_all &= ok
        results.append(
            RuleResult(
                rule=rule,
                practice=practice,
                checked_cases=int(in_scope.sum()),
                violations=len(bad),
                example_cases=log.case_id_of(bad[:EXAMPLES].tolist()),
                missing_activities=[a for a in rule.activities if a not in present],
                missing_attributes=missing_attributes,
                missing_values=missing_values,
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
