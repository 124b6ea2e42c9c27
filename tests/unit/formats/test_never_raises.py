"""Whatever the text, reading gives problems, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tomkit.formats import reads

TEN = (Path(__file__).resolve().parents[2] / "data" / "ten-mistakes.yaml").read_text()
LINES = TEN.splitlines(keepends=True)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_gives_a_result(text: str) -> None:
    result = reads(text)
    assert result.ok == (result.tom is not None and not result.errors)
    for problem in result.problems:
        assert problem.line is None or problem.line >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.lists(st.integers(0, len(LINES) - 1), max_size=6),
    noise=st.lists(
        st.tuples(st.integers(0, len(TEN)), st.sampled_from(list(":-{}[],#'\"\t &*!|>\n x1"))), max_size=6
    ),
)
def test_mangled_files_give_located_problems(cut: list[int], noise: list[tuple[int, str]]) -> None:
    lines = [line for n, line in enumerate(LINES) if n not in set(cut)]
    text = "".join(lines)
    for position, char in sorted(noise, reverse=True):
        at = min(position, len(text))
        text = text[:at] + char + text[at:]
    result = reads(text, source="m.yaml")
    assert result.problems, "the file has mistakes, so there are problems"
    lines_in_file = text.count("\n") + 1
    for problem in result.problems:
        assert problem.source == "m.yaml"
        assert problem.line is not None
        assert 1 <= problem.line <= lines_in_file + 1
        assert problem.column is not None
        assert problem.column >= 1
