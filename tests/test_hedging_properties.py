"""Property tests: whatever the text, spans are in bounds, sorted, non-overlapping and exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.hedging import BOOSTER, CATEGORIES, find_hedges, profile
from reader.hedging.detector import SCHEMES, sentence_spans

# Words that exercise the lexicon, the rules and the multiword phrases.
VOCAB = [
    "may",
    "May",
    "might",
    "could",
    "can",
    "would",
    "suggest",
    "suggested",
    "dose",
    "indicates",
    "arrow",
    "appear",
    "after",
    "potential",
    "membrane",
    "action",
    "possible",
    "as",
    "soon",
    "about",
    "40%",
    "some",
    "experts",
    "say",
    "it",
    "is",
    "believed",
    "further",
    "studies",
    "are",
    "needed",
    "not",
    "a",
    "cure",
    "does",
    "prove",
    "breakthrough",
    "infections",
    "clearly",
    "demonstrates",
    "game-changer",
    "or",
    "either",
    "whether",
    "if",
    "unclear",
    "remains",
    "to",
    "be",
    "determined",
    "İ",
    "ß",
    "ﬁ",
    "\u0130",
    "2021",
    ".",
    ",",
    "!",
    "?",
    "\n",
    "\n\n",
    "“",
    "”",
    "—",
    "é",
    "Ω",
    "😀",
    "\u200b",
    "\r\n",
]
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\t", "", "\u00a0", "\u2003"])
vocab_text = st.lists(st.tuples(st.sampled_from(VOCAB), SEPARATORS), max_size=80).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
any_text = st.one_of(st.text(max_size=400), vocab_text)


def check(text: str, scheme: str) -> None:
    hedges = find_hedges(text, scheme=scheme)
    previous_end = 0
    for hedge in hedges:
        assert 0 <= hedge.start < hedge.end <= len(text)
        assert hedge.start >= previous_end
        assert text[hedge.start : hedge.end] == hedge.text
        assert hedge.category in CATEGORIES
        assert hedge.kind in ("hedge", "booster")
        assert (hedge.kind == "booster") == (hedge.category == BOOSTER)
        previous_end = hedge.end


@settings(max_examples=300, deadline=None)
@given(text=any_text, scheme=st.sampled_from(SCHEMES))
def test_spans_are_valid_for_any_text(text: str, scheme: str):
    check(text, scheme)


@settings(max_examples=200, deadline=None)
@given(text=any_text)
def test_profile_is_consistent(text: str):
    hedges = find_hedges(text)
    figures = profile(text, hedges)
    assert figures.hedges + figures.boosters == len(hedges)
    assert sum(figures.by_category.values()) == len(hedges)
    assert 0 <= figures.hedged_sentences <= figures.sentences
    assert 0.0 <= figures.hedged_share <= 1.0
    assert figures.hedges_per_1k >= 0.0 and figures.boosters_per_1k >= 0.0
    figures.to_dict()


@settings(max_examples=200, deadline=None)
@given(text=any_text)
def test_sentence_spans_are_ordered_and_trimmed(text: str):
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(max_size=30), suffix=st.text(max_size=30))
def test_a_hedge_is_found_whatever_surrounds_it(prefix: str, suffix: str):
    text = prefix + " further studies are needed " + suffix
    start = len(prefix) + 1
    assert (start, start + 26) in [(h.start, h.end) for h in find_hedges(text)]


@settings(max_examples=3, deadline=None)
@given(seed=st.text(min_size=1, max_size=50))
def test_huge_text_never_raises(seed: str):
    # About 1.5 MB per example: arbitrary characters repeated, hedges among them.
    text = ((seed + " It may work, about 40% of them. ") * 60_000)[:1_500_000]
    check(text, "reader")
