"""`tomkit schema`: the JSON Schema of a TOM file, for editors and other tools."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from tomkit.cli.output import stderr
from tomkit.formats import json_schema


def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to this file instead of printing it."),
    ] = None,
) -> None:
    """Print the JSON Schema of a TOM file (draft 2020-12).

    Point your editor at it for completion and checks while typing, e.g. with the YAML language
    server: `# yaml-language-server: $schema=tom.schema.json` on the first line of a TOM file.
    """
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    stderr().print(f"wrote the schema to {output}")
