"""One ``add`` at a time per library, across processes.

Whoosh's own write lock is released at every intermediate commit, so a second ``add``
could slip in between two batches of the first. This lock is held for the whole
run; the kernel drops it when the process dies, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: Whoosh's lock still protects the index
    fcntl = None  # type: ignore[assignment]


class Busy(Exception):
    """The lock stayed taken for the whole wait."""


@contextlib.contextmanager
def exclusive(path: Path, wait: float = 5.0) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if needed), waiting up to ``wait`` s."""
    if fcntl is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(str(path)) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
