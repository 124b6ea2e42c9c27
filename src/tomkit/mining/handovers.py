"""Hand-overs between groups or resources, ping-pong (A -> B -> A) and reassignment counts.

A case's sequence of owners is the column's values in event order with blanks skipped and repeats
collapsed; every step in that sequence is one hand-over (one reassignment).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tomkit.mining.table import EventLog, Int32Array, IntArray


@dataclass(frozen=True)
class Handover:
    source: str
    target: str
    count: int
    cases: int


@dataclass(frozen=True)
class PingPong:
    first: str
    second: str
    count: int
    """occurrences of first -> second -> first"""
    cases: int


@dataclass(frozen=True)
class HandoverReport:
    column: str
    n_cases: int
    handovers: list[Handover]
    ping_pong: list[PingPong]
    ping_pong_cases: int
    reassignments: dict[int, int]
    """number of cases by how many hand-overs they had"""

    @property
    def mean_reassignments(self) -> float:
        total = sum(k * v for k, v in self.reassignments.items())
        return total / self.n_cases if self.n_cases else 0.0

    def reassigned_share(self, at_least: int = 1) -> float:
        hit = sum(v for k, v in self.reassignments.items() if k >= at_least)
        return hit / self.n_cases if self.n_cases else 0.0

    @property
    def ping_pong_share(self) -> float:
        return self.ping_pong_cases / self.n_cases if self.n_cases else 0.0


def owner_sequence(log: EventLog, column: str) -> tuple[Int32Array, Int32Array, list[str]]:
    """(case code, owner code) of each step of every case's owner sequence, and the owner labels."""
    codes, labels = log.codes(column)
    known = codes >= 0
    c = codes[known]
    case = log.case_codes[known]
    if len(c) == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), labels
    keep = np.ones(len(c), dtype=bool)
    keep[1:] = (c[1:] != c[:-1]) | (case[1:] != case[:-1])
    return case[keep], c[keep], labels


def _pair_counts(keys: IntArray, cases: Int32Array) -> tuple[IntArray, IntArray, IntArray]:
    """Distinct keys with their occurrence count and number of distinct cases."""
    uniq, counts = np.unique(keys, return_counts=True)
    per_case = (
        np.unique(np.stack([keys, cases.astype(np.int64)], axis=1), axis=0)[:, 0] if len(keys) else keys
    )
    case_uniq, case_counts = np.unique(per_case, return_counts=True)
    lookup = dict(zip(case_uniq.tolist(), case_counts.tolist(), strict=True))
    return uniq, counts, np.array([lookup[int(k)] for k in uniq], dtype=np.int64)


def handovers(log: EventLog, column: str = "group") -> HandoverReport:
    """Who hands work to whom, how often cases bounce back (ping-pong), and reassignments per case."""
    case, owner, labels = owner_sequence(log, column)
    k = max(len(labels), 1)
    same = case[1:] == case[:-1] if len(case) > 1 else np.zeros(0, dtype=bool)
    idx = np.flatnonzero(same)
    keys = owner[idx].astype(np.int64) * k + owner[idx + 1]
    uniq, counts, cases = _pair_counts(keys, case[idx])
    hand = [
        Handover(labels[int(u) // k], labels[int(u) % k], int(n), int(c))
        for u, n, c in zip(uniq, counts, cases, strict=True)
    ]
    hand.sort(key=lambda h: (-h.count, h.source, h.target))
    if len(case) > 2:
        triple = (case[2:] == case[:-2]) & same[1:] & same[:-1] & (owner[2:] == owner[:-2])
    else:
        triple = np.zeros(0, dtype=bool)
    tidx = np.flatnonzero(triple)
    pkeys = owner[tidx].astype(np.int64) * k + owner[tidx + 1]
    puniq, pcounts, pcases = _pair_counts(pkeys, case[tidx])
    pingpong = [
        PingPong(labels[int(u) // k], labels[int(u) % k], int(n), int(c))
        for u, n, c in zip(puniq, pcounts, pcases, strict=True)
    ]
    pingpong.sort(key=lambda p: (-p.count, p.first, p.second))
    per_case = np.bincount(case[idx], minlength=log.n_cases) if log.n_cases else np.zeros(0, np.int64)
    dist_keys, dist_counts = np.unique(per_case, return_counts=True)
    return HandoverReport(
        column=column,
        n_cases=log.n_cases,
        handovers=hand,
        ping_pong=pingpong,
        ping_pong_cases=len(np.unique(case[tidx])),
        reassignments={int(a): int(b) for a, b in zip(dist_keys, dist_counts, strict=True)},
    )


def handovers_per_case(log: EventLog, column: str = "group") -> IntArray:
    """Number of hand-overs in each case (by case code)."""
    case, _owner, _ = owner_sequence(log, column)
    if log.n_cases == 0:
        return np.zeros(0, np.int64)
    same = case[1:] == case[:-1]
    return np.bincount(case[1:][same], minlength=log.n_cases).astype(np.int64)
