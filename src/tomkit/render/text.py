"""Approximate text measure, so labels are cut with an ellipsis before they overflow their box.

SVG has no text layout: a label is as wide as the font makes it. The widths below are Helvetica's
(Arial and Liberation Sans share them), in thousandths of an em; characters not listed count as wide.
"""

from __future__ import annotations

ELLIPSIS = "…"

_WIDTHS: dict[str, int] = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        (
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ),
        strict=True,
    )
)  # fmt: skip
_WIDTHS.update({"…": 1000, "–": 556, "—": 1000, "−": 584, "Δ": 668, "→": 1000, "·": 278, "’": 222, "é": 556})
_DEFAULT = 620
_BOLD = 1.08
"""Bold Helvetica runs about 8 % wider than regular."""


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of `text` in user units at font size `size`."""
    units = sum(_WIDTHS.get(ch, _DEFAULT) for ch in text)
    return units * size / 1000 * (_BOLD if bold else 1.0)


def fit(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """`text` cut to fit `width`, ending with an ellipsis when anything was cut."""
    if text_width(text, size, bold=bold) <= width:
        return text
    budget = width - text_width(ELLIPSIS, size, bold=bold)
    out: list[str] = []
    used = 0.0
    for ch in text:
        step = _WIDTHS.get(ch, _DEFAULT) * size / 1000 * (_BOLD if bold else 1.0)
        if used + step > budget:
            break
        out.append(ch)
        used += step
    return "".join(out).rstrip() + ELLIPSIS if out else (ELLIPSIS if budget >= 0 else "")


def wrap(text: str, width: float, size: float, *, lines: int, bold: bool = False) -> list[str]:
    """`text` broken into at most `lines` lines of `width`; the last line is cut with an ellipsis."""
    words = text.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        out.append(current)
    return [fit(line, width, size, bold=bold) for line in out[:lines]]
