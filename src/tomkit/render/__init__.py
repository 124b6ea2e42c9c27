"""Pictures and documents made from the model and the engines' results.

Each picture is a pure function returning a standalone SVG string; `to_png` turns any of them into
a PNG. Names are imported on first use, so importing one picture does not load every drawing
library::

    from tomkit.render import canvas_svg, to_png

    svg = canvas_svg(tom, "to-be", gaps(tom, "wave-1", "to-be"))
    png = to_png(svg, scale=2)

The shared look (palette per dimension, change markers, fonts) lives in `tomkit.render.style`;
see docs/pictures.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomkit.render.canvas import canvas_pages as canvas_pages
    from tomkit.render.canvas import canvas_svg as canvas_svg
    from tomkit.render.change_load import change_load_svg as change_load_svg
    from tomkit.render.errors import RenderError as RenderError
    from tomkit.render.handover_map import handover_map_svg as handover_map_svg
    from tomkit.render.heatmap import heatmap_spec as heatmap_spec
    from tomkit.render.heatmap import heatmap_svg as heatmap_svg
    from tomkit.render.impact import impact_svg as impact_svg
    from tomkit.render.journey import journey_svg as journey_svg
    from tomkit.render.matrix import matrix_svg as matrix_svg
    from tomkit.render.people import people_spec as people_spec
    from tomkit.render.people import people_svg as people_svg
    from tomkit.render.png import to_png as to_png
    from tomkit.render.process_map import process_map_svg as process_map_svg
    from tomkit.render.relationship_map import map_graph as map_graph
    from tomkit.render.relationship_map import relationship_map_svg as relationship_map_svg
    from tomkit.render.roadmap import roadmap_svg as roadmap_svg
    from tomkit.render.scenario_charts import cost_waterfall_svg as cost_waterfall_svg
    from tomkit.render.scenario_charts import resolution_distribution_svg as resolution_distribution_svg
    from tomkit.render.scenario_charts import service_level_curve_svg as service_level_curve_svg
    from tomkit.render.scenario_charts import staffing_by_hour_svg as staffing_by_hour_svg
    from tomkit.render.side_by_side import side_by_side_svg as side_by_side_svg
    from tomkit.render.value_stream import value_stream_svg as value_stream_svg

_EXPORTS: dict[str, str] = {
    "RenderError": "tomkit.render.errors",
    "canvas_pages": "tomkit.render.canvas",
    "canvas_svg": "tomkit.render.canvas",
    "heatmap_spec": "tomkit.render.heatmap",
    "heatmap_svg": "tomkit.render.heatmap",
    "impact_svg": "tomkit.render.impact",
    "map_graph": "tomkit.render.relationship_map",
    "people_spec": "tomkit.render.people",
    "people_svg": "tomkit.render.people",
    "relationship_map_svg": "tomkit.render.relationship_map",
    "side_by_side_svg": "tomkit.render.side_by_side",
    "to_png": "tomkit.render.png",
    "value_stream_svg": "tomkit.render.value_stream",
    "change_load_svg": "tomkit.render.change_load",
    "cost_waterfall_svg": "tomkit.render.scenario_charts",
    "handover_map_svg": "tomkit.render.handover_map",
    "journey_svg": "tomkit.render.journey",
    "matrix_svg": "tomkit.render.matrix",
    "process_map_svg": "tomkit.render.process_map",
    "resolution_distribution_svg": "tomkit.render.scenario_charts",
    "roadmap_svg": "tomkit.render.roadmap",
    "service_level_curve_svg": "tomkit.render.scenario_charts",
    "staffing_by_hour_svg": "tomkit.render.scenario_charts",
}

__all__ = [
    "RenderError",
    "canvas_pages",
    "canvas_svg",
    "change_load_svg",
    "cost_waterfall_svg",
    "handover_map_svg",
    "heatmap_spec",
    "heatmap_svg",
    "impact_svg",
    "journey_svg",
    "map_graph",
    "matrix_svg",
    "people_spec",
    "people_svg",
    "process_map_svg",
    "relationship_map_svg",
    "resolution_distribution_svg",
    "roadmap_svg",
    "service_level_curve_svg",
    "side_by_side_svg",
    "staffing_by_hour_svg",
    "to_png",
    "value_stream_svg",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tomkit.render' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
