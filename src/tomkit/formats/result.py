"""What reading a TOM file gives back: the document, every problem found, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from tomkit.model import Problem, Severity, Tom


def describe_problem(problem: Problem, *, hint: bool = True) -> str:
    """`tom.yaml:41:16: states.to-be.elements[12].owner: unknown person 'j.doe' (did you mean 'jdoe'?)`.

    Like `str(problem)`, but a problem about the whole file has no `?:?` position.
    """
    where = problem.source or "<input>"
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    text = f"{where}: {problem.where}: {problem.message}" if problem.path else f"{where}: {problem.message}"
    return f"{text} ({problem.hint})" if hint and problem.hint else text


@dataclass(frozen=True)
class LoadResult:
    """The outcome of reading a file: never raised, so a caller can show every problem at once.

    `tom` is the document when there are no errors. When there are errors it is what remained
    after dropping the invalid items and keys (so later checks can still run), or None when
    nothing usable was left; check `ok` before trusting it.
    """

    tom: Tom | None
    problems: list[Problem] = field(default_factory=list)
    source: str = "<string>"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is a document and no problem is an error (warnings are allowed)."""
        return self.tom is not None and not self.errors


class TomFileError(Exception):
    """A TOM file that cannot be used; `problems` holds every problem, each with its position."""

    def __init__(self, problems: list[Problem], source: str = "<string>") -> None:
        self.problems = problems
        self.source = source
        errors = [p for p in problems if p.severity is Severity.ERROR] or problems
        head = describe_problem(errors[0]) if errors else f"{source}: invalid TOM file"
        more = len(errors) - 1
        super().__init__(head if more <= 0 else f"{head} (and {more} more error{'s' if more > 1 else ''})")
