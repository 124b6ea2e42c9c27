"""The Evidence page of a workspace: event logs mined into the as-is (included under /w/<ws>/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tomkit.web.nav import NavItem, register
from tomkit.web.views import mining

app_name = "mining"

urlpatterns: list[URLPattern] = [
    path("mining/", mining.index, name="index"),
    path("mining/upload/", mining.upload, name="upload"),
    path("mining/import/", mining.confirm, name="confirm"),
    path("mining/<ref:name>/map.svg", mining.process_map, name="map"),
    path("mining/<ref:name>/apply/", mining.apply, name="apply"),
    path("mining/<ref:name>/delete/", mining.delete, name="delete"),
]

register(NavItem("mining", "Evidence", "mining:index", order=64))
