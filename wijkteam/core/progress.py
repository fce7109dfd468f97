"""A text progress bar for management commands (imports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def progress_bar(stdout: Any, width: int = 30) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback drawing `[#####.....] done/total` on one line of `stdout`."""

    def progress(done: int, total: int) -> None:
        filled = int(width * done / total) if total else width
        stdout.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if done >= total:
            stdout.write("")

    return progress
