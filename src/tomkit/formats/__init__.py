"""Reading and writing TOM files (YAML and JSON), with every problem located by line and column."""

from tomkit.formats.reader import format_of, load, loads, read, reads
from tomkit.formats.result import LoadResult, TomFileError, describe_problem
from tomkit.formats.schema import json_schema
from tomkit.formats.writer import dumps, save

__all__ = [
    "LoadResult",
    "TomFileError",
    "describe_problem",
    "dumps",
    "format_of",
    "json_schema",
    "load",
    "loads",
    "read",
    "reads",
    "save",
]
