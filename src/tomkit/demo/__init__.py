"""Northwind Mutual, the demo organisation, and the starter templates `tomkit init` copies from."""

from tomkit.demo.packaged import (
    DEMO_PATH,
    TEMPLATE_PATH,
    UnknownTemplateError,
    load_demo,
    load_template,
    template_names,
)

__all__ = [
    "DEMO_PATH",
    "TEMPLATE_PATH",
    "UnknownTemplateError",
    "load_demo",
    "load_template",
    "template_names",
]
