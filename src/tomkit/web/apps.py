"""The tomkit web app: workspaces holding one TOM each, edited together."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tomkit.web"
    label = "tomkit_web"
    verbose_name = "tomkit"
    default_auto_field = "django.db.models.BigAutoField"
