"""The printed report: the narrative with its pictures, a table of contents and page numbers (HTML and PDF)."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape

from tomkit.model import Tom
from tomkit.render.figures import Figure, figures
from tomkit.render.narrative import Narrative, executive_summary, inputs, story, what_changes_for
from tomkit.render.narrative.audiences import audiences
from tomkit.render.narrative.wording import num

AUDIENCE_PAGES = 8
"""At most this many 'what changes for you' pages in print: teams and groups first."""


@dataclass(frozen=True)
class ReportContent:
    """Everything the report shows, so tests and other outputs can inspect it without parsing HTML."""

    tom: Tom
    today: dt.date
    summary: Narrative
    story: Narrative
    figures: tuple[Figure, ...]
    audience_pages: tuple[Narrative, ...]
    kpi_rows: tuple[tuple[str, str, str, str, str], ...]

    def figures_for(self, section: str) -> list[Figure]:
        return [f for f in self.figures if f.section == section]


def report_content(tom: Tom, *, today: dt.date) -> ReportContent:
    data = inputs(tom, today)
    chosen = sorted(audiences(tom), key=lambda a: (a.kind == "role", a.name))[:AUDIENCE_PAGES]
    kpis = tuple(
        (k.name, num(k.baseline, k.unit), num(k.target, k.unit), k.due.isoformat() if k.due else "",
         num(m.value, k.unit) if (m := k.latest()) else "")
        for k in tom.kpis
    )  # fmt: skip
    return ReportContent(
        tom,
        today,
        executive_summary(tom, today=today, given=data),
        story(tom, today=today, given=data),
        tuple(figures(data)),
        tuple(what_changes_for(tom, a.id, today=today, given=data) for a in chosen),
        kpis,
    )


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tomkit.render", "templates"), autoescape=select_autoescape(["html", "j2"])
    )
    env.filters["data_uri"] = lambda svg: (
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    )
    return env


def report_html(tom: Tom, *, today: dt.date, content: ReportContent | None = None) -> str:
    """A standalone HTML document (pictures embedded), ready to print."""
    content = content or report_content(tom, today=today)
    css = files("tomkit.render").joinpath("templates/report/report.css").read_text(encoding="utf-8")
    return _environment().get_template("report/report.html.j2").render(c=content, css=css)


def report_pdf(tom: Tom, *, today: dt.date, content: ReportContent | None = None) -> bytes:
    """The report as a PDF (WeasyPrint), with a table of contents and page numbers."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=report_html(tom, today=today, content=content)).write_pdf()
    return pdf
