"""Pairing a release sentence with the source sentence that says the same thing: BM25.

Words are lower-cased and stemmed as the search index stems them (``reader.library.indexing``),
so "vaccinated" in a release meets "vaccination" in a paper. Each source sentence is one BM25
"document"; the release sentence is the query. Pure Python and quick: an inverted index over
the source sentences, built once per comparison.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from reader.library import stem_word

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
#: Words too common to say which sentence is meant.
_STOP = (
    "a an and are as at be been being but by for from had has have he her his i in into is it "
    "its of on or our she so than that the their them then there these they this those to was "
    "we were which who will with you your not no also more most very can may might could would "
    "should study studies researchers research new found find finds findings results showed "
    "shows show said says according"
)
STOPWORDS = frozenset(_STOP.split())
K1 = 1.2
B = 0.75


def terms(text: str) -> list[str]:
    """The stemmed content words of ``text``, in order."""
    words = (w.lower() for w in _WORD.findall(text))
    return [stem_word(w) for w in words if w not in STOPWORDS and not w.isdigit()]


class SentenceIndex:
    """BM25 over a fixed list of sentences (given as their texts)."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._lengths: list[int] = []
        for index, sentence in enumerate(sentences):
            counts = Counter(terms(sentence))
            self._lengths.append(sum(counts.values()))
            for term, count in counts.items():
                self._postings[term].append((index, count))
        self._average = (sum(self._lengths) / len(self._lengths)) if self._lengths else 0.0
        total = len(self._lengths)
        self._idf = {
            term: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self._postings.items()
        }

    def __len__(self) -> int:
        return len(self._lengths)

    def scores(self, query: str) -> dict[int, float]:
        """BM25 score of every sentence sharing a word with ``query`` (others score 0)."""
        found: dict[int, float] = defaultdict(float)
        average = self._average or 1.0
        for term in set(terms(query)):
            idf = self._idf.get(term)
            if idf is None:
                continue
            for index, count in self._postings[term]:
                norm = K1 * (1 - B + B * self._lengths[index] / average)
                found[index] += idf * count * (K1 + 1) / (count + norm)
        return found

    def best(self, query: str, among: Sequence[int] | None = None) -> tuple[int, float] | None:
        """(index, score) of the best-scoring sentence (of ``among``, if given), or None when
        no sentence shares a word with ``query``. Ties go to the earlier sentence."""
        scores = self.scores(query)
        pool = scores.keys() if among is None else (i for i in among if i in scores)
        best: tuple[int, float] | None = None
        for index in pool:
            score = scores[index]
            if best is None or score > best[1] or (score == best[1] and index < best[0]):
                best = (index, score)
        return best
