"""Workspaces: the list, creating one (template, upload or empty), its overview, details, members, states,
export, and deleting one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from pydantic import ValidationError

from tomkit import demo, formats
from tomkit.formats import describe_problem
from tomkit.model import Tom
from tomkit.model.operations import AddState, OperationError, RemoveState, RenameState, UpdateDetails
from tomkit.web import store
from tomkit.web.access import WorkspaceAccess, as_format, member_workspaces, workspace_view
from tomkit.web.models import Comment, Membership, Role
from tomkit.web.views import downloads
from tomkit.web.views.common import page, review_status


@login_required
def home(request: HttpRequest) -> HttpResponse:
    rows = [(a, review_status(a.workspace.tom())) for a in member_workspaces(request.user)]
    return render(request, "tomkit/home.html", {"rows": rows})


class NewWorkspaceForm(forms.Form):
    source = forms.ChoiceField(
        choices=[
            ("template", "From a template"),
            ("upload", "From a file: YAML, JSON, an Excel workbook or ArchiMate XML"),
            ("empty", "Empty"),
        ],
        widget=forms.RadioSelect,
        initial="template",
    )
    name = forms.CharField(
        max_length=200, required=False, help_text="leave empty to keep the template's name"
    )
    template = forms.ChoiceField(choices=[], required=False)
    file = forms.FileField(
        required=False, help_text="a TOM file (.yaml, .yml or .json), a workbook (.xlsx) or ArchiMate (.xml)"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(n, n) for n in demo.template_names()]  # type: ignore[attr-defined]


def _source_excerpt(text: str, line: int | None) -> list[tuple[int, str, bool]]:
    """A few lines around a problem, numbered, the offending one marked."""
    if not line:
        return []
    lines = text.splitlines()
    start, end = max(1, line - 2), min(len(lines), line + 2)
    return [(n, lines[n - 1], n == line) for n in range(start, end + 1)]


@login_required
@require_http_methods(["GET", "POST"])
def workspace_new(request: HttpRequest) -> HttpResponse:
    form = NewWorkspaceForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        source, name = form.cleaned_data["source"], form.cleaned_data["name"].strip()
        tom: Tom | None = None
        how = source
        if source == "template":
            template = form.cleaned_data["template"] or demo.template_names()[0]
            tom, how = demo.load_template(template), f"from template {template}"
        elif source == "empty":
            tom = Tom.model_validate(
                {"name": name or "New operating model", "states": {"as-is": {"label": "Today"}, "to-be": {}}}
            )
            how = "empty"
        else:
            upload = form.cleaned_data["file"]
            if upload is None:
                form.add_error("file", "choose a file to upload")
            elif (upload.name or "").lower().endswith(downloads.UPLOAD_SUFFIXES):
                tom, problems = downloads.reads_upload(upload.name or "upload", upload.read())
                how = f"from {upload.name}"
            else:
                text = upload.read().decode("utf-8", errors="replace")
                fmt = as_format("json" if (upload.name or "").lower().endswith(".json") else "yaml")
                result = formats.reads(text, fmt, source=upload.name)
                if result.ok and result.tom is not None:
                    tom, how = result.tom, f"from {upload.name}"
                else:
                    problems = [
                        {
                            "text": describe_problem(p),
                            "line": p.line,
                            "excerpt": _source_excerpt(text, p.line),
                        }
                        for p in (result.errors or result.problems)
                    ]
        if tom is not None:
            if name:
                tom = tom.model_copy(update={"name": name})
            workspace = store.create_workspace(request.user, tom, how)
            messages.success(request, f"Workspace {workspace.name} created {how}.")
            return redirect("ws_overview", ws=workspace.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "tomkit/workspace_new.html", {"form": form, "problems": problems}, status=status)


@workspace_view(Role.VIEWER)
def overview(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    tom = access.workspace.tom()
    states = [(name, state, len(state.elements), len(state.relations)) for name, state in tom.states.items()]
    open_threads = Comment.objects.filter(workspace=access.workspace, parent=None, resolved=False).count()
    context = {
        "tom": tom,
        "states": states,
        "open_threads": open_threads,
        "versions": access.workspace.versions.all()[:5],
        "events": access.workspace.events.select_related("actor")[:8],
    }
    return page(request, access, "tomkit/ws/overview.html", context, active="overview")


@workspace_view(Role.VIEWER)
def export(request: HttpRequest, access: WorkspaceAccess, fmt: str) -> HttpResponse:
    return _download(formats.dumps(access.workspace.tom(), as_format(fmt)), access.workspace.slug, fmt)


def _download(text: str, stem: str, fmt: str) -> HttpResponse:
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{"json" if fmt == "json" else "yaml"}"'
    return response


class DetailsForm(forms.Form):
    name = forms.CharField(max_length=200)
    organisation = forms.CharField(max_length=200, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    review_cadence = forms.ChoiceField(
        choices=[(c, c) for c in ("monthly", "quarterly", "half-yearly", "yearly")], label="Review cadence"
    )
    review_next = forms.DateField(
        required=False, label="Next review", widget=forms.DateInput(attrs={"type": "date"})
    )
    base = forms.IntegerField(widget=forms.HiddenInput)


@workspace_view(Role.EDITOR, methods=("GET", "POST"))
def details(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    tom = access.workspace.tom()
    initial = {
        "name": tom.name, "organisation": tom.organisation, "description": tom.description,
        "review_cadence": tom.review.cadence, "review_next": tom.review.next, "base": access.workspace.revision,
    }  # fmt: skip
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        op = UpdateDetails(
            name=data["name"], organisation=data["organisation"], description=data["description"],
            review_cadence=data["review_cadence"], review_next=data["review_next"],
        )  # fmt: skip
        try:
            store.apply_operation(access.workspace.pk, request.user, op, data["base"])
        except store.EditConflict as conflict:
            form.add_error(None, str(conflict))
        except OperationError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Details saved.")
            return redirect("ws_overview", ws=access.workspace.slug)
    return page(request, access, "tomkit/ws/details.html", {"form": form}, active="overview")


class MemberForm(forms.Form):
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=Role.choices)


@workspace_view(Role.OWNER, methods=("GET", "POST"))
def members(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    workspace = access.workspace
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove"):
            membership = Membership.objects.filter(workspace=workspace, pk=request.POST["remove"]).first()
            if membership is not None and membership.user_id != request.user.pk:
                membership.delete()
                store.record(workspace, request.user, "member", f"removed {membership.user}")
            return redirect("ws_members", ws=workspace.slug)
        if form.is_valid():
            user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
            if user is None:
                form.add_error("username", "no user with that name (an administrator creates accounts)")
            else:
                role = form.cleaned_data["role"]
                Membership.objects.update_or_create(workspace=workspace, user=user, defaults={"role": role})
                store.record(workspace, request.user, "member", f"made {user} a {role}")
                return redirect("ws_members", ws=workspace.slug)
    rows = Membership.objects.filter(workspace=workspace).select_related("user")
    return page(request, access, "tomkit/ws/members.html", {"form": form, "rows": rows}, active="members")


@workspace_view(Role.EDITOR, methods=("POST",))
def state_add(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Add a plateau between the as-is and the to-be, empty or as a copy of an existing state."""
    name = request.POST.get("name", "").strip()
    copy_from = request.POST.get("copy_from", "").strip() or None
    try:
        op = AddState(name=name, label=request.POST.get("label", "").strip(), copy_from=copy_from)
        store.apply_operation(access.workspace.pk, request.user, op)
    except ValidationError:
        messages.error(request, "A state name is a slug: lower-case letters, digits, '.', '_' and '-'.")
    except OperationError as exc:
        messages.error(request, f"Not added: {exc.message}")
    else:
        messages.success(request, f"Added the state {name}.")
    return redirect("ws_overview", ws=access.workspace.slug)


