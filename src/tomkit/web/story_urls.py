"""The Story page and the deliverable downloads of a workspace (included under /w/<ws>/ by tomkit.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path, register_converter

from tomkit.web.nav import NavItem, register
from tomkit.web.views import downloads, story


class DeliverableConverter:
    """pdf, pptx, xlsx, archimate, md, yaml, json."""

    regex = downloads.KEYS

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DeliverableConverter, "deliverable")

app_name = "story"

urlpatterns: list[URLPattern] = [
    path("story/", story.index, name="index"),
    path("story/executive/", story.executive, name="executive"),
    path("story/for/", story.audience_list, name="audiences"),
    path("story/for/<ref:element>/", story.audience, name="audience"),
    path("story/pin/", story.pin, name="pin"),
    path("story/unpin/", story.unpin, name="unpin"),
    path("download/<deliverable:fmt>", downloads.download, name="download"),
    path(
        "versions/<int:number>/download/<deliverable:fmt>",
        downloads.version_download,
        name="version_download",
    ),
]

register(NavItem("story", "Story", "story:index", order=66))
