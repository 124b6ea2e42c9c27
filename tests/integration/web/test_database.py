"""The suite runs on SQLite and, with DATABASE_URL pointing at PostgreSQL, on a real PostgreSQL server."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from tests.integration.web.conftest import on_postgres

pytestmark = pytest.mark.integration


def test_postgres_is_available_to_ci() -> None:
    """CI must run the PostgreSQL pass: a missing server is a failure there, a skip on a laptop."""
    url = os.environ.get("TOMKIT_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but TOMKIT_TEST_POSTGRES is not set: start PostgreSQL (scripts/ci-services.sh)"
            )
        pytest.skip("TOMKIT_TEST_POSTGRES is not set (source scripts/ci-services.sh; start_postgres)")
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as conn:
        (version,) = conn.execute("show server_version").fetchone()  # type: ignore[misc]
    assert int(str(version).split(".")[0]) >= 13


@pytest.mark.django_db
def test_the_configured_database_is_the_one_in_use() -> None:
    assert connection.vendor == ("postgresql" if on_postgres() else "sqlite")


@pytest.mark.django_db
def test_the_order_of_states_survives_the_database() -> None:
    """jsonb sorts object keys; the draft is stored so that as-is stays first and to-be last."""
    from django.contrib.auth.models import AnonymousUser

    from tomkit.model import Tom
    from tomkit.web import store
    from tomkit.web.models import Workspace

    tom = Tom.model_validate({"name": "Order", "states": {"zz-now": {}, "b-plateau": {}, "a-target": {}}})
    workspace = store.create_workspace(AnonymousUser(), tom, "test")
    store.save_version(workspace, AnonymousUser(), "one")
    fresh = Workspace.objects.get(pk=workspace.pk)
    assert list(fresh.draft["states"]) == ["zz-now", "b-plateau", "a-target"]
    assert fresh.tom().state_names == ["zz-now", "b-plateau", "a-target"]
    assert fresh.versions.get().tom().baseline_name == "zz-now"
