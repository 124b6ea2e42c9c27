"""Starter templates: small, valid, complete across the eight dimensions."""

from __future__ import annotations

from collections import Counter

import pytest

from tomkit.analysis.gaps import gaps
from tomkit.demo import TEMPLATE_PATH, UnknownTemplateError, load_template, template_names
from tomkit.formats import read
from tomkit.model import Channel, Dimension, ServiceLevel, Severity, Team, check


def test_the_two_templates_are_listed() -> None:
    assert template_names() == ["esm", "itsm-service-desk"]


@pytest.mark.parametrize("name", ["esm", "itsm-service-desk"])
def test_template_files_read_without_problems(name: str) -> None:
    result = read(TEMPLATE_PATH / f"{name}.yaml")
    assert result.ok
    assert [str(p) for p in result.problems] == []
    assert result.tom == load_template(name)


@pytest.mark.parametrize(
    ("name", "counts"),
    [("esm", {"as-is": 62, "to-be": 74}), ("itsm-service-desk", {"as-is": 69, "to-be": 79})],
)
def test_templates_are_small_and_cover_every_dimension(name: str, counts: dict[str, int]) -> None:
    tom = load_template(name)
    assert [p for p in check(tom) if p.severity is Severity.ERROR] == []
    assert {state: len(s.elements) for state, s in tom.states.items()} == counts
    for state in tom.states.values():
        assert 30 <= len(state.elements) <= 80
        assert set(Counter(e.get_dimension() for e in state.elements)) == set(Dimension)


@pytest.mark.parametrize("name", ["esm", "itsm-service-desk"])
def test_every_gap_has_an_example_initiative(name: str) -> None:
    tom = load_template(name)
    report = gaps(tom)
    assert report.elements
    assert report.unclosed() == ()
    assert all(i.owner and i.closes and (i.change.communicate or i.change.train) for i in tom.initiatives)


def test_service_desk_template_has_tiers_channels_and_targets() -> None:
    tom = load_template("itsm-service-desk")
    to_be = tom.state("to-be")
    tiers = sorted({e.tier for e in to_be.elements if isinstance(e, Team) and e.tier is not None})
    assert tiers == [1, 2, 3]
    channels = {e.channel_type for e in to_be.elements if isinstance(e, Channel)}
    assert channels == {"phone", "email", "walk-in", "portal", "chat", "virtual-agent", "monitoring"}
    incident = to_be.element("sl-incident")
    assert isinstance(incident, ServiceLevel)
    assert [t.priority for t in incident.targets] == ["P1", "P2", "P3", "P4"]
    assert {r.type for r in to_be.relations} >= {
        "escalates-to",
        "accountable-for",
        "responsible-for",
        "covers",
    }
    assert [k.id for k in tom.kpis if k.baseline is None] == [k.id for k in tom.kpis]


def test_esm_template_spans_it_hr_and_facilities() -> None:
    tom = load_template("esm")
    assert tom.scope.units == ["it", "hr", "facilities"]
    streams = [e.id for e in tom.state("to-be").elements if e.kind == "value-stream"]
    assert streams == ["vs-onboarding", "vs-ask-hr", "vs-workplace-fault"]
    assert "tool-hr-case" in {e.id for e in tom.state("as-is").elements}
    assert "tool-hr-case" not in {e.id for e in tom.state("to-be").elements}


def test_an_unknown_template_names_the_ones_there_are() -> None:
    with pytest.raises(
        UnknownTemplateError, match=r"no template 'itil'; templates are: esm, itsm-service-desk"
    ):
        load_template("itil")


def test_each_load_is_a_fresh_copy() -> None:
    first = load_template("esm")
    first.states.pop("to-be")
    assert list(load_template("esm").states) == ["as-is", "to-be"]
