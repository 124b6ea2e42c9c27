"""Progress reporting: engines call a plain callback; the CLI and web decide how to show it."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""Called as `progress(done, total)`; units are the engine's (bytes read for imports)."""


def no_progress(done: int, total: int) -> None:
    """The default: report nothing."""
