"""The multi-server first-come-first-served kernel at the heart of the simulation.

Jobs arrive in time order; each goes to the server that can start it soonest. A heap holds, for each
server, the earliest time it can start work. Servers may keep a weekly roster (server j works in hour
h of the week when j < roster[h]); a job is never started off duty but, once started, runs to the end
(the agent finishes the call). Without a roster this is the classic c-server FIFO recursion and gives
the same start times as any event-driven simulator fed the same streams.
"""

from __future__ import annotations

import heapq

import numpy as np
from numpy.typing import NDArray

from tomkit.scenarios.calendar import HOURS_PER_WEEK

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def _next_on_duty(roster: IntArray, servers: int) -> list[list[int]]:
    """For server j and hour-of-week w: the hour offset (from the week's start) when j next works."""
    table: list[list[int]] = []
    for j in range(servers):
        on = roster > j
        nxt = [0] * HOURS_PER_WEEK
        upcoming = -1
        for w in range(2 * HOURS_PER_WEEK - 1, -1, -1):
            if on[w % HOURS_PER_WEEK]:
                upcoming = w
            if w < HOURS_PER_WEEK:
                nxt[w] = upcoming
        table.append(nxt)
    return table


def fifo_servers(
    arrivals: FloatArray, services: FloatArray, servers: int = 0, roster: IntArray | None = None
) -> FloatArray:
    """Start times of jobs (arrivals sorted ascending, in hours) on `servers` servers or a weekly roster.

    With a roster, `servers` is ignored and the pool is roster.max() servers. A pool with no server
    at all starts nothing: every start time is infinite.
    """
    n = len(arrivals)
    if n == 0:
        return np.zeros(0)
    if roster is not None:
        roster = np.asarray(roster, dtype=np.int64)
        if roster.shape != (HOURS_PER_WEEK,):
            raise ValueError("a roster has one agent count per hour of the week (168 values)")
        if np.all(roster == roster[0]):
            servers, roster = int(roster[0]), None
        else:
            servers = int(roster.max())
    if servers <= 0:
        return np.full(n, np.inf)
    arr = arrivals.tolist()
    svc = services.tolist()
    start = [0.0] * n
    if roster is None:
        free = [0.0] * servers
        replace = heapq.heapreplace
        for i in range(n):
            a = arr[i]
            t = free[0]
            s = a if a > t else t
            start[i] = s
            replace(free, s + svc[i])
        return np.asarray(start)
    nxt = _next_on_duty(roster, servers)
    on_duty = [int(v) for v in roster.tolist()]
    week = HOURS_PER_WEEK
    replace = heapq.heapreplace
    heap: list[tuple[float, int]] = [(float(nxt[j][0]), j) for j in range(servers)]
    heapq.heapify(heap)
    for i in range(n):
        a = arr[i]
        while True:
            key, j = heap[0]
            t = a if a > key else key
            hour = int(t)
            week_hour = hour % week
            if j < on_duty[week_hour]:
                break
            replace(heap, (float(hour - week_hour + nxt[j][week_hour]), j))
        start[i] = t
        replace(heap, (t + svc[i], j))
    return np.asarray(start)


def priority_servers(
    arrivals: FloatArray,
    services: FloatArray,
    priorities: IntArray,
    servers: int = 0,
    roster: IntArray | None = None,
) -> FloatArray:
    """Like `fifo_servers`, but a free agent takes the most urgent waiting job (lowest number) first.

    Non-preemptive: a job in service is never interrupted. Within one priority the order is first come,
    first served, so with a single priority the start times equal `fifo_servers`.
    """
    n = len(arrivals)
    if n == 0:
        return np.zeros(0)
    if roster is not None:
        roster = np.asarray(roster, dtype=np.int64)
        if roster.shape != (HOURS_PER_WEEK,):
            raise ValueError("a roster has one agent count per hour of the week (168 values)")
        servers = int(roster.max())
    if servers <= 0:
        return np.full(n, np.inf)
    arr = arrivals.tolist()
    svc = services.tolist()
    rank = priorities.tolist()
    start = [0.0] * n
    constant = roster is None or bool(np.all(roster == roster[0]))
    nxt = _next_on_duty(roster, servers) if roster is not None and not constant else []
    on_duty = [int(v) for v in roster.tolist()] if roster is not None else []
    week = HOURS_PER_WEEK
    heap: list[tuple[float, int]] = [(0.0 if constant else float(nxt[j][0]), j) for j in range(servers)]
    heapq.heapify(heap)
    waiting: list[tuple[int, int]] = []
    push, pop, replace = heapq.heappush, heapq.heappop, heapq.heapreplace
    i = done = 0
    while done < n:
        key, j = heap[0]
        while i < n and arr[i] <= key:
            push(waiting, (rank[i], i))
            i += 1
        # the soonest agent starts the most urgent waiting job, or the next arrival when none waits
        t = key if waiting else arr[i]
        if not constant:
            hour = int(t)
            week_hour = hour % week
            if j >= on_duty[week_hour]:
                replace(heap, (float(hour - week_hour + nxt[j][week_hour]), j))
                continue
        if waiting:
            _, k = pop(waiting)
        else:
            k = i
            i += 1
        start[k] = t
        replace(heap, (t + svc[k], j))
        done += 1
    return np.asarray(start)
