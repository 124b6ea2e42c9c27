"""tomkit: a Target Operating Model as code, for IT and enterprise service management.

The public API in one place. Names are imported on first use, so `import tomkit` stays quick and
the command line starts fast::

    import tomkit

    tom = tomkit.load("tom.yaml")          # raises tomkit.TomFileError listing every problem
    report = tomkit.gaps(tom)              # as-is -> to-be
    for finding in tomkit.health(tom):
        print(finding.title)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tomkit.analysis.diff import StateDiff as StateDiff
    from tomkit.analysis.diff import apply_diff as apply_diff
    from tomkit.analysis.diff import diff_states as diff_states
    from tomkit.analysis.gaps import ChangeType as ChangeType
    from tomkit.analysis.gaps import ElementGap as ElementGap
    from tomkit.analysis.gaps import GapReport as GapReport
    from tomkit.analysis.gaps import compare as compare
    from tomkit.analysis.gaps import gaps as gaps
    from tomkit.analysis.health import Finding as Finding
    from tomkit.analysis.health import health as health
    from tomkit.analysis.impact import ImpactReport as ImpactReport
    from tomkit.analysis.impact import impact as impact
    from tomkit.analysis.progress import Progress as Progress
    from tomkit.analysis.progress import progress as progress
    from tomkit.analysis.roadmap import Roadmap as Roadmap
    from tomkit.analysis.roadmap import plan as plan
    from tomkit.analysis.versions import diff_documents as diff_documents
    from tomkit.demo import load_demo as load_demo
    from tomkit.demo import load_template as load_template
    from tomkit.demo import template_names as template_names
    from tomkit.formats import LoadResult as LoadResult
    from tomkit.formats import TomFileError as TomFileError
    from tomkit.formats import dumps as dumps
    from tomkit.formats import json_schema as json_schema
    from tomkit.formats import load as load
    from tomkit.formats import loads as loads
    from tomkit.formats import read as read
    from tomkit.formats import reads as reads
    from tomkit.formats import save as save
    from tomkit.formats.archimate import from_archimate as from_archimate
    from tomkit.formats.archimate import to_archimate as to_archimate
    from tomkit.formats.xlsx import read_xlsx as read_xlsx
    from tomkit.formats.xlsx import to_xlsx as to_xlsx
    from tomkit.model import Dimension as Dimension
    from tomkit.model import Element as Element
    from tomkit.model import Initiative as Initiative
    from tomkit.model import Kpi as Kpi
    from tomkit.model import Lens as Lens
    from tomkit.model import Outcome as Outcome
    from tomkit.model import Person as Person
    from tomkit.model import Problem as Problem
    from tomkit.model import Relation as Relation
    from tomkit.model import Severity as Severity
    from tomkit.model import State as State
    from tomkit.model import Tom as Tom
    from tomkit.model import check as check
    from tomkit.render.deck import deck_pptx as deck_pptx
    from tomkit.render.markdown import to_markdown as to_markdown
    from tomkit.render.narrative import executive_summary as executive_summary
    from tomkit.render.narrative import story as story
    from tomkit.render.narrative import what_changes_for as what_changes_for
    from tomkit.render.report import report_html as report_html
    from tomkit.render.report import report_pdf as report_pdf

_EXPORTS: dict[str, str] = {
    # reading and writing files
    "load": "tomkit.formats",
    "loads": "tomkit.formats",
    "read": "tomkit.formats",
    "reads": "tomkit.formats",
    "dumps": "tomkit.formats",
    "save": "tomkit.formats",
    "json_schema": "tomkit.formats",
    "LoadResult": "tomkit.formats",
    "TomFileError": "tomkit.formats",
    # the document
    "Tom": "tomkit.model",
    "State": "tomkit.model",
    "Element": "tomkit.model",
    "Relation": "tomkit.model",
    "Person": "tomkit.model",
    "Kpi": "tomkit.model",
    "Outcome": "tomkit.model",
    "Initiative": "tomkit.model",
    "Dimension": "tomkit.model",
    "Lens": "tomkit.model",
    "Problem": "tomkit.model",
    "Severity": "tomkit.model",
    "check": "tomkit.model",
    # analysis
    "gaps": "tomkit.analysis.gaps",
    "compare": "tomkit.analysis.gaps",
    "GapReport": "tomkit.analysis.gaps",
    "ElementGap": "tomkit.analysis.gaps",
    "ChangeType": "tomkit.analysis.gaps",
    "health": "tomkit.analysis.health",
    "Finding": "tomkit.analysis.health",
    "impact": "tomkit.analysis.impact",
    "ImpactReport": "tomkit.analysis.impact",
    "diff_states": "tomkit.analysis.diff",
    "apply_diff": "tomkit.analysis.diff",
    "StateDiff": "tomkit.analysis.diff",
    "plan": "tomkit.analysis.roadmap",
    "Roadmap": "tomkit.analysis.roadmap",
    "progress": "tomkit.analysis.progress",
    "Progress": "tomkit.analysis.progress",
    "diff_documents": "tomkit.analysis.versions",
    # the story and the deliverables
    "story": "tomkit.render.narrative",
    "executive_summary": "tomkit.render.narrative",
    "what_changes_for": "tomkit.render.narrative",
    "report_pdf": "tomkit.render.report",
    "report_html": "tomkit.render.report",
    "deck_pptx": "tomkit.render.deck",
    "to_markdown": "tomkit.render.markdown",
    "to_xlsx": "tomkit.formats.xlsx",
    "read_xlsx": "tomkit.formats.xlsx",
    "to_archimate": "tomkit.formats.archimate",
    "from_archimate": "tomkit.formats.archimate",
    # the demo organisation and starter templates
    "load_demo": "tomkit.demo",
    "load_template": "tomkit.demo",
    "template_names": "tomkit.demo",
}

__all__ = [
    "ChangeType", "Dimension", "Element", "ElementGap", "Finding", "GapReport", "ImpactReport",
    "Initiative", "Kpi", "Lens", "LoadResult", "Outcome", "Person", "Problem", "Progress", "Relation",
    "Roadmap", "Severity", "State", "StateDiff", "Tom", "TomFileError", "__version__", "apply_diff", "check",
    "compare", "deck_pptx", "diff_documents", "diff_states", "dumps", "executive_summary", "from_archimate",
    "gaps", "health", "impact", "json_schema", "load", "load_demo", "load_template", "loads", "plan",
    "progress", "read", "read_xlsx", "reads", "report_html", "report_pdf", "save", "story", "template_names",
    "to_archimate", "to_markdown", "to_xlsx", "what_changes_for",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tomkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
