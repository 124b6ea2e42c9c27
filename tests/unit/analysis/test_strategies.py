"""The shared strategies draw documents that the model itself accepts without errors."""

from hypothesis import given, settings

from tests.strategies import state_pairs, toms
from tomkit.model import Severity, State, Tom, check


@settings(max_examples=60, deadline=None)
@given(toms())
def test_drawn_documents_pass_semantic_validation(tom: Tom) -> None:
    errors = [str(p) for p in check(tom) if p.severity is Severity.ERROR]
    assert errors == []
    assert Tom.model_validate(tom.to_data()) == tom


@settings(max_examples=40, deadline=None)
@given(state_pairs())
def test_drawn_state_pairs_share_ids(pair: tuple[State, State]) -> None:
    first, second = pair
    for state in pair:
        tom = Tom(name="t", states={"s": state})
        assert [str(p) for p in check(tom) if p.severity is Severity.ERROR] == []
    assert len({e.id for e in first.elements}) == len(first.elements)
    assert len({e.id for e in second.elements}) == len(second.elements)
