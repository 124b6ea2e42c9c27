"""load -> save -> load is the identity, for random valid documents, in YAML and in JSON."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import toms
from tomkit.formats import dumps, load, loads, reads, save
from tomkit.model import Tom


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tom=toms(), fmt=st.sampled_from(["yaml", "json"]))
def test_dumps_then_loads_is_identity(tom: Tom, fmt: str) -> None:
    text = dumps(tom, "json" if fmt == "json" else "yaml")
    again = loads(text, "json" if fmt == "json" else "yaml")
    assert again == tom
    assert again.to_data() == tom.to_data()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(first=toms(), second=toms())
def test_saving_one_document_over_another_file_gives_exactly_the_new_document(
    tmp_path: Path, first: Tom, second: Tom
) -> None:
    path = tmp_path / "tom.yaml"
    save(first, path)
    assert load(path) == first
    save(second, path)
    assert load(path) == second
    assert reads(path.read_text()).problems == reads(dumps(second)).problems
