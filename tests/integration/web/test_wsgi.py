"""The WSGI entry point imports every view when it is imported, as `tomkit serve` does, so a worker under
gunicorn or uwsgi does not make its first request wait for them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

# Run in a fresh interpreter: which modules are loaded must not depend on what other tests imported.
PROBE = """
import json, sys

import tomkit.web.wsgi

loaded = set(sys.modules)
from django.urls import URLResolver, get_resolver

def callbacks(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from callbacks(pattern.url_patterns)
        else:
            yield pattern.callback

views = sorted({view.__module__ for view in callbacks(get_resolver().url_patterns)})
print(json.dumps({"views": views, "not_loaded": [m for m in views if m not in loaded]}))
"""


def test_importing_the_wsgi_application_imports_every_view(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "TOMKIT_DATA_DIR", "DJANGO_SETTINGS_MODULE")
    }
    env["TOMKIT_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    pages = [m for m in result["views"] if m.startswith("tomkit.web.views.")]
    assert "tomkit.web.views.workspaces" in pages
    assert "tomkit.web.views.versions" in pages
    assert result["not_loaded"] == []
