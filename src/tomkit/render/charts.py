"""Charts drawn with Vega-Lite (via altair) and turned into SVG without a browser.

The same spec serves the web app (embedded with the vendored vega-embed) and the static pictures.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import vl_convert

from tomkit.render import style
from tomkit.render.errors import RenderError


def inline(records: list[dict[str, Any]]) -> alt.Data:
    """Records embedded in the spec, so the chart needs no data file."""
    return alt.Data(values=records)  # type: ignore[no-untyped-call]


def styled(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec with the house style applied."""
    spec: dict[str, Any] = chart.to_dict()
    config = style.vega_config()
    for key, value in spec.get("config", {}).items():
        config[key] = {**config[key], **value} if isinstance(value, dict) and key in config else value
    spec["config"] = config
    spec.setdefault("padding", 16)
    return spec


def spec_to_svg(spec: dict[str, Any]) -> str:
    """A Vega-Lite spec as a standalone SVG string."""
    try:
        svg: str = vl_convert.vegalite_to_svg(spec)
    except Exception as exc:  # the converter reports spec errors as plain exceptions
        raise RenderError(f"could not draw the chart: {exc}") from exc
    return svg


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """An altair chart, in the house style, as a standalone SVG string."""
    return spec_to_svg(styled(chart))
