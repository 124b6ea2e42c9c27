import pytest

from tomkit.analysis.gaps import ChangeType
from tomkit.model import Dimension
from tomkit.render import style


def test_every_dimension_has_its_own_colour_and_shape() -> None:
    assert set(style.DIMENSION_STYLES) == set(Dimension)
    assert len({s.colour for s in style.DIMENSION_STYLES.values()}) == 8
    assert len({s.graph_shape for s in style.DIMENSION_STYLES.values()}) == 8


def test_change_types_differ_in_more_than_colour() -> None:
    marks = [style.change_style(c) for c in ChangeType]
    assert len({m.symbol for m in marks}) == 3
    assert len({(m.dash, m.pattern) for m in marks}) == 3
    assert style.change_style(None) is style.UNCHANGED
    assert style.change_style("removed") is style.REMOVED


def test_mix_and_text_on() -> None:
    assert style.mix("#000000", "#FFFFFF", 0.5) == "#808080"
    assert style.mix("#102030", "#FFFFFF", 0) == "#102030"
    assert style.text_on("#FFFFFF") == style.INK
    assert style.text_on("#1F2430") == style.PAPER
    assert style.fill_for(style.REMOVED) == "url(#tk-hatch)"
    assert style.fill_for(style.CHANGED, "sbs-") == "url(#sbs-tk-dots)"
    assert style.fill_for(style.ADDED) == style.ADDED.tint


@pytest.mark.parametrize("key", ["font", "axis", "legend", "title"])
def test_vega_config_carries_the_house_font(key: str) -> None:
    config = style.vega_config()
    assert style.FONT_FAMILY in str(config[key])


def test_the_package_exports_every_picture_lazily() -> None:
    from tomkit import render

    for name in render.__all__:
        assert callable(getattr(render, name)), name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = render.nothing  # type: ignore[attr-defined]
    assert sorted(render.__all__) == sorted(render._EXPORTS)
