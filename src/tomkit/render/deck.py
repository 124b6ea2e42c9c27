"""The stakeholder deck (PPTX): native titles, bullets and tables, with the pictures, editable in PowerPoint."""

from __future__ import annotations

import datetime as dt
import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from tomkit.model import Dimension, Tom
from tomkit.render.figures import Figure
from tomkit.render.narrative import Narrative, Section
from tomkit.render.png import to_png
from tomkit.render.report import ReportContent, report_content

NAVY = RGBColor(0x1F, 0x3A, 0x5F)  # type: ignore[no-untyped-call]
GREY = RGBColor(0x55, 0x5F, 0x6B)  # type: ignore[no-untyped-call]
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN, TITLE_H = Inches(0.5), Inches(0.9)


@dataclass(frozen=True)
class _Area:
    left: int
    top: int
    width: int
    height: int


BODY = _Area(MARGIN, MARGIN + TITLE_H, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN - TITLE_H)


def _title(slide: Slide, text: str, subtitle: str = "") -> None:
    """The slide's real title placeholder (outline view and accessibility checkers read it), restyled."""
    title = slide.shapes.title
    assert title is not None  # the "Title Only" layout has one
    title.left, title.top, title.width, title.height = MARGIN, MARGIN, Emu(WIDTH - 2 * MARGIN), Inches(0.6)
    frame = title.text_frame
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(28), True, NAVY
    if subtitle:
        box = slide.shapes.add_textbox(
            MARGIN, Emu(MARGIN + Inches(0.6)), Emu(WIDTH - 2 * MARGIN), Inches(0.35)
        )
        box.text_frame.word_wrap = True
        run = box.text_frame.paragraphs[0].add_run()
        run.text = subtitle
        run.font.size, run.font.color.rgb = Pt(13), GREY


def _bullets(slide: Slide, lines: Sequence[str], area: _Area = BODY, size: int = 16) -> None:
    box = slide.shapes.add_textbox(Emu(area.left), Emu(area.top), Emu(area.width), Emu(area.height))
    frame = box.text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = f"• {line}"
        run.font.size = Pt(size)
        paragraph.space_after = Pt(6)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _picture(slide: Slide, figure: Figure, area: _Area = BODY) -> None:
    png = to_png(figure.svg, scale=2)
    width, height = _png_size(png)
    scale = min(area.width / width, area.height / height)
    w, h = int(width * scale), int(height * scale)
    slide.shapes.add_picture(
        io.BytesIO(png), Emu(area.left + (area.width - w) // 2), Emu(area.top), Emu(w), Emu(h)
    )


def _table(
    slide: Slide, headers: Sequence[str], rows: Sequence[Sequence[object]], area: _Area = BODY, size: int = 11
) -> None:
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(headers),
        Emu(area.left),
        Emu(area.top),
        Emu(area.width),
        Emu(Inches(0.3) * (len(rows) + 1)),
    )
    table = shape.table
    for col, header in enumerate(headers):
        cell = table.cell(0, col)
        cell.text = header
        cell.text_frame.paragraphs[0].runs[0].font.size = Pt(size + 1)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            cell = table.cell(r, col)
            cell.text = "" if value is None else str(value)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)


def _section_lines(section: Section, limit: int = 7) -> list[str]:
    if section.pinned is not None:
        return [section.pinned]
    lines = [s.text for s in section.sentences] + [b.text for b in section.bullets]
    return lines[:limit]


