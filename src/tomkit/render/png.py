"""SVG to PNG without a browser, for slides, documents and quick looks."""

from __future__ import annotations

import vl_convert

from tomkit.render.errors import RenderError


def to_png(svg: str, scale: float = 2) -> bytes:
    """The PNG of a standalone SVG, `scale` times its own size (2 suits slides and retina screens)."""
    if scale <= 0:
        raise RenderError(f"scale must be positive, got {scale}")
    try:
        png: bytes = vl_convert.svg_to_png(svg, scale=scale)
    except Exception as exc:  # the converter reports bad SVG as a plain exception
        raise RenderError(f"could not convert the SVG to PNG: {exc}") from exc
    return png
