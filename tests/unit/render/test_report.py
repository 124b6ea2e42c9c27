"""The report, deck and figures for the demo organisation, read back with their own libraries."""

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from tomkit.demo import load_demo
from tomkit.render.deck import deck_pptx
from tomkit.render.report import ReportContent, report_content, report_html, report_pdf

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def content() -> ReportContent:
    return report_content(load_demo(), today=TODAY)


def test_every_picture_is_made_for_the_demo(content: ReportContent) -> None:
    ids = [f.id for f in content.figures]
    for expected in ("canvas-to-be", "canvas-as-is", "heatmap", "people", "value-stream", "roadmap", "matrix",
                     "change-load", "journey"):  # fmt: skip
        assert expected in ids
    assert sum(1 for i in ids if i.startswith("side-by-side-")) == 8
    for figure in content.figures:
        assert figure.svg.lstrip().startswith(("<svg", "<?xml")), figure.id


def test_html_has_every_section_and_picture(content: ReportContent) -> None:
    html = report_html(content.tom, today=TODAY, content=content)
    for section in ("summary", "why", "to-be", "changes", "journey", "risks", "next", "kpis", "for-you"):
        assert f'id="{section}"' in html
        assert f'href="#{section}"' in html
    for figure in content.figures:
        assert f'id="fig-{figure.id}"' in html
    assert html.count('src="data:image/svg+xml;base64,') == len(content.figures)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_has_page_numbers_contents_and_renders(content: ReportContent, tmp_path: Path) -> None:
    pdf = report_pdf(content.tom, today=TODAY, content=content)
    target = tmp_path / "report.pdf"
    target.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 15 <= pages <= 60
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in ("Contents", "Executive summary", "Why we are changing", "Where we are going", "What changes",
                    "The journey", "Risks and how we handle them", "Next steps", "KPIs", "What changes for you"):  # fmt: skip
        assert heading in text
    assert f"Page 2 of {pages}" in text
    for figure in content.figures:
        assert f"{figure.title}." in text.replace("\n", " ") or figure.title.split(":")[0] in text
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "6", "-l", "6", "-png", str(target), str(tmp_path / "page")],
        check=True,
    )
    png = next(tmp_path.glob("page*.png")).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 5_000  # a page with a picture on it, not a blank one


def test_deck_reads_back_with_python_pptx(content: ReportContent) -> None:
    data = deck_pptx(content.tom, today=TODAY, content=content)
    deck = Presentation(io.BytesIO(data))
    titles = [slide.shapes.title.text for slide in deck.slides]  # real title placeholders, for outline views
    assert 10 <= len(titles) <= 20
    assert titles[1:4] == ["Why we are changing", "Where we start", "Where we are going"]
    for title in ("What changes", "Main gaps", "Roadmap", "Where we are on the journey", "KPIs", "What changes for you",
                  "Risks and how we handle them", "Next steps"):  # fmt: skip
        assert title in titles
    kinds = [shape.shape_type for slide in deck.slides for shape in slide.shapes]
    assert kinds.count(MSO_SHAPE_TYPE.PICTURE) >= 6
    assert kinds.count(MSO_SHAPE_TYPE.TABLE) == 3
    kpi_slide = deck.slides[titles.index("KPIs")]
    table = next(s for s in kpi_slide.shapes if s.has_table).table
    assert [c.text for c in table.rows[0].cells] == ["KPI", "Baseline", "Target", "Due", "Latest"]
    assert table.rows[1].cells[0].text == content.tom.kpis[0].name
