"""The TOM's story, generated from the model: why change, what the to-be is, what changes, the journey, risks.

Every sentence carries references to the elements, gaps, KPIs and initiatives it speaks of, so a
reader (or the web app) can trace any claim back to the model.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from tomkit.analysis.gaps import ChangeType, GapReport, gaps
from tomkit.analysis.progress import Progress, progress
from tomkit.analysis.roadmap import Roadmap, plan
from tomkit.model import Channel, Dimension, Kpi, Lens, Practice, Risk, Team, Tom, Tool
from tomkit.render.narrative.pins import apply_pins
from tomkit.render.narrative.types import Narrative, Ref, Section, Sentence
from tomkit.render.narrative.wording import attribute, date, listing, month, num, plural, value


@dataclass(frozen=True)
class StoryInputs:
    """What the story is told from; computed once and shared by the full story and the audience views."""

    tom: Tom
    today: dt.date
    report: GapReport | None
    roadmap: Roadmap | None
    progress: Progress | None

    @property
    def before(self) -> str | None:
        return self.tom.baseline_name

    @property
    def after(self) -> str | None:
        return self.tom.target_name

    def label(self, state: str | None) -> str:
        if state is None:
            return "the model"
        return self.tom.states[state].label or state

    def person(self, person_id: str | None) -> str:
        person = self.tom.person(person_id) if person_id else None
        if person is None:
            return person_id or "no one yet"
        return f"{person.name} ({person.title})" if person.title else person.name


def inputs(tom: Tom, today: dt.date) -> StoryInputs:
    report = gaps(tom) if len(tom.states) >= 2 else None
    roadmap = plan(tom, today=today) if tom.initiatives else None
    state = progress(tom, roadmap, today=today) if roadmap is not None else None
    return StoryInputs(tom, today, report, roadmap, state)


def story(tom: Tom, *, today: dt.date, given: StoryInputs | None = None) -> Narrative:
    """The full narrative for a report or a wiki page."""
    data = given or inputs(tom, today)
    sections = (
        why(data),
        destination(data),
        changes(data),
        journey(data),
        risks(data),
        next_steps(data),
    )
    subtitle = f"{tom.organisation} · as of {date(today)}" if tom.organisation else f"As of {date(today)}"
    return apply_pins(Narrative(tom.name, "everyone", subtitle, sections), tom.narrative)


# --- why ---------------------------------------------------------------------------------------


def kpi_sentence(kpi: Kpi, data: StoryInputs) -> Sentence:
    verb = "fall" if kpi.direction == "lower" else "rise"
    text = f"{kpi.name} is {num(kpi.baseline, kpi.unit)} today"
    if kpi.baseline is None:
        text = f"{kpi.name} has no baseline yet"
    if kpi.target is not None:
        text += f" and should {verb} to {num(kpi.target, kpi.unit)}"
        if kpi.due:
            text += f" by {month(kpi.due)}"
    latest = kpi.latest()
    if latest is not None and latest.date >= (kpi.baseline_date or dt.date.min):
        text += f"; the latest figure is {num(latest.value, kpi.unit)} ({date(latest.date)})"
    if kpi.source.kind == "mining":
        evidence = kpi.source.provenance or kpi.source.dataset or "ticket data"
        text += f", measured from {evidence}"
    return Sentence(text + ".", (Ref("kpi", kpi.id),))


def why(data: StoryInputs) -> Section:
    tom = data.tom
    sentences: list[Sentence] = []
    if tom.description:
        sentences.append(Sentence(tom.description.rstrip(".") + "."))
    sponsor = tom.person(tom.sponsor) if tom.sponsor else None
    if sponsor is not None:
        sentences.append(
            Sentence(f"The change is sponsored by {data.person(tom.sponsor)}.", (Ref("person", sponsor.id),))
        )
    if tom.outcomes:
        names = [o.statement.rstrip(".") for o in tom.outcomes]
        sentences.append(
            Sentence(
                f"It aims at {plural(len(tom.outcomes), 'outcome')}: {'; '.join(names)}.",
                tuple(Ref("outcome", o.id) for o in tom.outcomes),
            )
        )
    bullets: list[Sentence] = []
    for outcome in tom.outcomes:
        for kpi_id in outcome.kpis:
            kpi = tom.kpi(kpi_id)
            if kpi is not None:
                s = kpi_sentence(kpi, data)
                bullets.append(Sentence(s.text, (Ref("outcome", outcome.id), *s.refs)))
    return Section("why", "Why we are changing", tuple(sentences), tuple(bullets))


# --- where we are going ------------------------------------------------------------------------


def _dimension_sentence(data: StoryInputs, dimension: Dimension) -> Sentence | None:
    state_name = data.after
    if state_name is None:
        return None
    state = data.tom.states[state_name]
    members = list(state.in_dimension(dimension))
    if not members:
        return None
    kinds = Counter(e.get_label().lower() for e in members)
    counted = listing([plural(n, k) for k, n in kinds.most_common()])
    named = listing([e.name for e in members[:5]], limit=5)
    text = f"{dimension.label}: {counted}" + (f", among them {named}." if len(members) > 5 else f": {named}.")
    extra = _dimension_detail(data, dimension)
    refs = tuple(Ref("element", e.id, state_name) for e in members[:5])
    return Sentence(f"{text} {extra}".strip(), refs)


def _dimension_detail(data: StoryInputs, dimension: Dimension) -> str:
    state = data.tom.states[data.after or ""]
    if dimension is Dimension.DELIVERY:
        channels = [e for e in state.elements if isinstance(e, Channel) and e.volume_per_month]
        total = sum(c.volume_per_month or 0 for c in channels)
        if total:
            top = sorted(channels, key=lambda c: -(c.volume_per_month or 0))[:3]
            shares = listing([f"{c.name} {100 * (c.volume_per_month or 0) / total:.0f}%" for c in top])
            return f"Demand of {num(total)} contacts a month arrives mostly through {shares}."
    if dimension is Dimension.PEOPLE:
        teams = [e for e in state.elements if isinstance(e, Team)]
        fte = sum(t.fte or 0 for t in teams)
        if fte:
            return f"{plural(len(teams), 'team')} {'carries' if len(teams) == 1 else 'carry'} {num(fte)} FTE in all."
    if dimension is Dimension.PROCESSES:
        rated = [e.maturity for e in state.elements if isinstance(e, Practice) and e.maturity is not None]
        if rated:
            return f"Practices are expected to reach an average capability level of {sum(rated) / len(rated):.1f} of 5."
    if dimension is Dimension.TECHNOLOGY:
        tools = [e for e in state.elements if isinstance(e, Tool)]
        cost = sum(t.annual_cost or 0 for t in tools)
        if cost:
            return f"The tools cost {num(cost)} a year."
    return ""


def destination(data: StoryInputs) -> Section:
    after = data.after
    if after is None:
        return Section("to-be", "Where we are going", (Sentence("No states are described yet."),))
    state = data.tom.states[after]
    opening = f"The target, {data.label(after)}"
    opening += f" ({month(state.date)})" if state.date else ""
    opening += f", has {plural(len(state.elements), 'element')} across the eight dimensions."
    if state.description:
        opening += f" {state.description.rstrip('.')}."
    bullets = [s for d in Dimension if (s := _dimension_sentence(data, d)) is not None]
    return Section(
        "to-be", "Where we are going", (Sentence(opening, (Ref("state", after),)),), tuple(bullets)
    )


# --- what changes ------------------------------------------------------------------------------

_LENS_WORDS = {
    Lens.PEOPLE: "people and organisation",
    Lens.PROCESS: "process and service delivery",
    Lens.TECHNOLOGY: "technology and data",
    Lens.GOVERNANCE: "governance, suppliers and controls",
}


def changes(data: StoryInputs) -> Section:
    report = data.report
    if report is None:
        return Section(
            "changes", "What changes", (Sentence("There is only one state, so nothing changes yet."),)
        )
    counts = Counter(g.change for g in report.elements)
    total = len(report.elements)
    opening = Sentence(
        f"Between {data.label(report.from_state)} and {data.label(report.to_state)}, {plural(total, 'element')} change: "
        f"{counts[ChangeType.ADDED]} added, {counts[ChangeType.REMOVED]} removed and {counts[ChangeType.CHANGED]} changed.",
        (Ref("state", report.from_state), Ref("state", report.to_state)),
    )
    sentences = [opening]
    bullets: list[Sentence] = []
    for lens, by_change in report.by_lens().items():
        n = sum(by_change.values())
        if not n:
            continue
        lens_gaps = [g for g in report.elements if g.lens is lens]
        examples = [f"{g.name} ({g.change.value})" for g in lens_gaps[:4]]
        bullets.append(
            Sentence(
                f"{_LENS_WORDS[lens].capitalize()}: {plural(n, 'change')}, such as {listing(examples, limit=4)}.",
                tuple(Ref("gap", g.element_id, report.to_state) for g in lens_gaps[:4]),
            )
        )
    people = report.people
    if people.fte_before or people.fte_after:
        delta = people.fte_after - people.fte_before
        direction = "grows" if delta > 0 else "shrinks" if delta < 0 else "stays"
        text = (
            f"The workforce in scope {direction} from {num(people.fte_before)} to {num(people.fte_after)} FTE"
        )
        sentences.append(Sentence(text + (f" ({delta:+.0f})." if delta else ".")))

    def names(ids: tuple[str, ...]) -> str:
        return listing([e.name if (e := data.tom.element_anywhere(i)) else i for i in ids])

    if people.roles_added:
        sentences.append(Sentence(f"New roles: {names(people.roles_added)}.",
                                  tuple(Ref("element", r, report.to_state) for r in people.roles_added)))  # fmt: skip
    if people.roles_removed:
        sentences.append(Sentence(f"Roles that end: {names(people.roles_removed)}.",
                                  tuple(Ref("element", r, report.from_state) for r in people.roles_removed)))  # fmt: skip
    if people.skills_needed:
        sentences.append(Sentence(f"Skills to build: {names(people.skills_needed)}.",
                                  tuple(Ref("element", s, report.to_state) for s in people.skills_needed)))  # fmt: skip
    unclosed = report.unclosed()
    if unclosed:
        sentences.append(
            Sentence(
                f"{plural(len(unclosed), 'change has', 'changes have')} no initiative yet: "
                f"{listing([g.name for g in unclosed], limit=5)}.",
                tuple(Ref("gap", g.element_id, report.to_state) for g in unclosed),
            )
        )
    return Section("changes", "What changes", tuple(sentences), tuple(bullets))


# --- the journey -------------------------------------------------------------------------------


def journey(data: StoryInputs) -> Section:
    roadmap, state = data.roadmap, data.progress
    if roadmap is None or not roadmap.items:
        return Section("journey", "The journey", (Sentence("No initiatives are planned yet."),))
    names = {i.id: i.name for i in data.tom.initiatives}
    sentences = [
        Sentence(
            f"The plan has {plural(len(roadmap.items), 'initiative')} in {plural(len(roadmap.waves), 'wave')}, "
            f"from {month(roadmap.start)} to {month(roadmap.end)}."
        )
    ]
    if state is not None:
        sentences.append(Sentence(f"Where we are: {state.summary}.", volatile=True))
    quick = [i for i in roadmap.items if i.quick_win]
    if quick:
        sentences.append(Sentence(f"Quick wins come first: {listing([i.name for i in quick], limit=5)}.",
                                  tuple(Ref("initiative", i.id) for i in quick)))  # fmt: skip
    if roadmap.critical_path:
        chain = " → ".join(names.get(i, i) for i in roadmap.critical_path)
        sentences.append(Sentence(f"The critical chain, which sets the end date, is {chain}.",
                                  tuple(Ref("initiative", i) for i in roadmap.critical_path)))  # fmt: skip
    bullets = []
    for wave in roadmap.waves:
        members = [names.get(i, i) for i in wave.initiatives]
        bullets.append(
            Sentence(
                f"{wave.label} ({month(wave.start)} – {month(wave.end - dt.timedelta(days=1))}): {listing(members, limit=5)}.",
                (Ref("wave", str(wave.number)), *(Ref("initiative", i) for i in wave.initiatives)),
            )
        )
    if state is not None and state.next_milestone is not None:
        m = state.next_milestone
        sentences.append(Sentence(f"The next milestone is “{m.name}” ({names.get(m.initiative, m.initiative)}), due {date(m.due)}.",
                                  (Ref("milestone", m.id), Ref("initiative", m.initiative)), volatile=True))  # fmt: skip
    return Section("journey", "The journey", tuple(sentences), tuple(bullets))


# --- risks -------------------------------------------------------------------------------------


def risks(data: StoryInputs) -> Section:
    tom = data.tom
    state_name = data.after
    found = [e for e in tom.states[state_name].elements if isinstance(e, Risk)] if state_name else []
    found.sort(key=lambda r: -((r.likelihood or 1) * (r.impact or 1)))
    sentences: list[Sentence] = []
    bullets: list[Sentence] = []
    if found:
        sentences.append(
            Sentence(
                f"{plural(len(found), 'risk')} {'is' if len(found) == 1 else 'are'} recorded for the target model; the largest are listed here."
            )
        )
    for risk in found[:6]:
        score = (risk.likelihood or 0) * (risk.impact or 0)
        text = f"{risk.name}"
        if score:
            text += f" (likelihood {risk.likelihood}, impact {risk.impact})"
        if risk.response:
            text += f": we {risk.response} it"
        if risk.mitigation:
            text += f" — {risk.mitigation.rstrip('.')}"
        bullets.append(Sentence(text + ".", (Ref("risk", risk.id, state_name),)))
    risky = [i for i in tom.initiatives if i.risk is not None and i.risk.value == "high"]
    if risky:
        sentences.append(Sentence(f"Initiatives rated high risk: {listing([i.name for i in risky])}.",
                                  tuple(Ref("initiative", i.id) for i in risky)))  # fmt: skip
    if data.roadmap is not None:
        problems = [i for i in data.roadmap.issues if i.severity == "error"]
        if problems:
            sentences.append(
                Sentence(f"The plan has {plural(len(problems), 'problem')} to resolve: {problems[0].message}")
            )
    if not sentences and not bullets:
        sentences.append(
            Sentence("No risks are recorded yet; add them to the governance dimension of the to-be.")
        )
    return Section("risks", "Risks and how we handle them", tuple(sentences), tuple(bullets))


# --- next steps ----------------------------------------------------------------------------------


def next_steps(data: StoryInputs) -> Section:
    tom = data.tom
    sentences: list[Sentence] = []
    if tom.review.next:
        overdue = tom.review.next < data.today
        text = f"The model is reviewed {tom.review.cadence}; the next review is {'overdue since' if overdue else 'on'} {date(tom.review.next)}."
        sentences.append(Sentence(text, volatile=True))
    if data.progress is not None:
        upcoming = sorted(
            (
                m
                for i in data.progress.initiatives
                for m in i.milestones
                if not m.done and m.due and m.due >= data.today
            ),
            key=lambda m: m.due or dt.date.max,
        )[:3]
        if upcoming:
            sentences.append(
                Sentence(
                    f"Coming up: {listing([f'{m.name} ({date(m.due)})' for m in upcoming])}.",
                    tuple(Ref("milestone", m.id) for m in upcoming),
                    volatile=True,
                )
            )
    if not sentences:
        sentences.append(Sentence("Set a review date and plan the first milestones to keep the model live."))
    return Section("next", "Next steps", tuple(sentences))


def describe_delta(name: str, before: object, after: object) -> str:
    return f"{attribute(name)} goes from {value(before)} to {value(after)}"
