"""Drawing SVG from Jinja2 templates: layout is computed in Python, templates only place shapes.

Every template extends the shared macros in `templates/_macros.svg.j2` (patterns, change badges,
legend), so markers look the same in every picture.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tomkit.render import style


def number(value: float | None, digits: int = 1) -> str:
    """A figure as people write it: 18, 14.5, 1,200 (no trailing .0)."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tomkit.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("j2", "svg"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = number
    env.filters["r"] = lambda value: f"{float(value):.1f}".removesuffix(".0")
    env.globals["style"] = style
    env.globals["font"] = style.FONT_FAMILY
    return env


def render(template: str, **context: Any) -> str:
    """Render one SVG template to a string."""
    return environment().get_template(template).render(**context)
