"""Keep Python's full garbage collections out of the way of keys, scrolling and resizes.

A full (oldest-generation) collection walks every object the collector tracks: once a
long document is open, some 150,000 (Textual, Rich, Whoosh, the widgets, the document's
marks and rendered lines), which takes 50-200 ms. Left to itself, Python starts one
whenever enough objects have outlived the young collections; a resize or a few pages of
scrolling make that many, so every other resize stalled that long.

So, once the first screen is up:

- start-up's objects, which live as long as the app, are frozen (``gc.freeze``): no
  collection walks them again;
- full collections are not left to Python's counts (the young generations still are,
  which take a few ms) but run when the user has paused (no key, mouse or resize, and
  no document opening, for ``QUIET`` seconds) and something has piled up, or at the
  latest every ``LONGEST`` seconds of non-stop use.

When the app ends the collector is put back as it was, so a process that runs several
apps (the tests) still collects each one's garbage.
"""

from __future__ import annotations

import gc
from time import monotonic

from textual.app import App
from textual.timer import Timer

QUIET = 2.0  # seconds without input before a full collection may run
LONGEST = 30.0  # seconds of non-stop use after which one runs anyway
CHECK = 0.5  # seconds between checks
_NEVER = 2**31 - 1  # a full-collection threshold Python's counts never reach


class HeapKeeper:
    """Freezes start-up's objects and runs full collections in the user's pauses."""

    def __init__(self) -> None:
        self.started = False
        self.full_collections = 0  # run by this keeper (tests and the benchmark read it)
        self._thresholds: tuple[int, int, int] | None = None
        self._last_input = monotonic()
        self._last_full = monotonic()
        self._young_at_full = 0
        self._timer: Timer | None = None

    def start(self, app: App) -> None:
        """Once the first screen is painted."""
        if self.started:
            return
        self.started = True
        gc.collect(1)  # the young generations' garbage (a few ms), not carried into the freeze
        gc.freeze()
        self._thresholds = young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _NEVER)
        self._last_full = monotonic()
        self._young_at_full = _middle_collections()
        self._timer = app.set_interval(CHECK, self._check, name="heap keeper")

    def busy(self) -> None:
        """The user did something (a key, the mouse, a resize), or a document is opening."""
        self._last_input = monotonic()

    def _check(self) -> None:
        now = monotonic()
        # Python's own rule for a full collection: the middle generation collected
        # ``threshold[2]`` times since the last one; here only in a pause (or overdue).
        assert self._thresholds is not None
        piled_up = _middle_collections() - self._young_at_full >= self._thresholds[2]
        quiet = now - self._last_input >= QUIET
        if piled_up and (quiet or now - self._last_full >= LONGEST):
            gc.collect()
            self.full_collections += 1
            self._last_full = monotonic()
            self._young_at_full = _middle_collections()

    def stop(self) -> None:
        """When the app ends: the collector as it was, start-up's objects thawed."""
        if not self.started:
            return
        self.started = False
        if self._timer is not None:
            self._timer.stop()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
        gc.unfreeze()


def _middle_collections() -> int:
    return gc.get_stats()[1]["collections"]
