"""The `tomkit` command: a thin shell over the library; each command group lives in its own module."""

from __future__ import annotations

import typer

from tomkit import __version__

app = typer.Typer(
    name="tomkit",
    help="Design, analyse, communicate and run a Target Operating Model.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tomkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Design, analyse, communicate and run a Target Operating Model."""


# Command groups register themselves here, one line each.


def main() -> None:
    app()
