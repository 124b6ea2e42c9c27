"""The public questionnaire link: stakeholders answer without an account (included under /r/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tomkit.web.views import readiness

urlpatterns: list[URLPattern] = [
    path("<str:token>/", readiness.answer, name="readiness_answer"),
]
