"""`tomkit serve`: the multi-user web workspace (a thin shell over tomkit.web.server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Start from a fresh SQLite database with the demo organisation and demo users."
        ),
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Where the SQLite database and secret key live (default ./var)."),
    ] = None,
) -> None:
    """Serve the web workspace: design, compare, socialise and version a TOM together."""
    try:
        from tomkit.web.server import serve as run
    except ImportError as exc:  # the web extra is not installed
        typer.echo(f"the web app needs the web extra: pip install 'tomkit[web]' ({exc})", err=True)
        raise typer.Exit(2) from None
    try:
        run(host, port, demo=demo, data_dir=data_dir, echo=typer.echo)
    except KeyboardInterrupt:
        typer.echo("stopped")
