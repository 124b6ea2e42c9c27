"""Change management as data: readiness scores per stakeholder group, and the gaps in the people plan.

Two questions a change manager asks every week: are the groups we affect ready (questionnaire
scores), and have we forgotten anyone (a role that changes with no training, a group affected
with no communication)?
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tomkit.model import Initiative, Tom
from tomkit.model.readiness import Area, Questionnaire, ReadinessResponse

WarningCode = Literal[
    "role-without-training",
    "group-without-communication",
    "group-not-assessed",
    "group-not-ready",
    "no-champion",
    "bad-answer",
    "unknown-questionnaire",
]


@dataclass(frozen=True)
class ChangeWarning:
    code: WarningCode
    severity: Literal["error", "warning", "info"]
    initiative: str | None
    subject: str
    """The role, group or questionnaire concerned."""
    message: str
    fix: str


@dataclass(frozen=True)
class GroupReadiness:
    group: str
    initiative: str | None
    questionnaire: str
    responses: int
    score: float
    """0 (not ready at all) to 100 (fully ready)."""
    by_area: dict[str, float]
    ready: bool

    @property
    def weakest(self) -> str | None:
        """The area to work on first."""
        return min(self.by_area, key=lambda a: (self.by_area[a], a)) if self.by_area else None


def _answer_score(answer: int, scale: int) -> float:
    return (answer - 1) / (scale - 1) * 100


def readiness(tom: Tom) -> tuple[list[GroupReadiness], list[ChangeWarning]]:
    """Score every (group, initiative, questionnaire) that has answers; report answers that cannot count."""
    warnings: list[ChangeWarning] = []
    buckets: dict[tuple[str, str | None, str], list[ReadinessResponse]] = defaultdict(list)
    for response in tom.readiness.responses:
        if tom.readiness.questionnaire(response.questionnaire) is None:
            warnings.append(
                ChangeWarning(
                    "unknown-questionnaire",
                    "error",
                    response.initiative,
                    response.questionnaire,
                    f"answers for {response.group} use an unknown questionnaire {response.questionnaire!r}",
                    "define the questionnaire under readiness.questionnaires, or use 'adkar'",
                )
            )
            continue
        buckets[(response.group, response.initiative, response.questionnaire)].append(response)
    results = []
    for (group, initiative, qid), responses in sorted(
        buckets.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])
    ):
        questionnaire = tom.readiness.questionnaire(qid)
        assert questionnaire is not None
        result = _score_group(
            group, initiative, questionnaire, responses, ready_at=tom.readiness.ready_at, warnings=warnings
        )
        if result is not None:
            results.append(result)
    return results, warnings


def _score_group(
    group: str,
    initiative: str | None,
    questionnaire: Questionnaire,
    responses: list[ReadinessResponse],
    *,
    ready_at: int,
    warnings: list[ChangeWarning],
) -> GroupReadiness | None:
    total = weight = 0.0
    areas: dict[str, list[float]] = defaultdict(list)
    for response in responses:
        for question_id, answer in sorted(response.answers.items()):
            question = questionnaire.question(question_id)
            if question is None or not 1 <= answer <= questionnaire.scale:
                problem = (
                    "is not a question of"
                    if question is None
                    else f"has answer {answer}, outside 1-{questionnaire.scale} in"
                )
                warnings.append(
                    ChangeWarning(
                        "bad-answer",
                        "warning",
                        initiative,
                        group,
                        f"a response for {group}: {question_id!r} {problem} {questionnaire.id!r}; not counted",
                        f"answer the questions of {questionnaire.id!r} on its scale of 1-{questionnaire.scale}",
                    )
                )
                continue
            value = _answer_score(answer, questionnaire.scale)
            total += value * question.weight
            weight += question.weight
            areas[question.area or question.id].append(value)
    if weight == 0:
        return None
    score = round(total / weight, 1)
    by_area: dict[str, float] = {a: round(sum(v) / len(v), 1) for a, v in areas.items()}
    return GroupReadiness(
        group, initiative, questionnaire.id, len(responses), score, by_area, score >= ready_at
    )


def change_warnings(tom: Tom, roles_changing: Iterable[str] = ()) -> list[ChangeWarning]:
    """What the people side of the plan has forgotten, per initiative.

    `roles_changing` (e.g. the roles added or changed in a gap report) are checked against the
    training of every initiative; roles an initiative closes are checked against its own training.
    """
    warnings: list[ChangeWarning] = []
    scored, answer_warnings = readiness(tom)
    warnings.extend(answer_warnings)
    assessed = {(r.group, r.initiative) for r in scored}
    trained_anywhere = {t.role for i in tom.initiatives for t in i.change.train}
    for initiative in tom.initiatives:
        if initiative.status in ("cancelled", "done"):
            continue  # the change is over (or off): nothing left to prepare people for
        warnings.extend(_initiative_warnings(tom, initiative, assessed, scored))
    for role in sorted(set(roles_changing) - trained_anywhere):
        warnings.append(
            ChangeWarning(
                "role-without-training",
                "warning",
                None,
                role,
                f"role {role} changes in the target operating model, and no initiative trains it",
                f"add training for {role} to the initiative that introduces the change",
            )
        )
    return warnings


def _initiative_warnings(
    tom: Tom, initiative: Initiative, assessed: set[tuple[str, str | None]], scored: list[GroupReadiness]
) -> Iterable[ChangeWarning]:
    plan = initiative.change
    trained = {t.role for t in plan.train}
    told = {c.audience for c in plan.communicate}
    roles = [
        e for e in initiative.closes if (el := tom.element_anywhere(e)) is not None and el.kind == "role"
    ]
    for role in roles:
        if role not in trained:
            yield ChangeWarning(
                "role-without-training",
                "warning",
                initiative.id,
                role,
                f"{initiative.id} changes role {role} but plans no training for it",
                f"add a training entry for {role} under change.train",
            )
    for group in plan.affects:
        if group not in told:
            yield ChangeWarning(
                "group-without-communication",
                "warning",
                initiative.id,
                group,
                f"{initiative.id} affects {group} but plans no communication to it",
                f"add a change.communicate entry with audience {group}",
            )
        if (group, initiative.id) not in assessed and (group, None) not in assessed:
            yield ChangeWarning(
                "group-not-assessed",
                "info",
                initiative.id,
                group,
                f"no readiness answers yet from {group} for {initiative.id}",
                "send the readiness questionnaire to the group",
            )
    for result in scored:
        if result.group in plan.affects and result.initiative in (initiative.id, None) and not result.ready:
            area: Area | str | None = result.weakest
            yield ChangeWarning(
                "group-not-ready",
                "warning",
                initiative.id,
                result.group,
                f"{result.group} scores {result.score:.0f}/100 on readiness for {initiative.id} "
                f"(ready from {tom.readiness.ready_at}); weakest: {area}",
                f"plan engagement on {area} before go-live",
            )
    if (roles or plan.affects) and not plan.champions:
        yield ChangeWarning(
            "no-champion",
            "info",
            initiative.id,
            initiative.id,
            f"{initiative.id} changes how people work but names no change champion",
            "name one or more champions under change.champions",
        )
