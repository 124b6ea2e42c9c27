"""The Roadmap, Journey and Readiness pages of a workspace (included under /w/<ws>/ by tomkit.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tomkit.web.nav import NavItem, register
from tomkit.web.views import journey, readiness, roadmap

app_name = "roadmap"

urlpatterns: list[URLPattern] = [
    path("roadmap/", roadmap.index, name="index"),
    path("roadmap/picture/", roadmap.picture, name="picture"),
    path("roadmap/initiative/", roadmap.initiative_save, name="initiative"),
    path("roadmap/from-gap/", roadmap.from_gap, name="from_gap"),
    path("roadmap/dependency/", roadmap.dependency, name="dependency"),
    path("roadmap/milestone/", roadmap.milestone, name="milestone"),
    path("journey/", journey.journey, name="journey"),
    path("readiness/", readiness.readiness_view, name="readiness"),
    path("readiness/change/", readiness.change_action, name="change"),
]

register(NavItem("roadmap", "Roadmap", "roadmap:index", order=60))
register(NavItem("journey", "Journey", "roadmap:journey", order=62))
register(NavItem("readiness", "Readiness", "roadmap:readiness", order=64))
