"""The admin: user accounts (Django's own), and the workspace records for support."""

from __future__ import annotations

from django.contrib import admin

from tomkit.web.models import ApiToken, AuditEvent, Comment, Membership, Version, Workspace


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 1


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "revision", "updated_at")
    search_fields = ("name", "slug")
    inlines = [MembershipInline]
    readonly_fields = ("revision", "content_key", "created_at", "updated_at")


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("workspace", "number", "name", "created_at", "created_by")
    readonly_fields = ("data",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("workspace", "at", "actor", "action", "summary")
    list_filter = ("action",)


admin.site.register(Comment)
admin.site.register(ApiToken)
