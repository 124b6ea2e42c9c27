"""The set of pictures a report or a deck shows, each made once and shared by both."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from tomkit.model import Dimension
from tomkit.render.errors import RenderError
from tomkit.render.narrative import StoryInputs


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    svg: str
    caption: str = ""
    section: str = ""
    """The narrative section it illustrates."""


def figures(data: StoryInputs) -> list[Figure]:
    """Every picture that the model has the data for, in reading order."""
    from tomkit.render.canvas import canvas_svg
    from tomkit.render.change_load import change_load_svg
    from tomkit.render.heatmap import heatmap_svg
    from tomkit.render.journey import journey_svg
    from tomkit.render.matrix import matrix_svg
    from tomkit.render.people import people_svg
    from tomkit.render.roadmap import roadmap_svg
    from tomkit.render.side_by_side import side_by_side_svg
    from tomkit.render.value_stream import value_stream_svg

    tom, report, roadmap = data.tom, data.report, data.roadmap
    makers: list[tuple[str, str, str, str, Callable[[], str]]] = []
    names = list(tom.states)
    reports = {}
    if len(names) >= 2:
        from tomkit.analysis.gaps import compare

        for before, after in itertools.pairwise(names):
            reports[after] = compare(tom.states[before], tom.states[after], from_name=before, to_name=after,
                                     initiatives=tom.initiatives)  # fmt: skip
    if data.after is not None:
        makers.append(("canvas-to-be", f"The target operating model: {data.label(data.after)}",
                       "The eight dimensions of the target, with what changes from the previous state.", "to-be",
                       lambda: canvas_svg(tom, data.after, reports.get(data.after or ""))))  # fmt: skip
    if data.before is not None and data.before != data.after:
        makers.append(("canvas-as-is", f"Where we start: {data.label(data.before)}",
                       "The eight dimensions as they are today.", "to-be",
                       lambda: canvas_svg(tom, data.before)))  # fmt: skip
    if report is not None:
        changed = {g.dimension for g in report.elements}
        makers += [
            (f"side-by-side-{d.value}", f"Side by side: {d.label}", "Each changed element, state by state.", "changes",
             lambda d=d: side_by_side_svg(tom, dimensions=[d], changed_only=True))  # type: ignore[misc]
            for d in Dimension if d in changed
        ]  # fmt: skip
        makers += [
            ("heatmap", "Where the change is", "Changes by dimension and type.", "changes",
             lambda: heatmap_svg(report)),
            ("people", "People impact", "FTE per team, before and after.", "changes",
             lambda: people_svg(report, tom)),
        ]  # fmt: skip
        target = tom.states[report.to_state]
        if any(e.kind == "value-stream" for e in target.elements):
            makers.append(("value-stream", "An end-to-end journey", "Practices, teams and tools at each step.",
                           "to-be", lambda: value_stream_svg(tom, None, report.to_state, report.from_state)))  # fmt: skip
    if roadmap is not None and roadmap.items:
        makers += [
            ("roadmap", "Roadmap", "Initiatives by wave and owner; dependencies drawn, quick wins marked.", "journey",
             lambda: roadmap_svg(roadmap, tom, today=data.today)),
            ("matrix", "Priorities", "Value against effort: quick wins top left.", "journey",
             lambda: matrix_svg(roadmap)),
            ("change-load", "Change load per team", "Concurrent changes each team carries, against its capacity.",
             "journey", lambda: change_load_svg(roadmap)),
        ]  # fmt: skip
        if data.progress is not None:
            progress_now = data.progress
            makers.append(("journey", "Where we are on the journey", "Planned against actual progress.", "journey",
                           lambda: journey_svg(roadmap, progress_now, tom)))  # fmt: skip
    out: list[Figure] = []
    for figure_id, title, caption, section, make in makers:
        try:
            out.append(Figure(figure_id, title, make(), caption, section))
        except RenderError:
            continue  # the model lacks what this picture needs; the others still render
    return out
