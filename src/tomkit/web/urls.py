"""URLs. Workspace pages live under /w/<ws>/; pages added by other packages are listed in
`WORKSPACE_INCLUDES` (see docs/web.md) and their menu entries registered in tomkit.web.nav.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path, register_converter

from tomkit.web.api import api
from tomkit.web.views import accounts, audit, comments, elements, pictures, relations, versions, workspaces


class FormatConverter:
    regex = "yaml|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ImageConverter(FormatConverter):
    regex = "svg|png"


class RefConverter(FormatConverter):
    """Element ids and state names: slugs that may contain dots and underscores."""

    regex = "[a-z0-9][a-z0-9._-]*"


register_converter(FormatConverter, "fmt")
register_converter(ImageConverter, "img")
register_converter(RefConverter, "ref")

workspace_patterns: list[URLPattern | URLResolver] = [
    path("", workspaces.overview, name="ws_overview"),
    path("export.<fmt:fmt>", workspaces.export, name="ws_export"),
    path("details/", workspaces.details, name="ws_details"),
    path("members/", workspaces.members, name="ws_members"),
    path("states/add/", workspaces.state_add, name="ws_state_add"),
    path("states/rename/", workspaces.state_rename, name="ws_state_rename"),
    path("states/remove/", workspaces.state_remove, name="ws_state_remove"),
    path("delete/", workspaces.workspace_delete, name="ws_delete"),
    path("design/", elements.design, name="ws_design"),
    path("design/<ref:state>/new/", elements.element_new, name="ws_element_new"),
    path("design/<ref:state>/<ref:element>/", elements.element_detail, name="ws_element"),
    path("design/<ref:state>/<ref:element>/edit/", elements.element_edit, name="ws_element_edit"),
    path("design/<ref:state>/<ref:element>/delete/", elements.element_delete, name="ws_element_delete"),
    path("design/<ref:state>/<ref:element>/copy/", elements.element_copy, name="ws_element_copy"),
    path(
        "design/<ref:state>/<ref:element>/relation-types/", relations.relation_types, name="ws_relation_types"
    ),
    path("design/<ref:state>/<ref:element>/relate/", relations.relation_add, name="ws_relation_add"),
    path("design/<ref:state>/<ref:element>/unrelate/", relations.relation_remove, name="ws_relation_remove"),
    path("compare/", pictures.compare, name="ws_compare"),
    path("gaps/", pictures.gap_view, name="ws_gaps"),
    path("canvas/", pictures.canvas, name="ws_canvas"),
    path("map/", pictures.relation_map, name="ws_map"),
    path("value-streams/", pictures.value_streams, name="ws_value_streams"),
    path("health/", pictures.health_view, name="ws_health"),
    path("design/<ref:state>/<ref:element>/impact/", pictures.impact_view, name="ws_impact"),
    path("pictures/<slug:name>.<img:fmt>", pictures.picture, name="ws_picture"),
    path("feedback/", comments.feedback, name="ws_feedback"),
    path("feedback/<int:pk>/", comments.thread, name="ws_thread"),
    path("feedback/add/", comments.comment_add, name="ws_comment_add"),
    path("feedback/<int:pk>/resolve/", comments.comment_resolve, name="ws_comment_resolve"),
    path("feedback/<int:pk>/reopen/", comments.comment_reopen, name="ws_comment_reopen"),
    path("versions/", versions.versions, name="ws_versions"),
    path("versions/save/", versions.version_save, name="ws_version_save"),
    path("versions/diff/", versions.version_diff, name="ws_diff"),
    path("versions/<int:number>/", versions.version_detail, name="ws_version"),
    path("versions/<int:number>/export.<fmt:fmt>", versions.version_export, name="ws_version_export"),
    path("versions/<int:number>/restore/", versions.version_restore, name="ws_version_restore"),
    path("versions/<int:number>/signoff/", versions.version_signoff, name="ws_version_signoff"),
    path("audit/", audit.audit, name="ws_audit"),
]

WORKSPACE_INCLUDES: list[tuple[str, str]] = [
    ("", "tomkit.web.roadmap_urls"),
    ("", "tomkit.web.scenario_urls"),
    ("", "tomkit.web.story_urls"),
    ("", "tomkit.web.mining_urls"),
]
"""(URL prefix inside a workspace, module with `urlpatterns`) for pages other packages add."""

for _prefix, _module in WORKSPACE_INCLUDES:
    workspace_patterns.append(path(_prefix, include(_module)))

urlpatterns = [
    path("", workspaces.home, name="home"),
    path("new/", workspaces.workspace_new, name="workspace_new"),
    path("w/<slug:ws>/", include(workspace_patterns)),
    path("account/login/", auth_views.LoginView.as_view(template_name="tomkit/login.html"), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(template_name="tomkit/password.html", success_url="/"),
        name="password_change",
    ),
    path("account/tokens/", accounts.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("r/", include("tomkit.web.readiness_urls")),
]
