"""The hedge detector: finds the words that weaken (hedges) or inflate (boosters) a claim.

Pure Python, no Textual; its only I/O is reading the shipped weights once, on first use.
The public interface is small on purpose:

* ``find_hedges(text, scheme="reader") -> list[Hedge]``: sorted, non-overlapping spans;
  offsets are Python string indices into ``text``. ``scheme="bioscope"`` asks for the
  BioScope / CoNLL-2010 convention instead (for measuring against annotated corpora): bare
  "or"/"either"/"whether" (-> probability), "if"/"unless" (-> tentative) and "can"/"would"/
  "should" (-> modal) count there; approximators, tentative phrases, attribution shields and
  boosters are reader-only.
* ``profile(text) -> HedgeProfile``: the per-document figures the library stores.
* ``CATEGORIES``: category id -> human label, in display order. Category ids are
  stable: the TUI's styles and the index use them.
* ``sentence_spans(text)``: (start, end) sentence offsets in one linear pass.
* ``find_hedges(text, extra={"phrase": "category"})``: a user's own cue phrases, merged into
  the same trie; ``phrase_problem(phrase)`` says why a phrase cannot be one.

How it works: ``lexicon`` (one trie-shaped regex for every candidate, multiword phrases
included), ``rules`` (the traps: "May 2021", "membrane potential", "the suggested dose",
"not a cure", ...), and a small averaged perceptron (``data/weights.json``, trained on BioScope
abstracts and full papers by ``scripts/train_hedges.py``, loaded on first use) for ambiguous
cue words.
"""

from reader.hedging.detector import SCHEMES, find_hedges, profile, sentence_spans
from reader.hedging.lexicon import phrase_problem
from reader.hedging.model import BOOSTER, CATEGORIES, Hedge, HedgeProfile

__all__ = [
    "BOOSTER",
    "CATEGORIES",
    "SCHEMES",
    "Hedge",
    "HedgeProfile",
    "find_hedges",
    "phrase_problem",
    "profile",
    "sentence_spans",
]
