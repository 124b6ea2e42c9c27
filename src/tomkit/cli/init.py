"""`tomkit init`: start a new TOM file from a shipped template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tomkit.cli.output import fail, stderr
from tomkit.formats import save
from tomkit.model import suggest

DEFAULT_TEMPLATE = "itsm-service-desk"


def init(
    path: Annotated[Path, typer.Argument(help="Where to write the new TOM file.")] = Path("tom.yaml"),
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template to start from: itsm-service-desk or esm.")
    ] = DEFAULT_TEMPLATE,
    name: Annotated[str | None, typer.Option("--name", help="Name of the operating model.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="The organisation it is for.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a new TOM file from a template, ready to edit and validate.

    The template's explanatory comments are kept; --name and --organisation replace its placeholders.
    """
    from tomkit.demo import TEMPLATE_PATH, load_template, template_names

    names = template_names()
    if template not in names:
        fail(f"unknown template {template!r}{suggest(template, names)}", f"templates: {', '.join(names)}")
    if path.is_dir():
        fail(f"{path} is a directory", "give the path of the file to create, e.g. tom.yaml")
    if path.exists() and not force:
        fail(f"{path} exists already", "use --force to overwrite it")
    if name is not None and not name.strip():
        fail("the name must not be empty")
    changes = {k: v for k, v in (("name", name), ("organisation", organisation)) if v is not None}
    path.write_text((TEMPLATE_PATH / f"{template}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    if changes:
        # Saving onto the copy rewrites only the changed lines, so the template's comments stay.
        save(load_template(template).model_copy(update=changes), path)
    stderr().print(f"wrote {path} from the {template} template; next: tomkit validate {path}")
