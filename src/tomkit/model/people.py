"""The directory of named people: owners, sponsors, champions, referenced by id everywhere else."""

from __future__ import annotations

from pydantic import Field

from tomkit.model.element import Strict
from tomkit.model.ids import Slug


class Person(Strict):
    id: Slug
    name: str = Field(min_length=1)
    title: str = ""
    email: str | None = None
    unit: str | None = Field(None, description="business unit or department")
    team: str | None = Field(None, description="id of the team element they belong to, if any")
