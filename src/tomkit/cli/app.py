"""The `tomkit` command: a thin shell over the library; each command group lives in its own module.

Command modules import heavy libraries inside their functions, so `tomkit --help` stays quick.
"""

from __future__ import annotations

import typer

from tomkit import __version__
from tomkit.cli import analyse, demo, export, init, mine, plan, render, scenario, schema, serve, validate
from tomkit.cli.output import TomkitGroup

app = typer.Typer(
    name="tomkit",
    cls=TomkitGroup,
    help="Design, analyse, communicate and run a Target Operating Model.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tomkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Design, analyse, communicate and run a Target Operating Model."""


# Command groups register themselves here, one line each.
app.command("validate")(validate.validate)
app.command("schema")(schema.schema)
app.command("init")(init.init)
app.command("demo")(demo.demo)
app.command("gaps")(analyse.gaps)
app.command("diff")(analyse.diff)
app.command("check")(analyse.check)
app.command("impact")(analyse.impact)
app.add_typer(render.app, name="render")
app.command("serve")(serve.serve)
app.add_typer(mine.app, name="mine")
app.add_typer(scenario.app, name="scenario")
app.command("export")(export.export)
app.command("import")(export.import_)
app.command("plan")(plan.plan)
app.command("progress")(plan.progress)
app.command("readiness")(plan.readiness)


def main() -> None:
    app()