@workspace_view(Role.EDITOR, methods=("POST",))
def state_rename(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Rename a state and/or change its label; references to it (initiatives, scenarios) follow."""
    name = request.POST.get("name", "").strip()
    new_name = request.POST.get("new_name", "").strip() or name
    label = request.POST.get("label")
    try:
        op = RenameState(name=name, new_name=new_name, label=label.strip() if label is not None else None)
        store.apply_operation(access.workspace.pk, request.user, op)
    except ValidationError:
        messages.error(request, "A state name is a slug: lower-case letters, digits, '.', '_' and '-'.")
    except OperationError as exc:
        messages.error(request, f"Not renamed: {exc.message}")
    else:
        messages.success(request, op.describe()[0].upper() + op.describe()[1:] + ".")
    return redirect("ws_overview", ws=access.workspace.slug)


@workspace_view(Role.EDITOR, methods=("POST",))
def state_remove(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Remove a plateau (never the as-is or the to-be) that nothing refers to any more."""
    name = request.POST.get("name", "").strip()
    try:
        store.apply_operation(access.workspace.pk, request.user, RemoveState(name=name))
    except OperationError as exc:
        detail = "; ".join(exc.problems[:5]) + (
            f" and {len(exc.problems) - 5} more" if len(exc.problems) > 5 else ""
        )
        messages.error(
            request, f"Not removed: {exc.message}" + (f" ({detail})" if detail != exc.message else "")
        )
    else:
        messages.success(request, f"Removed the state {name}.")
    return redirect("ws_overview", ws=access.workspace.slug)


@workspace_view(Role.OWNER, methods=("GET", "POST"))
def workspace_delete(request: HttpRequest, access: WorkspaceAccess) -> HttpResponse:
    """Delete the workspace for everyone, once the owner has typed its short name to confirm."""
    workspace = access.workspace
    error = None
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == workspace.slug:
            name = workspace.name
            store.delete_workspace(workspace)
            messages.success(request, f"Deleted the workspace {name}.")
            return redirect("home")
        error = f"Type {workspace.slug} to confirm."
    context = {
        "error": error,
        "counts": {
            "versions": workspace.versions.count(),
            "comments": workspace.comments.count(),
            "members": workspace.memberships.count(),
        },
    }
    status = 400 if error else 200
    return page(request, access, "tomkit/ws/delete.html", context, active="members", status=status)
