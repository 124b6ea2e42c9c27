"""Reading TOM files: every problem at once (syntax, structure, meaning), each with line and column."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from tomkit.formats import json_io, yaml_io
from tomkit.formats.errors import KEY_CODES, structural_problems
from tomkit.formats.lenient import lenient_load, relocate
from tomkit.formats.locator import Locator
from tomkit.formats.result import LoadResult, TomFileError
from tomkit.model import Problem, Tom, check

Format = Literal["yaml", "json"]
MAX_BYTES = 64 * 2**20
"""Larger files are refused: a TOM of thousands of elements is a few megabytes."""


def format_of(path: str | Path) -> Format:
    """JSON for a .json file, YAML for anything else."""
    return "json" if Path(path).suffix.lower() == ".json" else "yaml"


def read(path: str | Path) -> LoadResult:
    """Read and validate a TOM file; never raises for bad content or a missing or unreadable file."""
    source = str(path)
    text, problem = _read_text(Path(path))
    if text is None:
        return LoadResult(
            None, [problem.located(source, problem.line, problem.column)] if problem else [], source
        )
    return reads(text, format_of(path), source)


def load(path: str | Path) -> Tom:
    """The TOM in a file; raises TomFileError (holding every problem) when it has any error."""
    return _unwrap(read(path))


def reads(text: str, fmt: Format = "yaml", source: str = "<string>") -> LoadResult:
    """Validate TOM text: syntax, structure and the semantic checks, all problems ordered by position."""
    try:
        return _reads(text, fmt, source)
    except RecursionError:
        problem = Problem(
            (),
            "the document is nested too deeply to read",
            code="too-deep",
            hint="a TOM file is a few levels deep",
        )
        return LoadResult(None, [problem.located(source, 1, 1)], source)


def _reads(text: str, fmt: Format, source: str) -> LoadResult:
    tree, problems = json_io.parse(text) if fmt == "json" else yaml_io.parse(text)
    if tree is None and not problems:
        problems = [
            Problem(
                (),
                "empty file",
                code="empty",
                hint="a TOM file starts with `tomkit: 1` and `name: ...`",
                line=1,
                column=1,
            )
        ]
    if tree is not None and not isinstance(tree, dict):
        problems.append(
            Problem(
                (),
                f"the top level must be a mapping of keys (tomkit: 1, name: ...), not {_kind_of(tree)}",
                code="not-a-mapping",
                line=1,
                column=1,
            )
        )
    if tree is None or not isinstance(tree, dict):
        return LoadResult(None, _place(problems, tree, source), source)
    data = yaml_io.to_plain(tree)
    tom: Tom | None
    try:
        tom = Tom.model_validate(data)
    except ValidationError as exc:
        problems += structural_problems(exc, data)
        tom, pruned = lenient_load(data, exc)
        if tom is not None:
            problems += relocate(check(tom), pruned)
        if pruned.patched:
            tom = None  # checked with a stand-in value: not a document to hand out
    else:
        problems += check(tom)
    return LoadResult(tom, _place(problems, tree, source), source)


def loads(text: str, fmt: Format = "yaml", source: str = "<string>") -> Tom:
    """The TOM in `text`; raises TomFileError (holding every problem) when it has any error."""
    return _unwrap(reads(text, fmt, source))


def _unwrap(result: LoadResult) -> Tom:
    if not result.ok or result.tom is None:
        raise TomFileError(result.problems, result.source)
    return result.tom


def _place(problems: list[Problem], tree: Any, source: str) -> list[Problem]:
    locator = Locator(tree if isinstance(tree, CommentedMap) else None)
    placed = [locator.place(p, source, "key" if p.code in KEY_CODES else "value") for p in problems]
    return sorted(placed, key=lambda p: (p.line or 0, p.column or 0))


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "plain text"
    return f"a single value ({value!r})"


def _read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text, or the reason it cannot be read as a TOM file."""

    def fail(
        message: str, hint: str = "", line: int | None = None, column: int | None = None
    ) -> tuple[None, Problem]:
        return None, Problem((), message, code="file", hint=hint, line=line, column=column)

    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            return fail("not a regular file", "give the path of a .yaml or .json file")
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            return fail(f"the file is larger than {MAX_BYTES // 2**20} MiB; a TOM file is far smaller")
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail("no such file")
    except IsADirectoryError:
        return fail("is a directory, not a TOM file", "give the path of a .yaml or .json file")
    except PermissionError:
        return fail("permission denied")
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return fail("the file is UTF-16 or UTF-32 encoded", "save it as UTF-8")
    if b"\x00" in raw:
        return fail("binary file, not a TOM file", "a TOM file is UTF-8 text in YAML or JSON")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return fail(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded",
            "save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
            line,
            column,
        )
