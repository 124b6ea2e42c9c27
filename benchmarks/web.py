"""Latency of the web workspace's main pages under 20 concurrent clients, on the demo and on a
generated 2,000-element TOM, against the login page (a Django page that reads no TOM) as the peer.

A live server runs in this process on 127.0.0.1 (threaded WSGI, SQLite); 20 client threads share a
bounded number of requests per page; p50/p95 are in milliseconds, the ratio is p50 over the peer's p50.

    .venv/bin/python benchmarks/web.py [REQUESTS_PER_PAGE] [CLIENTS]
"""

from __future__ import annotations

import http.client
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

TMP = Path(tempfile.mkdtemp(prefix="tomkit-bench-web-"))
os.environ["TOMKIT_DATA_DIR"] = str(TMP)
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

from tomkit.web.server import load_demo_data, make_server, setup  # noqa: E402

setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.servers.basehttp import WSGIRequestHandler  # noqa: E402
from django.test import Client  # noqa: E402

from tomkit.model import Tom  # noqa: E402
from tomkit.web import store  # noqa: E402
from tomkit.web.models import Membership, Workspace  # noqa: E402

KINDS = ("team", "role", "tool", "practice", "channel", "service", "site", "data-asset")


def generated(elements: int, seed: int = 7) -> Tom:
    """An as-is and a to-be of about `elements` elements each, 10 % changed, 5 % added, 5 % removed."""
    rng = random.Random(seed)
    as_is: list[dict[str, Any]] = []
    for n in range(elements):
        kind = KINDS[n % len(KINDS)]
        item: dict[str, Any] = {"id": f"e{n}", "kind": kind, "name": f"Element {n}"}
        if kind == "team":
            item["fte"] = rng.randint(1, 40)
        as_is.append(item)
    tools = [e["id"] for e in as_is if e["kind"] == "tool"]
    relations = [
        {"from": e["id"], "type": "uses", "to": rng.choice(tools)}
        for e in as_is
        if e["kind"] in ("team", "practice")
    ]
    to_be = []
    for item in as_is:
        roll = rng.random()
        if roll < 0.05:
            continue
        changed = dict(item)
        if roll < 0.15:
            changed["description"] = "changed"
        to_be.append(changed)
    to_be += [{"id": f"new{n}", "kind": "channel", "name": f"New {n}"} for n in range(elements // 20)]
    kept = {e["id"] for e in to_be}
    return Tom.model_validate(
        {
            "name": f"Generated {elements}",
            "states": {
                "as-is": {"elements": as_is, "relations": relations},
                "to-be": {
                    "elements": to_be,
                    "relations": [r for r in relations if r["from"] in kept and r["to"] in kept],
                },
            },
        }
    )


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def start_server() -> tuple[Any, int]:
    server = make_server("127.0.0.1", 0, QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def fetch(port: int, path: str, cookie: str) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return (time.perf_counter() - start) * 1000


def measure(port: int, path: str, cookie: str, requests: int, clients: int) -> tuple[float, float]:
    fetch(port, path, cookie)  # warm the parse cache and the imports
    with ThreadPoolExecutor(clients) as pool:
        times = list(pool.map(lambda _: fetch(port, path, cookie), range(requests)))
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    demo = Workspace.objects.get(slug=load_demo_data())
    viewer = User.objects.get(username="victor")
    big = store.create_workspace(viewer, generated(2000), "for the benchmark")
    Membership.objects.filter(workspace=big, user=viewer).update(role="viewer")
    server, port = start_server()
    cookie = session_cookie(viewer)
    peer = measure(port, "/account/login/", "", requests, clients)
    print(f"{clients} concurrent clients, {requests} requests per page; peer: the login page "
          f"p50 {peer[0]:.1f} ms, p95 {peer[1]:.1f} ms")  # fmt: skip
    pages = ["", "design/?state=to-be", "compare/", "gaps/", "canvas/?state=to-be", "map/?state=to-be", "health/",
             "feedback/", "versions/", "audit/", "design/to-be/{element}/"]  # fmt: skip
    for workspace in (demo, big):
        tom = workspace.tom()
        element = tom.states[tom.target_name or ""].elements[0].id
        elements = sum(len(s.elements) for s in tom.states.values())
        print(f"\n{workspace.name} ({len(tom.states)} states, {elements} elements in all)")
        print(f"{'page':<28}{'p50 ms':>10}{'p95 ms':>10}{'p50/peer':>10}")
        for page in pages:
            path = f"/w/{workspace.slug}/{page.format(element=element)}"
            p50, p95 = measure(port, path, cookie, requests, clients)
            print(f"{(page.split('?')[0].replace(element, '<element>') or 'overview'):<28}{p50:>10.1f}{p95:>10.1f}"
                  f"{p50 / peer[0]:>10.1f}")  # fmt: skip
    server.shutdown()


if __name__ == "__main__":
    main()
