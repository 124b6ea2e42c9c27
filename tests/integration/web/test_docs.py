"""docs/web.md stays true to the code: every setting, picture and built-in page is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tomkit.web import settings
from tomkit.web.views.pictures import PICTURES

DOC = (Path(__file__).resolve().parents[3] / "docs" / "web.md").read_text()


@pytest.mark.parametrize(
    "variable", sorted(set(re.findall(r"\bTOMKIT_[A-Z_]+|DATABASE_URL", Path(settings.__file__).read_text())))
)
def test_every_setting_is_documented(variable: str) -> None:
    assert f"`{variable}`" in DOC


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_every_picture_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC


@pytest.mark.parametrize(
    "page",
    ["Compare", "Gaps", "Canvas", "Map", "Value streams", "Health", "Feedback", "Versions", "Audit trail"],
)
def test_every_built_in_page_is_documented(page: str) -> None:
    assert page in DOC
