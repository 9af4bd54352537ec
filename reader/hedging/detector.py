"""The hedge detector: lexicon candidates, context rules, and a small learned model.

1. One compiled, prefix-factored regex (``reader.hedging.lexicon``) finds every candidate cue,
   multiword phrases included, in the lowercased text.
2. Context rules (``reader.hedging.rules``) settle the known traps ("May 2021", "membrane
   potential", "the suggested dose", "not a cure", ...).
3. Otherwise the mean of five averaged perceptrons trained on BioScope abstracts and full papers
   (``scripts/train_hedges.py``; weights in ``data/weights.json``, loaded on first use) decides
   for the cue words it has seen at least five times; the rest of the lexicon is marked.

Only candidates are ever looked at closely, through a window of a few dozen characters, so the
cost is one regex scan plus a constant per candidate.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from reader.hedging.features import context, features
from reader.hedging.lexicon import (
    BIOSCOPE,
    READER,
    SCHEMES,
    Entry,
    after_boundary,
    compile_scheme,
    scan_after,
    scheme_table,
)
from reader.hedging.model import BOOSTER, CATEGORIES, Hedge, HedgeProfile
from reader.hedging.rules import NEXT_WORD_GATES, judge
from reader.hedging.sentences import sentence_spans

__all__ = ["BIOSCOPE", "READER", "SCHEMES", "find_hedges", "profile", "sentence_spans"]

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "weights.json"
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_NEXT_WORD = re.compile(r"\s*(\w+|[^\w\s])")

_Key = tuple[str, bool, tuple[tuple[str, str], ...]]
_compiled: dict[_Key, tuple[re.Pattern[str], dict[str, Entry]]] = {}
_MAX_COMPILED = 16  # distinct user-phrase sets kept compiled (a session uses one or two)


class _Model:
    __slots__ = ("lemmas", "threshold", "weights")

    def __init__(self, weights: dict[str, float], lemmas: frozenset[str], threshold: float):
        self.weights = weights
        self.lemmas = lemmas
        self.threshold = threshold

    def score(self, feats: list[str]) -> float:
        get = self.weights.get
        return sum(get(f, 0.0) for f in feats)


_loaded: _Model | None = None


def _load_model() -> _Model:
    global _loaded
    if _loaded is None:
        try:
            data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
            _loaded = _Model(
                {k: float(v) for k, v in data["weights"].items()},
                frozenset(data["lemmas"]),
                float(data.get("threshold", 0.0)),
            )
        except (OSError, ValueError, KeyError):
            _loaded = _Model({}, frozenset(), 0.0)  # no weights: the lexicon and rules alone
    return _loaded


def use_model(weights: dict[str, float] | None, lemmas: frozenset[str] = frozenset()) -> None:
    """Swap in a freshly trained model (cross-validation), or ``None`` to reload the shipped one."""
    global _loaded
    _loaded = None if weights is None else _Model(dict(weights), frozenset(lemmas), 0.0)


def _pattern(
    scheme: str, ignore_case: bool, extra: tuple[tuple[str, str], ...] = ()
) -> tuple[re.Pattern[str], dict[str, Entry]]:
    key = (scheme, ignore_case, extra)
    found = _compiled.get(key)
    if found is None:
        if scheme not in SCHEMES:
            raise ValueError(f"unknown scheme {scheme!r}; expected one of {SCHEMES}")
        if len(_compiled) >= _MAX_COMPILED:
            for old in [k for k in _compiled if k[2]]:
                del _compiled[old]
        found = (
            compile_scheme(scheme, re.IGNORECASE, extra)
            if ignore_case
            else _compile_quick(scheme, extra)
        )
        _compiled[key] = found
    return found


def _compile_quick(
    scheme: str, extra: tuple[tuple[str, str], ...]
) -> tuple[re.Pattern[str], dict[str, Entry]]:
    """The scheme's phrases for lowercase text, read with ``scan_after`` (the quick scan)."""
    table = scheme_table(scheme, extra)
    return after_boundary(sorted(table)), table


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every match of ``pattern`` (``compile_scheme``'s) in ``text``."""
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _extra_key(extra: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    if not extra:
        return ()
    for category in extra.values():
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}; expected one of {list(CATEGORIES)}")
    return tuple(sorted(extra.items()))


def find_hedges(
    text: str, scheme: str = READER, extra: Mapping[str, str] | None = None
) -> list[Hedge]:
    """Every hedge and booster in ``text``, sorted by start, never overlapping.

    ``scheme="reader"`` (default) marks what a reader of science news wants; ``"bioscope"``
    follows the BioScope annotation convention (alternatives, conditions, "can"/"would"/
    "should" count; approximators, tentative phrases and boosters do not) for evaluation.
    ``extra`` maps a user's own phrases to a category id; they join the same one-pass trie
    (compiled once per distinct set), and are always marked unless the lexicon already
    has the phrase, which then keeps its built-in handling.
    """
    if not text:
        return []
    lowered = text.lower()
    # str.lower() never shortens a character, so equal lengths mean offsets line up 1:1.
    same = len(lowered) == len(text)
    pattern, table = _pattern(scheme, ignore_case=not same, extra=_extra_key(extra))
    haystack = lowered if same else text
    model = _load_model()
    lemmas, threshold, score = model.lemmas, model.threshold, model.score
    found: list[Hedge] = []
    append = found.append
    either: tuple[int, bool] | None = None  # (end, decision) of an "either" awaiting its "or"
    gates = NEXT_WORD_GATES if scheme == READER else {}
    for start, end, key in scan_after(pattern, lowered) if same else _matches(pattern, text):
        entry = table.get(key)
        if entry is None:
            key = " ".join(key.lower().split())
            entry = table.get(key)
            if entry is None:
                continue
        lemma = entry.lemma
        gate = gates.get(key)
        if gate is not None:
            following = _NEXT_WORD.match(haystack, end)
            if following is None or not gate(following.group(1).lower()):
                continue  # settled by the next word alone (see rules.NEXT_WORD_GATES)
        ctx = context(text, start, end)
        keep = judge(lemma, key, ctx, scheme)
        if keep is None:
            if either is not None and key == "or" and _pairs(text, either[0], start):
                keep = either[1]  # "either ... or" is one cue: both pieces or neither
            else:
                keep = (
                    lemma not in lemmas or score(features(lemma, key, ctx, text, start)) > threshold
                )
        if key == "either":
            either = (end, keep)
        elif key == "or":
            either = None
        if keep:
            category = entry.category
            append(
                Hedge(
                    start,
                    end,
                    text[start:end],
                    category,
                    "booster" if category == BOOSTER else "hedge",
                )
            )
    return found


def _pairs(text: str, after: int, start: int) -> bool:
    """An "or" at ``start`` completes the "either" ending at ``after``: same clause, near."""
    if start - after > 160:
        return False
    between = text[after:start]
    return ". " not in between and ";" not in between


def profile(text: str, hedges: list[Hedge] | None = None) -> HedgeProfile:
    """The per-document figures: counts, per-1,000-word rates, share of hedged sentences."""
    if hedges is None:
        hedges = find_hedges(text)
    sentences = sentence_spans(text)
    hedge_starts = [h.start for h in hedges if h.kind == "hedge"]
    hedged = 0
    i = 0
    for start, end in sentences:
        while i < len(hedge_starts) and hedge_starts[i] < start:
            i += 1
        if i < len(hedge_starts) and hedge_starts[i] < end:
            hedged += 1
    by_category = Counter(h.category for h in hedges)
    boosters = by_category.get(BOOSTER, 0)
    return HedgeProfile(
        words=len(_WORD.findall(text)),
        sentences=len(sentences),
        hedges=len(hedges) - boosters,
        boosters=boosters,
        hedged_sentences=hedged,
        by_category=dict(by_category),
    )
