"""Audience views: a one-page executive summary, and "what changes for me" per team, role or group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tomkit.analysis.gaps import ChangeType
from tomkit.model import Element, Initiative, Role, StakeholderGroup, Team, Tom
from tomkit.render.narrative.pins import apply_pins
from tomkit.render.narrative.story import StoryInputs, describe_delta, inputs, kpi_sentence
from tomkit.render.narrative.types import Narrative, Ref, Section, Sentence
from tomkit.render.narrative.wording import date, listing, month, num, plural

AUDIENCE_KINDS = ("team", "role", "stakeholder-group")


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    kind: str


def audiences(tom: Tom) -> list[Audience]:
    """Everyone a "what changes for me" page can be written for: teams, roles and stakeholder groups."""
    seen: dict[str, Audience] = {}
    for state in tom.states.values():
        for element in state.of_kind(*AUDIENCE_KINDS):
            seen.setdefault(element.id, Audience(element.id, element.name, element.kind))
    order = {k: n for n, k in enumerate(AUDIENCE_KINDS)}
    return sorted(seen.values(), key=lambda a: (order[a.kind], a.name))


def executive_summary(tom: Tom, *, today: dt.date, given: StoryInputs | None = None) -> Narrative:
    """One page: why, the size of the change, the journey and where we are, the risks, the ask."""
    data = given or inputs(tom, today)
    kpis = [
        k for o in tom.outcomes for kid in o.kpis if (k := tom.kpi(kid)) is not None and k.target is not None
    ]
    why = [Sentence(tom.description.rstrip(".") + ".")] if tom.description else []
    if tom.outcomes:
        why.append(
            Sentence(
                f"We measure success by {plural(len(kpis), 'KPI')} tied to {plural(len(tom.outcomes), 'outcome')}; the headline moves:"
            )
        )
    sections = [Section("why", "Why", tuple(why), tuple(kpi_sentence(k, data) for k in kpis[:4]))]
    scale: list[Sentence] = []
    if data.report is not None:
        r = data.report
        changed = len(r.elements)
        by_lens = {lens.value: sum(c.values()) for lens, c in r.by_lens().items() if sum(c.values())}
        scale.append(Sentence(
            f"Moving from {data.label(r.from_state)} to {data.label(r.to_state)} changes {plural(changed, 'element')} "
            f"({listing([f'{n} {lens}' for lens, n in by_lens.items()])}).",
            (Ref("state", r.from_state), Ref("state", r.to_state)),
        ))  # fmt: skip
        if r.people.fte_before != r.people.fte_after:
            scale.append(Sentence(f"Staffing moves from {num(r.people.fte_before)} to {num(r.people.fte_after)} FTE, "
                                  f"with {plural(len(r.people.roles_added), 'new role')} and {plural(len(r.people.skills_needed), 'skill')} to build."))  # fmt: skip
    sections.append(Section("scale", "What changes", tuple(scale)))
    plan: list[Sentence] = []
    if data.roadmap is not None and data.roadmap.items:
        plan.append(Sentence(f"{plural(len(data.roadmap.items), 'initiative')} in {plural(len(data.roadmap.waves), 'wave')}, "
                             f"{month(data.roadmap.start)} to {month(data.roadmap.end)}."))  # fmt: skip
        if data.progress is not None:
            plan.append(Sentence(f"Status: {data.progress.summary}.", volatile=True))
    sections.append(Section("journey", "The journey", tuple(plan)))
    asks: list[Sentence] = []
    unclosed = data.report.unclosed() if data.report else ()
    if unclosed:
        asks.append(Sentence(f"Decide who closes {plural(len(unclosed), 'open gap')} with no initiative yet.",
                             tuple(Ref("gap", g.element_id) for g in unclosed)))  # fmt: skip
    if tom.review.next:
        asks.append(
            Sentence(
                f"Next review: {date(tom.review.next)}{' (overdue)' if tom.review.next < today else ''}.",
                volatile=True,
            )
        )
    sections.append(Section("asks", "What we need from you", tuple(asks)))
    return apply_pins(Narrative(tom.name, "executive", "Executive summary", tuple(sections)), tom.narrative)


def _members(tom: Tom, audience: Element) -> set[str]:
    """The audience and what belongs to it: a team's roles, a role's team."""
    ids = {audience.id}
    for state in tom.states.values():
        for element in state.elements:
            if isinstance(element, Role) and element.team == audience.id:
                ids.add(element.id)
        for relation in state.relations:
            if relation.type == "member-of" and relation.target == audience.id:
                ids.add(relation.source)
    return ids


def _touches(initiative: Initiative, ids: set[str]) -> bool:
    change = initiative.change
    return bool(
        (initiative.team in ids)
        or ids & set(initiative.closes)
        or ids & set(change.affects)
        or any(c.audience in ids for c in change.communicate)
        or any(t.role in ids for t in change.train)
        or any(e.audience in ids for e in change.engage)
    )


def what_changes_for(
    tom: Tom, audience_id: str, *, today: dt.date, given: StoryInputs | None = None
) -> Narrative:
    """The page for one team, role or stakeholder group: their new ways of working, training, dates, who to ask."""
    data = given or inputs(tom, today)
    audience = next(
        (
            e
            for state in reversed(tom.states.values())
            if (e := state.element(audience_id)) and e.kind in AUDIENCE_KINDS
        ),
        None,
    )
    if audience is None:
        names = ", ".join(a.id for a in audiences(tom))
        raise KeyError(f"no team, role or stakeholder group {audience_id!r}; choose one of: {names}")
    ids = _members(tom, audience)
    sections = [_your_changes(data, audience, ids), _your_plan(data, ids), _your_support(data, audience, ids)]
    return apply_pins(
        Narrative(f"What changes for {audience.name}", f"for:{audience.id}", tom.name, tuple(sections)),
        tom.narrative,
    )


def _your_changes(data: StoryInputs, audience: Element, ids: set[str]) -> Section:
    report = data.report
    sentences: list[Sentence] = []
    bullets: list[Sentence] = []
    if report is None:
        return Section("changes", "What changes for you", (Sentence("There is no target state yet."),))
    by_id = {g.element_id: g for g in report.elements}
    own = by_id.get(audience.id)
    if own is not None and own.change is ChangeType.ADDED:
        sentences.append(
            Sentence(
                f"{audience.name} is new in {data.label(report.to_state)}.", (Ref("gap", own.element_id),)
            )
        )
    elif own is not None and own.change is ChangeType.REMOVED:
        sentences.append(
            Sentence(
                f"{audience.name} does not continue in {data.label(report.to_state)}.",
                (Ref("gap", own.element_id),),
            )
        )
    elif own is not None:
        deltas = [describe_delta(d.name, d.before, d.after) for d in own.deltas]
        sentences.append(Sentence(f"For {audience.name}: {listing(deltas)}.", (Ref("gap", own.element_id),)))
    else:
        sentences.append(Sentence(f"{audience.name} itself stays as it is; what changes around it follows."))
    for member in sorted(ids - {audience.id}):
        gap = by_id.get(member)
        if gap is not None:
            bullets.append(Sentence(f"Role {gap.name}: {gap.change.value}.", (Ref("gap", member),)))
    before = data.tom.states[report.from_state]
    after = data.tom.states[report.to_state]
    for verb, label in (("uses", "tools"), ("operates", "practices and services")):
        old = {r.target for r in before.relations if r.source in ids and r.type == verb}
        new = {r.target for r in after.relations if r.source in ids and r.type == verb}
        name = {**{e.id: e.name for e in before.elements}, **{e.id: e.name for e in after.elements}}
        if new - old:
            bullets.append(Sentence(f"New {label}: {listing(sorted(name[i] for i in new - old))}.",
                                    tuple(Ref("element", i, report.to_state) for i in sorted(new - old))))  # fmt: skip
        if old - new:
            bullets.append(Sentence(f"No longer: {listing(sorted(name[i] for i in old - new))}.",
                                    tuple(Ref("element", i, report.from_state) for i in sorted(old - new))))  # fmt: skip
    return Section("changes", "What changes for you", tuple(sentences), tuple(bullets))


def _your_plan(data: StoryInputs, ids: set[str]) -> Section:
    tom = data.tom
    touching = [i for i in tom.initiatives if _touches(i, ids)]
    if not touching:
        return Section("plan", "When", (Sentence("No initiative touches you directly yet."),))
    sentences = [Sentence(f"{plural(len(touching), 'initiative')} {'touches' if len(touching) == 1 else 'touch'} you.",
                          tuple(Ref("initiative", i.id) for i in touching))]  # fmt: skip
    bullets = []
    for initiative in touching:
        text = initiative.name
        if data.roadmap is not None and any(p.id == initiative.id for p in data.roadmap.items):
            item = data.roadmap.item(initiative.id)
            text += f": {month(item.start)} to {month(item.last_day)} (wave {item.wave})"
        bullets.append(Sentence(text + ".", (Ref("initiative", initiative.id),)))
    for initiative in touching:
        for training in initiative.change.train:
            if training.role in ids:
                bullets.append(
                    Sentence(
                        f"Training: {training.course}, {date(training.when)}.",
                        (Ref("initiative", initiative.id),),
                    )
                )
        for message in initiative.change.communicate:
            if message.audience in ids:
                via = f" via {message.channel}" if message.channel else ""
                bullets.append(
                    Sentence(
                        f"You will hear “{message.message}”{via}, {date(message.when)}.",
                        (Ref("initiative", initiative.id),),
                    )
                )
        for engagement in initiative.change.engage:
            if engagement.audience in ids:
                bullets.append(
                    Sentence(
                        f"You are invited to {engagement.activity}, {date(engagement.when)}.",
                        (Ref("initiative", initiative.id),),
                    )
                )
    return Section("plan", "When, and how you will be prepared", tuple(sentences), tuple(bullets))


def _your_support(data: StoryInputs, audience: Element, ids: set[str]) -> Section:
    tom = data.tom
    touching = [i for i in tom.initiatives if _touches(i, ids)]
    people = []
    if audience.owner:
        people.append((audience.owner, "owner"))
    people += [(i.owner, f"owner of {i.name}") for i in touching if i.owner]
    people += [(c, "change champion") for i in touching for c in i.change.champions]
    seen: dict[str, str] = {}
    for person_id, why in people:
        seen.setdefault(person_id, why)
    sentences = [
        Sentence(f"Ask {data.person(p)} — {why}.", (Ref("person", p),)) for p, why in list(seen.items())[:5]
    ]
    if isinstance(audience, StakeholderGroup) and audience.stance in ("sceptic", "resistant"):
        sentences.append(Sentence(f"This group is currently {audience.stance}: involve it early."))
    if isinstance(audience, Team) and audience.change_capacity is not None:
        sentences.append(
            Sentence(
                f"The team can absorb {plural(audience.change_capacity, 'change')} at once; the plan respects that."
            )
        )
    if not sentences:
        sentences.append(Sentence("No owner or champion is named yet."))
    return Section("support", "Who to ask", tuple(sentences))
