"""What the roadmap, readiness and scenario endpoints share: saving a whole-draft edit the way their pages
do (audited, refused with a 409 when the draft moved on since `base_revision`), the engines' refusals as
422 answers, and pictures as files.

The plan and scenario edits are pure functions of a TOM (tomkit.analysis.plan_edits, tomkit.scenarios);
they are applied here to the newest draft while the workspace row is locked, so two saves never
interleave between the revision check and the write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import HttpError
from pydantic import ValidationError

from tomkit.analysis.plan_edits import PlanEditError
from tomkit.model import Tom
from tomkit.render.png import to_png
from tomkit.scenarios import ScenarioError
from tomkit.web import store
from tomkit.web.api.core import api
from tomkit.web.models import AuditEvent, Workspace

ImageFormat = Literal["svg", "png"]


class SavedOut(Schema):
    """The draft after an edit: its new revision (send it as the next `base_revision`) and the audit line."""

    revision: int
    summary: str


def save_edit(
    workspace: Workspace,
    request: HttpRequest,
    edit: Callable[[Tom], Tom],
    base_revision: int | None,
    action: str,
    summary: str,
) -> SavedOut:
    """Apply `edit` to the newest draft and save it as one audited change.

    With `base_revision`, any change recorded since that revision refuses the edit (EditConflict, a 409
    naming who changed what and when), as the Roadmap, Readiness and Scenarios pages do.
    """
    with transaction.atomic():
        current = Workspace.objects.select_for_update().get(pk=workspace.pk)
        if base_revision is not None and base_revision < current.revision:
            newer = list(
                AuditEvent.objects.filter(workspace=current, revision__gt=base_revision)
                .select_related("actor")
                .order_by("revision")
            )
            if newer:
                raise store.EditConflict(newer, current.revision)
        edited = edit(current.tom())
        event = store.replace_draft(current.pk, request.user, edited, action=action, summary=summary)
    return SavedOut(revision=event.revision or 0, summary=event.summary)


def invalid(exc: ValidationError, what: str) -> HttpError:
    """A 422 listing what is wrong with data the model refuses, one `path: message` each."""
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or what}: {e['msg']}" for e in exc.errors())
    return HttpError(422, f"invalid {what}: {problems}")


def picture_response(svg: str, fmt: ImageFormat, filename: str) -> HttpResponse:
    """An SVG (or its PNG) as a file named `<filename>.<fmt>`."""
    if fmt == "png":
        response = HttpResponse(to_png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.{fmt}"'
    return response


@api.exception_handler(PlanEditError)
def _plan_refused(request: HttpRequest, exc: PlanEditError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc), "problems": exc.problems}, status=422)


@api.exception_handler(ScenarioError)
def _scenario_refused(request: HttpRequest, exc: ScenarioError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc), "problems": []}, status=422)
