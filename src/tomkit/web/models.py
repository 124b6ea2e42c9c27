"""What the web app stores: workspaces (one TOM draft each), members, versions, comments, the audit trail.

The TOM itself is stored as its canonical plain data (`Tom.to_data()`); all meaning stays in the library.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import uuid
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from tomkit.model import Tom

if TYPE_CHECKING:
    _FieldBase = models.Field[Any, Any]
else:
    _FieldBase = models.Field


class DocumentField(_FieldBase):
    """JSON kept as text, so the order of keys survives: PostgreSQL's jsonb sorts object keys, and in a
    TOM the order of the states is meaning (the first is the as-is, the last the to-be)."""

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def value_to_string(self, obj: Any) -> str:
        return self.get_prep_value(self.value_from_object(obj)) or ""


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


RANK: dict[str, int] = {Role.VIEWER: 0, Role.REVIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


_PARSED: OrderedDict[uuid.UUID, Tom] = OrderedDict()
_PARSED_LOCK = threading.Lock()


def _parse(key: uuid.UUID, data: dict[str, Any]) -> Tom:
    """Parsed documents by content key: a page view parses a large TOM once, not on every request."""
    with _PARSED_LOCK:
        if key in _PARSED:
            _PARSED.move_to_end(key)
            return _PARSED[key]
    tom = Tom.model_validate(data)
    with _PARSED_LOCK:
        _PARSED[key] = tom
        while len(_PARSED) > 64:
            _PARSED.popitem(last=False)
    return tom


class Workspace(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    draft = DocumentField(help_text="the working draft: Tom.to_data()")
    revision = models.PositiveIntegerField(default=1)
    content_key = models.UUIDField(default=uuid.uuid4, help_text="changes whenever the draft changes")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def tom(self) -> Tom:
        return _parse(self.content_key, self.draft)


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")]
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.workspace}"


class Version(models.Model):
    """A named, immutable snapshot of the draft."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    note = models.TextField(blank=True)
    data = DocumentField()
    revision = models.PositiveIntegerField(help_text="the draft revision it was taken from")
    content_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="version_name_unique"),
            models.UniqueConstraint(fields=["workspace", "number"], name="version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} {self.name}"

    def tom(self) -> Tom:
        return _parse(self.content_key, self.data)


class SignOff(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="signoffs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="one_signoff_per_user")]
        ordering = ["at"]


class Anchor(models.TextChoices):
    WORKSPACE = "workspace", "Workspace"
    ELEMENT = "element", "Element"
    GAP = "gap", "Gap"
    VERSION = "version", "Version"


class Comment(models.Model):
    """A thread starts with a comment without parent; replies point at it. Threads are resolved and reopened."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="comments")
    anchor_type = models.CharField(max_length=16, choices=Anchor.choices, default=Anchor.WORKSPACE)
    anchor = models.CharField(
        max_length=200, blank=True, help_text="element id, gap element id or version name"
    )
    state = models.CharField(max_length=80, blank=True, help_text="the state an element comment was made in")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk} on {self.anchor_type} {self.anchor}"

    @property
    def anchor_label(self) -> str:
        if self.anchor_type == Anchor.WORKSPACE:
            return "the workspace"
        where = f" in {self.state}" if self.state else ""
        return f"{self.get_anchor_type_display().lower()} {self.anchor}{where}"


class AuditEvent(models.Model):
    """One change: who, when, what. Draft edits carry the revision they produced and what they touched."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="events")
    revision = models.PositiveIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40, db_index=True)
    summary = models.TextField()
    targets = models.JSONField(default=list, help_text="what the change touched; '*' is everything")
    operation = models.JSONField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True, help_text="target -> data before")
    after = models.JSONField(null=True, blank=True, help_text="target -> data after")
    answers = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
        help_text="the comment this change was made in answer to",
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.summary}"

    def deltas(self) -> list[tuple[str, str, Any, Any]]:
        """(target, attribute, before, after) for each value the change altered."""
        out: list[tuple[str, str, Any, Any]] = []
        before, after = self.before or {}, self.after or {}
        for target in sorted(set(before) | set(after)):
            b, a = before.get(target) or {}, after.get(target) or {}
            if not isinstance(b, dict) or not isinstance(a, dict):
                out.append((target, "", b, a))
                continue
            for key in sorted(set(b) | set(a)):
                if b.get(key) != a.get(key):
                    out.append((target, key, b.get(key), a.get(key)))
        return out


class ApiToken(models.Model):
    """A personal token for scripts; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple[ApiToken, str]:
        """A new token and its key (shown once)."""
        key = "tk_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:10], key_hash=cls.hash(key))
        return token, key
