"""The draft store: applies library operations to a workspace's draft under optimistic concurrency.

Each edit says which draft revision it was made against. If the draft has moved on since, the edit still
goes through when nobody touched the same element or relation in between (it is applied to the newest
draft); otherwise it is refused with the conflicting changes, so nobody's work is silently lost.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as DjangoUser
from django.db import transaction
from django.utils.text import slugify

from tomkit.model import Tom
from tomkit.model.operations import EVERYTHING, Operation, RenameState, apply
from tomkit.web.models import AuditEvent, Comment, Membership, Role, Version, Workspace

User = AbstractBaseUser | AnonymousUser


@dataclass
class EditConflict(Exception):
    """The edit was made against an old draft and someone has since changed the same thing."""

    events: list[AuditEvent]
    current_revision: int

    def __str__(self) -> str:
        return "; ".join(conflict_message(e) for e in self.events)


def conflict_message(event: AuditEvent) -> str:
    who = event.actor.get_username() if event.actor else "someone"
    return f"changed by {who} at {event.at:%H:%M}: {event.summary}"


def _actor(user: User) -> DjangoUser | None:
    return user if isinstance(user, DjangoUser) else None


@runtime_checkable
class DraftEdit(Protocol):
    """An edit that is not a model operation (a pinned narrative wording) but travels the same path:
    it names its targets, describes itself and is applied, audited and conflict-checked by
    `apply_operation` like any operation."""

    @property
    def op(self) -> str: ...

    def targets(self) -> frozenset[str]: ...

    def describe(self) -> str: ...

    def apply_to(self, tom: Tom) -> Tom: ...

    def model_dump(self, *, mode: str) -> dict[str, Any]: ...


def _snapshot(tom: Tom, targets: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for target in targets:
        kind, _, rest = target.partition(":")
        if kind == "narrative":
            pin = tom.narrative.get(rest)
            out[target] = pin.model_dump(mode="json", exclude_defaults=True) if pin else None
            continue
        state_name, _, ref = rest.partition("/")
        state = tom.states.get(state_name)
        if state is None:
            out[target] = None
        elif kind == "element":
            element = state.element(ref)
            out[target] = element.attributes() if element is not None else None
        elif kind == "relation":
            source, type_, target_id = ref.split("/", 2)
            relation = state.relation_index().get((source, type_, target_id))
            out[target] = (
                relation.model_dump(mode="json", by_alias=True, exclude_defaults=True) if relation else None
            )
    return out


def apply_operation(
    workspace_id: int,
    user: User,
    operation: Operation | DraftEdit,
    base_revision: int | None = None,
    answers: Comment | None = None,
) -> tuple[Workspace, AuditEvent]:
    """Apply one operation to the draft; EditConflict or OperationError when it cannot be."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        targets = operation.targets()
        if base_revision is not None and base_revision < workspace.revision:
            clashing = [
                event
                for event in workspace.events.filter(revision__gt=base_revision).select_related("actor")
                if EVERYTHING in event.targets or targets & set(event.targets)
            ]
            if clashing:
                raise EditConflict(clashing, workspace.revision)
        before = workspace.tom()
        after = operation.apply_to(before) if isinstance(operation, DraftEdit) else apply(before, operation)
        if isinstance(operation, RenameState) and operation.new_name != operation.name:
            # comments on elements remember the state they were made in
            Comment.objects.filter(workspace=workspace, state=operation.name).update(state=operation.new_name)
        event = _save_draft(
            workspace,
            user,
            after,
            action=operation.op,
            summary=operation.describe(),
            targets=sorted(targets),
            operation=operation.model_dump(mode="json"),
            before=_snapshot(before, targets),
            after=_snapshot(after, targets),
            answers=answers,
        )
    return workspace, event


def replace_draft(workspace_id: int, user: User, tom: Tom, action: str, summary: str) -> AuditEvent:
    """Replace the whole draft (restore, import): conflicts with every edit made against an older draft."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        return _save_draft(workspace, user, tom, action=action, summary=summary, targets=[EVERYTHING])


def _save_draft(workspace: Workspace, user: User, tom: Tom, **event: Any) -> AuditEvent:
    workspace.draft = tom.to_data()
    workspace.revision += 1
    workspace.content_key = uuid.uuid4()
    workspace.updated_by = _actor(user)
    workspace.name = tom.name
    workspace.save()
    return AuditEvent.objects.create(
        workspace=workspace, revision=workspace.revision, actor=_actor(user), **event
    )


def record(workspace: Workspace, user: User, action: str, summary: str, **extra: Any) -> AuditEvent:
    """An audit entry for something that is not a draft edit (versions, comments, members)."""
    return AuditEvent.objects.create(
        workspace=workspace, actor=_actor(user), action=action, summary=summary, **extra
    )


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "workspace"
    slug, n = base, 1
    while Workspace.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_workspace(user: User, tom: Tom, how: str) -> Workspace:
    """A new workspace holding `tom`, owned by its creator."""
    with transaction.atomic():
        workspace = Workspace.objects.create(
            slug=unique_slug(tom.name),
            name=tom.name,
            draft=tom.to_data(),
            created_by=_actor(user),
            updated_by=_actor(user),
        )
        owner = _actor(user)
        if owner is not None:
            Membership.objects.create(workspace=workspace, user=owner, role=Role.OWNER)
        AuditEvent.objects.create(
            workspace=workspace,
            revision=1,
            actor=_actor(user),
            action="create",
            summary=f"created {how}",
            targets=[EVERYTHING],
        )
    return workspace


def data_folder(slug: str) -> Path:
    """Where a workspace keeps files beside the database (uploaded and imported event logs)."""
    return Path(getattr(settings, "DATA_DIR", Path.cwd() / "var")) / "mining" / slug


def delete_workspace(workspace: Workspace) -> None:
    """Delete a workspace with its versions, comments, audit trail and data files.

    The files go only once the deletion is committed, so a rolled-back request leaves them in place.
    """
    folder = data_folder(workspace.slug)
    with transaction.atomic():
        workspace.delete()
        transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))


def save_version(workspace: Workspace, user: User, name: str, note: str = "") -> Version:
    """Freeze the current draft under a name; names are unique within a workspace."""
    with transaction.atomic():
        current = Workspace.objects.select_for_update().get(pk=workspace.pk)
        last = current.versions.order_by("-number").first()
        version = Version.objects.create(
            workspace=current,
            number=(last.number + 1) if last else 1,
            name=name,
            note=note,
            data=current.draft,
            revision=current.revision,
            created_by=_actor(user),
        )
        record(current, user, "version", f"saved version v{version.number} {name!r}")
    return version
