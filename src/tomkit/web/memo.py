"""Results of library calls remembered per document: twenty people looking at the same draft cause one
gap analysis, not twenty. Parsed documents are shared per draft content (see models), and an entry keeps
its document alive, so a key made from the document's identity can never point at another document."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
_RESULTS: OrderedDict[Hashable, Any] = OrderedDict()
_LOCK = threading.Lock()
SIZE = 64


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per key (bounded, least recently used first out)."""
    with _LOCK:
        if key in _RESULTS:
            _RESULTS.move_to_end(key)
            return _RESULTS[key]  # type: ignore[no-any-return]
    value = compute()
    with _LOCK:
        _RESULTS[key] = value
        while len(_RESULTS) > SIZE:
            _RESULTS.popitem(last=False)
    return value


def about(tom: object, *key: Hashable) -> Callable[[Callable[[], T]], T]:
    """`about(tom, "gaps", a, b)(lambda: gaps(tom, a, b))`: remembered for this very document object."""

    def run(compute: Callable[[], T]) -> T:
        kept_tom, value = remember((id(tom), *key), lambda: (tom, compute()))
        if kept_tom is not tom:  # cannot happen while the entry holds the document; be safe anyway
            return compute()
        return value

    return run