class _Deck:
    def __init__(self) -> None:
        self.prs: PresentationType = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]
        self.titled = self.prs.slide_layouts[5]  # "Title Only"

    def slide(self, title: str, subtitle: str = "") -> Slide:
        slide: Slide = self.prs.slides.add_slide(self.titled)
        _title(slide, title, subtitle)
        return slide

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def deck_pptx(tom: Tom, *, today: dt.date, content: ReportContent | None = None) -> bytes:
    """A stakeholder deck of 10-20 slides, from the same content as the report."""
    c = content or report_content(tom, today=today)
    figures = {f.id: f for f in c.figures}
    deck = _Deck()
    story, summary = c.story, c.summary

    cover = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])  # "Title Slide"
    assert cover.shapes.title is not None
    cover.shapes.title.text = tom.name
    for run in cover.shapes.title.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(40), True, NAVY
    sponsor = tom.person(tom.sponsor) if tom.sponsor else None
    cover.placeholders[1].text = " · ".join(
        x for x in (tom.organisation, f"as of {today:%d %B %Y}", sponsor.name if sponsor else "") if x
    )
    for run in cover.placeholders[1].text_frame.paragraphs[0].runs:
        run.font.size, run.font.color.rgb = Pt(18), GREY

    _bullets(deck.slide("Why we are changing"), _section_lines(story.section("why"), 8), size=15)
    if "canvas-as-is" in figures:
        _picture(deck.slide("Where we start", figures["canvas-as-is"].caption), figures["canvas-as-is"])
    if "canvas-to-be" in figures:
        _picture(deck.slide("Where we are going", figures["canvas-to-be"].caption), figures["canvas-to-be"])
    changes = story.section("changes")
    if "heatmap" in figures:
        slide = deck.slide("What changes", changes.sentences[0].text if changes.sentences else "")
        half = _Area(BODY.left, BODY.top, BODY.width // 2, BODY.height)
        _picture(slide, figures["heatmap"], half)
        _bullets(slide, [b.text for b in changes.bullets], _Area(BODY.left + BODY.width // 2 + Inches(0.2), BODY.top,
                                                                  BODY.width // 2 - Inches(0.2), BODY.height), size=13)  # fmt: skip
    if c.story.section("changes").sentences and "people" in figures:
        slide = deck.slide("People impact", "FTE per team, before and after")
        _picture(slide, figures["people"])
    _gaps_slide(deck, c)
    for figure_id, title in (
        ("roadmap", "Roadmap"),
        ("journey", "Where we are on the journey"),
        ("matrix", "Priorities"),
    ):
        if figure_id in figures:
            subtitle = next(
                (s.text for s in story.section("journey").sentences if s.text.startswith("Where we are")), ""
            )
            _picture(
                deck.slide(title, subtitle if figure_id == "journey" else figures[figure_id].caption),
                figures[figure_id],
            )
    if c.kpi_rows:
        _table(deck.slide("KPIs", "Baselines, targets and the latest figures"), ["KPI", "Baseline", "Target", "Due", "Latest"],
               c.kpi_rows[:12], size=11)  # fmt: skip
    _for_you_slide(deck, c.audience_pages)
    _bullets(deck.slide("Risks and how we handle them"), _section_lines(story.section("risks"), 7), size=15)
    _bullets(
        deck.slide("Next steps"),
        _section_lines(story.section("next")) + _section_lines(summary.section("asks")),
    )
    return deck.save()


def _gaps_slide(deck: _Deck, c: ReportContent) -> None:
    from tomkit.analysis.gaps import gaps

    if len(c.tom.states) < 2:
        return
    report = gaps(c.tom)
    # Two per dimension, additions and removals before changes: a spread, not the first dimension's list.
    order = {"added": 0, "removed": 1, "changed": 2}
    picked = []
    for dimension in Dimension:
        mine = [g for g in report.elements if g.dimension is dimension]
        picked += sorted(mine, key=lambda g: (order[g.change.value], g.name))[:2]
    rows = [
        (g.dimension.label, g.change.value, g.name, ", ".join(g.closed_by) or "no initiative yet")
        for g in picked
    ]
    _table(deck.slide("Main gaps", f"{len(report.elements)} in all; the full list is in the workbook"),
           ["Dimension", "Change", "Element", "Closed by"], rows, size=11)  # fmt: skip


def _for_you_slide(deck: _Deck, pages: Sequence[Narrative]) -> None:
    if not pages:
        return
    rows = []
    for page in pages[:10]:
        changes = page.section("changes")
        plan = page.section("plan")
        first = changes.sentences[0].text if changes.sentences else ""
        when = next((b.text for b in plan.bullets), plan.sentences[0].text if plan.sentences else "")
        rows.append((page.title.removeprefix("What changes for "), first, when))
    _table(deck.slide("What changes for you", "Each group's page is in the report"), ["Who", "What changes", "First step"],
           rows, size=10)  # fmt: skip


__all__ = ["deck_pptx"]
