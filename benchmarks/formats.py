"""How fast TOM files are read and written, against a plain load of the same file.

The peer is ruamel.yaml's safe loader (pure Python) plus pydantic validation: what reading costs
without positions, the lenient pass and the semantic checks. `tomkit.read` does more (a round-trip
tree with every line and column, `check`), so the ratio says what located problems cost. Writing
compares updating the existing file in place (comments and layout kept) with writing fresh text.

    .venv/bin/python benchmarks/formats.py [REPEATS]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from tomkit.demo import DEMO_PATH
from tomkit.formats import dumps, load, read, save
from tomkit.model import Tom


def best(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(repeats: int = 3) -> None:
    text = DEMO_PATH.read_text()
    lines = text.count("\n")
    tom = load(DEMO_PATH)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "northwind.yaml"
        shutil.copy(DEMO_PATH, copy)
        fresh = Path(folder) / "fresh.yaml"

        peer = best(lambda: Tom.model_validate(YAML(typ="safe", pure=True).load(text)), repeats)
        located = best(lambda: read(copy), repeats)
        update = best(lambda: save(tom, copy), repeats)
        write = best(lambda: fresh.write_text(dumps(tom)), repeats)
        unchanged = copy.read_text() == text

    print(f"demo file: {lines} lines, {sum(len(s.elements) for s in tom.states.values())} elements")
    print(f"peer  safe load + validate : {peer * 1000:8.0f} ms")
    print(f"tomkit.read (located, checked): {located * 1000:8.0f} ms  ({located / peer:.1f}x the peer)")
    print(f"tomkit.dumps to a new file  : {write * 1000:8.0f} ms")
    print(f"tomkit.save onto the file   : {update * 1000:8.0f} ms  ({update / write:.1f}x a fresh write)")
    print(f"file unchanged byte for byte after save: {unchanged}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
