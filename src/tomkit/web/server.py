"""Starting the app: migrate, optionally load the demo organisation and its users, then serve.

`tomkit serve` calls `serve()`; everything Django-specific stays in this package.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_PASSWORD = "tomkit-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


DEMO_USERS: tuple[DemoLogin, ...] = (
    DemoLogin("olivia", DEMO_PASSWORD, "owner"),
    DemoLogin("eddie", DEMO_PASSWORD, "editor"),
    DemoLogin("rita", DEMO_PASSWORD, "reviewer"),
    DemoLogin("victor", DEMO_PASSWORD, "viewer"),
    DemoLogin("admin", DEMO_PASSWORD, "administrator"),
)


def setup(data_dir: Path | None = None, database_url: str | None = None) -> None:
    """Point Django at our settings (and a data directory / database), start it, migrate."""
    if data_dir is not None:
        os.environ["TOMKIT_DATA_DIR"] = str(data_dir)
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tomkit.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    warm_up()


def warm_up() -> None:
    """Import every view now, through the URL configuration, so the first visitor does not wait the
    seconds that takes. Needs Django set up; `serve` and the WSGI entry point both call it."""
    from django.urls import get_resolver

    _ = get_resolver().url_patterns


def load_demo_data() -> str:
    """The demo workspace and one user per role; returns the workspace slug."""
    from django.contrib.auth import get_user_model

    from tomkit.demo import load_demo
    from tomkit.web import store
    from tomkit.web.models import Membership

    users = get_user_model()
    created = {}
    for login in DEMO_USERS:
        user = users.objects.filter(username=login.username).first() or users(username=login.username)
        user.set_password(login.password)
        user.is_staff = user.is_superuser = login.role == "administrator"
        user.save()
        created[login.username] = user
    workspace = store.create_workspace(created["olivia"], load_demo(), "from the demo organisation")
    for login in DEMO_USERS:
        if login.role != "administrator":
            Membership.objects.update_or_create(
                workspace=workspace, user=created[login.username], defaults={"role": login.role}
            )
    store.save_version(workspace, created["olivia"], "Baseline", "the demo as shipped")
    return workspace.slug


def make_server(host: str, port: int, handler: Any) -> Any:
    """A threaded WSGI server for the app, with a listen backlog that does not drop a burst of clients."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.core.wsgi import get_wsgi_application

    class Server(ThreadedWSGIServer):
        request_queue_size = 128  # the default of 5 makes the 6th simultaneous connection wait a second

    server = Server((host, port), handler)
    server.set_app(get_wsgi_application())
    return server


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    demo: bool = False,
    data_dir: Path | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the app until interrupted. With `demo`, start from a fresh SQLite database holding the demo
    (in `<data_dir>/demo/`, recreated on every start)."""
    database_url = None
    if demo:
        # Only the demo's own folder is ever deleted, never the data directory itself.
        data_dir = (data_dir or Path.cwd() / "var") / "demo"
        if data_dir.exists():
            shutil.rmtree(data_dir)
        data_dir.mkdir(parents=True)
        database_url = f"sqlite:///{data_dir / 'tomkit.sqlite3'}"
    setup(data_dir, database_url)
    from django.core.servers.basehttp import WSGIRequestHandler

    server = make_server(host, port, WSGIRequestHandler)  # bound now: the URL printed answers
    url = f"http://{host}:{port}/"
    if demo:
        slug = load_demo_data()
        echo(f"Demo workspace: {url}w/{slug}/")
        from tomkit.web.mining_demo import DEMO_DATASET, DEMO_INCIDENTS, add_demo_dataset

        add_demo_dataset(slug)
        echo(f"Demo event log: {DEMO_DATASET} ({DEMO_INCIDENTS:,} incidents), {url}w/{slug}/mining/")
        echo("Demo logins (username / password, role):")
        for login in DEMO_USERS:
            echo(f"  {login.username:<8} / {login.password}  {login.role}")
    echo(f"tomkit is serving on {url} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
