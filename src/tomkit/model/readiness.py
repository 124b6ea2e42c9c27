"""Change readiness: a short scored questionnaire per stakeholder group, and the answers given.

A questionnaire is a handful of statements rated on a scale (1 = strongly disagree); the
engine in `tomkit.analysis.readiness` turns the answers into a score per group and initiative.
The built-in questionnaire follows the ADKAR stages (awareness, desire, knowledge, ability,
reinforcement), the most common way change teams ask "are people ready?".
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from tomkit.model.element import Number, Strict
from tomkit.model.ids import Slug
from tomkit.model.refs import AudienceRef, InitiativeRef

Area = Literal["awareness", "desire", "knowledge", "ability", "reinforcement"]


class ReadinessQuestion(Strict):
    id: Slug
    text: str = Field(min_length=1, description="a statement people rate, e.g. 'I know why we are changing'")
    area: Area | None = None
    weight: Number = Field(1, gt=0)


class Questionnaire(Strict):
    id: Slug
    name: str = Field(min_length=1)
    scale: int = Field(5, ge=2, le=10, description="answers run from 1 to this")
    questions: list[ReadinessQuestion] = Field(min_length=1)

    def question(self, question_id: str) -> ReadinessQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class ReadinessResponse(Strict):
    """One person's (or one workshop's) answers for a stakeholder group."""

    questionnaire: Slug = "adkar"
    group: AudienceRef
    initiative: InitiativeRef | None = None
    respondent: str | None = Field(None, description="a name, or left out for anonymous answers")
    date: dt.date | None = None
    answers: dict[Slug, int] = Field(default_factory=dict, description="question id -> rating")


class Readiness(Strict):
    questionnaires: list[Questionnaire] = Field(
        default_factory=list, description="extra questionnaires; 'adkar' is built in"
    )
    responses: list[ReadinessResponse] = Field(default_factory=list)
    ready_at: int = Field(70, ge=0, le=100, description="score (0-100) from which a group counts as ready")

    def questionnaire(self, questionnaire_id: str) -> Questionnaire | None:
        """A questionnaire by id; the built-in ADKAR one unless the document redefines it."""
        found = next((q for q in self.questionnaires if q.id == questionnaire_id), None)
        if found is None and questionnaire_id == ADKAR.id:
            return ADKAR
        return found


ADKAR = Questionnaire(
    id="adkar",
    name="Change readiness (ADKAR)",
    questions=[
        ReadinessQuestion(id="aware", text="I understand why this change is happening", area="awareness"),
        ReadinessQuestion(id="desire", text="I want this change to succeed", area="desire"),
        ReadinessQuestion(id="know", text="I know what I will do differently", area="knowledge"),
        ReadinessQuestion(
            id="able", text="I have the skills, tools and time to work the new way", area="ability"
        ),
        ReadinessQuestion(
            id="sustain", text="I expect support and follow-up once the change is live", area="reinforcement"
        ),
    ],
)
