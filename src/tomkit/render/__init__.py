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
    from tomkit.render.errors import RenderError as RenderError
    from tomkit.render.heatmap import heatmap_spec as heatmap_spec
    from tomkit.render.heatmap import heatmap_svg as heatmap_svg
    from tomkit.render.impact import impact_svg as impact_svg
    from tomkit.render.people import people_spec as people_spec
    from tomkit.render.people import people_svg as people_svg
    from tomkit.render.png import to_png as to_png
    from tomkit.render.relationship_map import map_graph as map_graph
    from tomkit.render.relationship_map import relationship_map_svg as relationship_map_svg
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
}

__all__ = [
    "RenderError",
    "canvas_pages",
    "canvas_svg",
    "heatmap_spec",
    "heatmap_svg",
    "impact_svg",
    "map_graph",
    "people_spec",
    "people_svg",
    "relationship_map_svg",
    "side_by_side_svg",
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
