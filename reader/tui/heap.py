"""Keep Python's full garbage collections short while the app runs.

A full (oldest-generation) collection walks every object the collector tracks. Once the
app is up that is some 80,000 objects of Textual, Rich, Whoosh and the app's own widgets,
and a full collection takes 50-200 ms: a visible stall whenever one falls during a resize,
a scroll or a key press (a resize allocates enough to set one off about every other time).
Those objects live as long as the app, so once the first screen is up they are moved out of
the collector's sight (``gc.freeze``); later full collections walk only what was made since,
a few milliseconds. When the app ends they are handed back, so a process that runs several
apps (the tests) still collects each one's garbage.
"""

from __future__ import annotations

import gc


class StartupHeap:
    """Freezes the objects made during start-up once; thaws them when the app ends."""

    def __init__(self) -> None:
        self.frozen = False

    def freeze(self) -> None:
        if self.frozen:
            return
        gc.collect(1)  # the young generations' garbage (a few ms), not carried into the freeze
        gc.freeze()
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
