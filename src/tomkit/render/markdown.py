"""Markdown for wikis: the story, the executive summary, the tables and a page per audience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from tomkit.model import Tom
from tomkit.render.narrative import Narrative, Section, executive_summary, inputs, story, what_changes_for
from tomkit.render.narrative.audiences import audiences
from tomkit.render.narrative.wording import num


def _escape(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_escape("" if c is None else c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def section_markdown(section: Section, level: int = 2) -> str:
    out = [f"{'#' * level} {section.title}", ""]
    if section.pinned is not None:
        out += [section.pinned, ""]
        if section.stale:
            out += [
                "> The generated text for this section has changed since this wording was pinned: please re-read it.",
                "",
            ]
        return "\n".join(out)
    if section.sentences:
        out += [" ".join(s.text for s in section.sentences), ""]
    out += [f"- {b.text}" for b in section.bullets]
    if section.bullets:
        out.append("")
    return "\n".join(out)


def narrative_markdown(narrative: Narrative, level: int = 1) -> str:
    head = [f"{'#' * level} {narrative.title}", ""]
    if narrative.subtitle:
        head += [f"*{narrative.subtitle}*", ""]
    return "\n".join(head) + "\n".join(section_markdown(s, level + 1) for s in narrative.sections)


def to_markdown(tom: Tom, *, today: dt.date, audience_pages: bool = True) -> str:
    """One Markdown document: summary, story, KPIs, initiatives, gaps and (optionally) a page per audience."""
    data = inputs(tom, today)
    parts = [narrative_markdown(story(tom, today=today, given=data))]
    parts.append(narrative_markdown(executive_summary(tom, today=today, given=data), level=2))
    if tom.kpis:
        parts.append("## KPIs\n\n" + table(
            ["KPI", "baseline", "target", "due", "latest", "owner"],
            [(k.name, num(k.baseline, k.unit), num(k.target, k.unit), k.due or "",
              num(m.value, k.unit) if (m := k.latest()) else "", k.owner or "") for k in tom.kpis],
        ) + "\n")  # fmt: skip
    if data.roadmap is not None and data.roadmap.items:
        parts.append("## Initiatives\n\n" + table(
            ["initiative", "wave", "start", "end", "owner", "status", "done", "quick win"],
            [(i.name, i.wave, i.start, i.last_day, i.owner or "", i.status, f"{i.progress}%", "yes" if i.quick_win else "")
             for i in sorted(data.roadmap.items, key=lambda i: (i.start, i.id))],
        ) + "\n")  # fmt: skip
    if data.report is not None:
        parts.append("## Gaps\n\n" + table(
            ["dimension", "change", "element", "what changes", "closed by"],
            [(g.dimension.label, g.change.value, g.name,
              "; ".join(f"{d.name}: {d.before} → {d.after}" for d in g.deltas), ", ".join(g.closed_by))
             for g in data.report.elements],
        ) + "\n")  # fmt: skip
    if audience_pages:
        for audience in audiences(tom):
            parts.append(
                narrative_markdown(what_changes_for(tom, audience.id, today=today, given=data), level=2)
            )
    return "\n".join(parts).rstrip() + "\n"
