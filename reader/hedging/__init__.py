"""The hedge detector: finds the words that weaken (hedges) or inflate (boosters) a claim.

Pure Python, no Textual, no I/O. The public interface is small on purpose:

* ``find_hedges(text) -> list[Hedge]``: sorted, non-overlapping spans; offsets are
  Python string indices into ``text``.
* ``profile(text) -> HedgeProfile``: the per-document figures the library stores.
* ``CATEGORIES``: category id -> human label, in display order. Category ids are
  stable: the TUI's styles and the index use them.
"""

from reader.hedging.detector import find_hedges, profile
from reader.hedging.model import BOOSTER, CATEGORIES, Hedge, HedgeProfile

__all__ = ["BOOSTER", "CATEGORIES", "Hedge", "HedgeProfile", "find_hedges", "profile"]
