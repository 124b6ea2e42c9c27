import struct
import zlib

import pytest

from tests.unit.render.conftest import parse_svg
from tomkit.model import Tom
from tomkit.render.canvas import HEIGHT, WIDTH, canvas_svg
from tomkit.render.errors import RenderError
from tomkit.render.png import to_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the signature and the chunk's CRC."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    assert length == 13
    body = data[16 : 16 + length]
    (crc,) = struct.unpack(">I", data[16 + length : 20 + length])
    assert zlib.crc32(kind + body) == crc
    width, height = struct.unpack(">II", body[:8])
    return width, height


def test_png_has_the_svg_size_times_the_scale(small_tom: Tom) -> None:
    svg = canvas_svg(small_tom)
    parse_svg(svg)
    assert png_size(to_png(svg)) == (WIDTH * 2, HEIGHT * 2)
    assert png_size(to_png(svg, scale=1)) == (WIDTH, HEIGHT)


def test_bad_svg_and_bad_scale_are_clear_errors() -> None:
    with pytest.raises(RenderError, match="could not convert"):
        to_png("<svg")
    with pytest.raises(RenderError, match="scale must be positive"):
        to_png('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', 0)


def test_graphviz_and_chart_pictures_convert_too(small_tom: Tom) -> None:
    from tomkit.analysis.gaps import gaps
    from tomkit.render.heatmap import heatmap_svg
    from tomkit.render.relationship_map import relationship_map_svg

    for svg in (relationship_map_svg(small_tom), heatmap_svg(gaps(small_tom))):
        root = parse_svg(svg)
        _, _, w, h = (float(v) for v in root.get("viewBox").split())
        width, height = png_size(to_png(svg, scale=1))
        # Graphviz sizes its pictures in points (4/3 px), charts in pixels.
        unit = 4 / 3 if svg.lstrip().startswith("<?xml") else 1
        assert abs(width - w * unit) <= 1
        assert abs(height - h * unit) <= 1
