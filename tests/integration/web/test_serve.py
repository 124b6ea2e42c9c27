"""`tomkit serve --demo` on a clean directory: the demo workspace on 127.0.0.1, its URL and logins printed,
and the demo incident log already imported on the Evidence page."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tomkit.mining.table import EventLog
from tomkit.web.mining_demo import DEMO_DATASET, DEMO_INCIDENTS

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_demo_prints_url_and_logins_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "TOMKIT_DATA_DIR", "DJANGO_SETTINGS_MODULE")
    }
    process = subprocess.Popen(
        [sys.executable, "-c", "from tomkit.cli.app import main; main()", "serve", "--demo", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 180
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "is serving on" in line:
                break
        output = "".join(lines)
        assert f"tomkit is serving on http://127.0.0.1:{port}/" in output, output
        assert re.search(rf"Demo workspace: http://127\.0\.0\.1:{port}/w/[a-z0-9-]+/", output)
        for user in ("olivia", "eddie", "rita", "victor"):
            assert re.search(rf"{user}\s+/ tomkit-demo", output)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/account/login/", timeout=30) as response:
            assert response.status == 200
            assert "Log in" in response.read().decode()
        assert (tmp_path / "var" / "demo" / "tomkit.sqlite3").exists()
        found = re.search(
            rf"Demo event log: {DEMO_DATASET} \(4,000 incidents\), "
            rf"http://127\.0\.0\.1:{port}/w/([a-z0-9-]+)/mining/",
            output,
        )
        assert found, output
        dataset = tmp_path / "var" / "demo" / "mining" / found.group(1) / f"{DEMO_DATASET}.parquet"
        log = EventLog.read_parquet(dataset)
        assert log.n_cases == DEMO_INCIDENTS
        assert log.n_events > 3 * DEMO_INCIDENTS
        assert "team-l1-castlegate" in log.codes("group")[1]  # assignment groups are the demo's teams
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
