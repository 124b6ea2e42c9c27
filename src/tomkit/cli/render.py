"""`tomkit render ...`: the pictures of a TOM as SVG or PNG files, for slides, documents and reviews.

Each command is a thin shell over one function in `tomkit.render`; the output format follows the
file name (`.svg` or `.png`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, cast, get_args

import typer

from tomkit.cli.output import fail, load_tom, stdout

if TYPE_CHECKING:
    from tomkit.model import Dimension, Tom

app = typer.Typer(
    name="render",
    help="Draw a TOM: canvas, side-by-side, gap heatmap, relationship map, value stream, impact, people.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

Engine = Literal["auto", "dot", "neato", "fdp", "sfdp", "circo", "twopi"]
"""Graphviz layouts (the same list as `tomkit.render.relationship_map.Engine`, kept here so --help stays quick)."""

FileArgument = Annotated[Path, typer.Argument(help="A TOM file (.yaml, .yml or .json).", show_default=False)]
OutOption = Annotated[
    Path,
    typer.Option(
        "--output", "-o", help="Where to write the picture: a .svg or .png file.", show_default=False
    ),
]
ScaleOption = Annotated[
    float, typer.Option("--scale", min=0.1, max=8, help="PNG only: pixels per SVG unit (2 suits slides).")
]
StateOption = Annotated[
    str | None, typer.Option("--state", help="The state to draw (default: the to-be, the last state).")
]
DimensionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--dimension",
        "-d",
        help="Only this dimension (repeat for more): e.g. people, technology, governance.",
        show_default=False,
    ),
]


def parse_dimension(text: str) -> Dimension:
    """A dimension from its id (`people-organisation`), enum name (`people`) or label start."""
    from tomkit.model import Dimension

    wanted = text.strip().lower()
    for dimension in Dimension:
        if wanted in (dimension.value, dimension.name.lower()) or dimension.label.lower().startswith(wanted):
            return dimension
    names = ", ".join(d.name.lower() for d in Dimension)
    raise typer.BadParameter(f"unknown dimension {text!r}; dimensions are: {names}", param_hint="--dimension")


def _dimensions(values: list[str] | None) -> list[Dimension] | None:
    return [parse_dimension(v) for v in values] if values else None


def _previous(tom: Tom, state: str | None) -> str | None:
    """The state before `state` (default: the to-be), or None for the first."""
    name = state or tom.target_name
    names = tom.state_names
    if name not in names:
        return None
    i = names.index(name)
    return names[i - 1] if i else None


def _write(svg: str, output: Path, scale: float) -> None:
    from tomkit.render.png import to_png

    if output.suffix.lower() == ".png":
        output.write_bytes(to_png(svg, scale))
    else:
        output.write_text(svg, encoding="utf-8")
    stdout().print(f"wrote {output}")


def _render(output: Path, scale: float, draw: Callable[[], str]) -> None:
    """Check the output name before the work, then draw and write."""
    if output.suffix.lower() not in (".svg", ".png"):
        fail(f"cannot write {output.name!r}: the output must end in .svg or .png")
    _write(draw(), output, scale)


@app.command("canvas")
def canvas(
    file: FileArgument,
    output: OutOption,
    state: StateOption = None,
    changes: Annotated[
        bool, typer.Option("--changes/--no-changes", help="Mark changes against the state before.")
    ] = True,
    every_state: Annotated[
        bool,
        typer.Option("--all-states", help="One picture per state, named OUT-<state>.svg (or .png)."),
    ] = False,
    scale: ScaleOption = 2.0,
) -> None:
    """The TOM canvas of one state: the eight dimensions as a house, counts, key elements and changes."""
    from tomkit.analysis.gaps import gaps
    from tomkit.render.canvas import canvas_svg

    tom = load_tom(file)
    if every_state and state is not None:
        raise typer.BadParameter("give either --state or --all-states", param_hint="--all-states")
    for name in tom.state_names if every_state else [state or tom.target_name]:
        before = _previous(tom, name) if changes else None
        report = gaps(tom, before, name) if before and name else None
        target = output.with_name(f"{output.stem}-{name}{output.suffix}") if every_state else output
        _render(target, scale, partial(canvas_svg, tom, name, report))


@app.command("side-by-side")
def side_by_side(
    file: FileArgument,
    output: OutOption,
    state: Annotated[
        list[str] | None,
        typer.Option("--state", help="A state to show as a column (repeat; default: all, in order)."),
    ] = None,
    dimension: DimensionOption = None,
    changed_only: Annotated[
        bool, typer.Option("--changed-only", help="Only elements that change somewhere.")
    ] = False,
    scale: ScaleOption = 2.0,
) -> None:
    """As-is, plateaus and to-be side by side: one row per element, changes marked, unchanged greyed."""
    from tomkit.render.side_by_side import side_by_side_svg

    tom = load_tom(file)
    dims = _dimensions(dimension)
    _render(
        output,
        scale,
        lambda: side_by_side_svg(tom, states=state or None, dimensions=dims, changed_only=changed_only),
    )


@app.command("heatmap")
def heatmap(
    file: FileArgument,
    output: OutOption,
    from_state: Annotated[
        str | None, typer.Option("--from", help="The earlier state (default: the as-is).")
    ] = None,
    to_state: Annotated[
        str | None, typer.Option("--to", help="The later state (default: the to-be).")
    ] = None,
    by: Annotated[
        str, typer.Option("--by", help="Rows: 'dimension' (eight rows) or 'lens' (people, process, ...).")
    ] = "dimension",
    scale: ScaleOption = 2.0,
) -> None:
    """The gap heatmap: gaps counted per dimension (or lens) and change type."""
    from tomkit.analysis.gaps import gaps
    from tomkit.render.heatmap import heatmap_svg

    if by not in ("dimension", "lens"):
        raise typer.BadParameter("must be 'dimension' or 'lens'", param_hint="--by")
    tom = load_tom(file)
    report = gaps(tom, from_state, to_state)
    _render(output, scale, lambda: heatmap_svg(report, "lens" if by == "lens" else "dimension"))


@app.command("map")
def relationship_map(
    file: FileArgument,
    output: OutOption,
    state: StateOption = None,
    dimension: DimensionOption = None,
    centre: Annotated[
        str | None, typer.Option("--centre", "--center", help="Only this element and what is linked to it.")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="With --centre: how many hops to follow.")] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="Graphviz layout: dot, neato, fdp, sfdp, circo or twopi.")
    ] = "dot",
    changes: Annotated[
        bool, typer.Option("--changes/--no-changes", help="Mark changes against the state before.")
    ] = True,
    scale: ScaleOption = 2.0,
) -> None:
    """The relationship map of one state: elements and relations, by dimension or around one element."""
    from tomkit.analysis.gaps import gaps
    from tomkit.render.relationship_map import relationship_map_svg

    engines = get_args(Engine)
    if engine not in engines:
        raise typer.BadParameter(f"must be one of {', '.join(engines)}", param_hint="--engine")
    layout = cast(Engine, engine)
    tom = load_tom(file)
    before = _previous(tom, state) if changes else None
    report = gaps(tom, before, state or tom.target_name) if before else None
    dims = _dimensions(dimension)
    _render(
        output,
        scale,
        lambda: relationship_map_svg(
            tom, state, dimensions=dims, centre=centre, depth=depth, report=report, engine=layout
        ),
    )


@app.command("value-stream")
def value_stream(
    file: FileArgument,
    output: OutOption,
    stream: Annotated[
        str | None, typer.Option("--stream", help="The value stream's id (default: the first one).")
    ] = None,
    state: StateOption = None,
    compare_to: Annotated[
        str | None,
        typer.Option("--compare-to", help="Mark changes against this state (default: the state before)."),
    ] = None,
    changes: Annotated[bool, typer.Option("--changes/--no-changes", help="Mark changes at all.")] = True,
    scale: ScaleOption = 2.0,
) -> None:
    """A value stream as chevrons across departments, with its practices, teams and tools per step."""
    from tomkit.render.value_stream import value_stream_svg

    tom = load_tom(file)
    against = (compare_to or _previous(tom, state)) if changes else None
    _render(output, scale, lambda: value_stream_svg(tom, stream, state, against))


@app.command("impact")
def impact(
    file: FileArgument,
    output: OutOption,
    element: Annotated[
        str, typer.Option("--element", "-e", help="The id of the element to analyse.", show_default=False)
    ],
    state: Annotated[
        str | None, typer.Option("--state", help="The state to look in (default: the latest that has it).")
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", min=1, help="Follow dependencies only this many hops.")
    ] = None,
    scale: ScaleOption = 2.0,
) -> None:
    """What an element touches: the element, what depends on it directly, and what depends on those."""
    from tomkit.analysis.impact import impact as impact_report
    from tomkit.render.impact import impact_svg

    tom = load_tom(file)
    report = impact_report(tom, element, state, max_depth=depth)
    _render(output, scale, lambda: impact_svg(tom, report))


@app.command("people")
def people(
    file: FileArgument,
    output: OutOption,
    from_state: Annotated[
        str | None, typer.Option("--from", help="The earlier state (default: the as-is).")
    ] = None,
    to_state: Annotated[
        str | None, typer.Option("--to", help="The later state (default: the to-be).")
    ] = None,
    scale: ScaleOption = 2.0,
) -> None:
    """The people impact: FTE per team before and after, and the change per team."""
    from tomkit.analysis.gaps import gaps
    from tomkit.render.people import people_svg

    tom = load_tom(file)
    report = gaps(tom, from_state, to_state)
    _render(output, scale, lambda: people_svg(report, tom))
