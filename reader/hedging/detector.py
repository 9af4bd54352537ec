"""A first word-list detector: one compiled regex over a small lexicon.

Deliberately simple; it fixes the interface the rest of the app relies on.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.hedging.model import BOOSTER, Hedge, HedgeProfile

_LEXICON: dict[str, list[str]] = {
    "tentative": [
        r"further (?:studies|research|work|trials) (?:is|are) (?:needed|required|warranted)",
        r"remains? (?:unclear|unknown|to be (?:determined|established|seen))",
        r"not (?:yet )?fully understood",
        r"it is (?:not|un)known whether",
        r"preliminary",
        r"initial findings",
        r"early results",
    ],
    "attribution": [
        r"some (?:experts|researchers|scientists) (?:say|believe|think)",
        r"it is (?:believed|thought|assumed|suggested)",
        r"researchers (?:believe|think|speculate)",
    ],
    "modal": [r"may", r"might", r"could"],
    "epistemic": [
        r"suggests?",
        r"suggested",
        r"suggesting",
        r"indicates?",
        r"indicating",
        r"appears?",
        r"appeared",
        r"seems?",
        r"seemed",
    ],
    "probability": [
        r"likely",
        r"unlikely",
        r"possible",
        r"possibly",
        r"potential(?:ly)?",
        r"perhaps",
        r"probably",
        r"presumably",
        r"putative",
    ],
    "approximator": [r"approximately", r"roughly", r"about", r"around", r"nearly"],
    BOOSTER: [
        r"breakthrough",
        r"proves?",
        r"proven",
        r"cures?",
        r"definitely",
        r"clearly demonstrates?",
        r"miracle",
        r"game[- ]changer",
        r"guaranteed?",
        r"undoubtedly",
    ],
}

_GROUPS = [(f"c{i}", category) for i, category in enumerate(_LEXICON)]
_PATTERN = re.compile(
    "|".join(rf"(?P<{name}>\b(?:{'|'.join(_LEXICON[category])})\b)" for name, category in _GROUPS),
    re.IGNORECASE,
)
_CATEGORY_OF_GROUP = dict(_GROUPS)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(\[]?[A-Z0-9])|\n\s*\n")


def find_hedges(text: str) -> list[Hedge]:
    """Every hedge and booster in ``text``, sorted by start, never overlapping."""
    hedges: list[Hedge] = []
    for match in _PATTERN.finditer(text):
        category = _CATEGORY_OF_GROUP[match.lastgroup or ""]
        hedges.append(
            Hedge(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                category=category,
                kind="booster" if category == BOOSTER else "hedge",
            )
        )
    return hedges


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) offsets, in one linear pass."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


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
        words=sum(1 for _ in _WORD.finditer(text)),
        sentences=len(sentences),
        hedges=len(hedges) - boosters,
        boosters=boosters,
        hedged_sentences=hedged,
        by_category=dict(by_category),
    )
