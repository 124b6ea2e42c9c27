"""The Scenarios page of a workspace (included under /w/<ws>/ by tomkit.web.urls)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tomkit.web.nav import NavItem, register
from tomkit.web.views import scenario

app_name = "scenarios"

urlpatterns: list[URLPattern] = [
    path("scenarios/", scenario.index, name="index"),
    path("scenarios/save/", scenario.scenario_save, name="save"),
    path("scenarios/<ref:name>/delete/", scenario.scenario_delete, name="delete"),
    path("scenarios/<ref:name>/adopt/", scenario.scenario_adopt, name="adopt"),
]

register(NavItem("scenarios", "Scenarios", "scenarios:index", order=66))
