"""What each hedge category means, with examples taken from the detector itself.

The help page and the HTML export show this. The cue examples come from the shipped
lexicon and every example sentence is run through ``find_hedges`` when shown, so the
page cannot drift from what the detector actually marks (a test checks each sentence
carries a mark of its own category). No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from reader.hedging import BOOSTER, CATEGORIES, Hedge, claims, find_hedges
from reader.hedging.lexicon import READER, entries

#: Category id -> (what the category does to a claim, a sentence that shows it).
NOTES: dict[str, tuple[str, str]] = {
    "modal": (
        "A modal verb turns a finding into a possibility: the claim may hold, or may not.",
        "The new drug may lower blood pressure in older adults.",
    ),
    "epistemic": (
        "The writer reports an inference rather than an observation: the data suggest, "
        "indicate or appear to show something.",
        "These results suggest that short sleep raises appetite.",
    ),
    "probability": (
        "The claim is weighed as more or less likely instead of stated as fact.",
        "The virus will probably spread further this winter.",
    ),
    "approximator": (
        "Numbers and extents are blurred: about, roughly, up to, partly.",
        "Roughly 40 patients took part in the trial.",
    ),
    "tentative": (
        "The evidence is flagged as limited or unfinished: preliminary results, a small "
        "study, further studies are needed, the mechanism remains unclear.",
        "The findings are preliminary, and further studies are needed.",
    ),
    "attribution": (
        "The claim is handed to someone else, so the writer does not vouch for it: some "
        "experts say, it is believed, reportedly.",
        "Some experts say the diet protects the heart.",
    ),
    BOOSTER: (
        "The opposite of a hedge: words that inflate certainty or importance. In health "
        "news they often outrun the evidence (breakthrough, proves, cure).",
        "Researchers hail a breakthrough that proves the treatment works.",
    ),
}


@dataclass(frozen=True, slots=True)
class CategoryGuide:
    category: str
    label: str
    kind: str  # "hedge" or "booster"
    explanation: str
    example: str
    example_marks: tuple[Hedge, ...]
    cues: tuple[str, ...]  # representative lexicon phrases
    cue_count: int  # every phrase form the lexicon holds for this category
    user_phrases: tuple[str, ...]


def cue_examples(category: str, limit: int = 8) -> tuple[tuple[str, ...], int]:
    """Up to ``limit`` representative phrases of ``category`` and how many forms it has.

    One per lexicon lemma (the lemma itself when it is a phrase, else its shortest form),
    skipping forms that start like one already chosen ("suggested" after "suggest").
    """
    chosen, count = _cues().get(category, ((), 0))
    return chosen[:limit], count


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[tuple[str, ...], int]]:
    """Every category's representative phrases, from one pass over the lexicon (cached:
    expanding the lexicon's templates takes a noticeable fraction of a second)."""
    table = entries(READER)
    by_lemma: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for phrase, entry in table.items():
        category = entry.category
        counts[category] = counts.get(category, 0) + 1
        lemmas = by_lemma.setdefault(category, {})
        best = lemmas.get(entry.lemma)
        if entry.lemma in table and table[entry.lemma].category == category:
            lemmas[entry.lemma] = entry.lemma
        elif best is None or (len(phrase), phrase) < (len(best), best):
            lemmas[entry.lemma] = phrase
    found: dict[str, tuple[tuple[str, ...], int]] = {}
    for category, lemmas in by_lemma.items():
        chosen: list[str] = []
        for phrase in lemmas.values():
            if not any(phrase[:5] == earlier[:5] for earlier in chosen):
                chosen.append(phrase)
        found[category] = (tuple(chosen), counts[category])
    return found


def category_guide(extra: Mapping[str, str] | None = None) -> list[CategoryGuide]:
    """Every category in legend order, with the user's own phrases for each."""
    extra = dict(extra or {})
    guide = []
    for category, label in CATEGORIES.items():
        explanation, example = NOTES.get(category, ("", ""))
        cues, count = cue_examples(category)
        marks = tuple(find_hedges(example, extra=extra)) if example else ()
        guide.append(
            CategoryGuide(
                category=category,
                label=label,
                kind="booster" if category == BOOSTER else "hedge",
                explanation=explanation,
                example=example,
                example_marks=marks,
                cues=cues,
                cue_count=count,
                user_phrases=tuple(sorted(p for p, c in extra.items() if c == category)),
            )
        )
    return guide


# --- claim strength -------------------------------------------------------------------------

#: Claim label -> (what the strength says, a sentence the labeller gives that strength).
CLAIM_NOTES: dict[str, tuple[str, str]] = {
    claims.DIRECT_CAUSAL: (
        "The finding is stated as a cause: one thing changes another. Only a randomised "
        "trial can show this; an observational study cannot.",
        "Drinking coffee reduces the risk of liver cancer.",
    ),
    claims.CONDITIONAL_CAUSAL: (
        "A cause under a hedge or condition: the writer says it might be a cause.",
        "A daily walk may improve memory in older adults.",
    ),
    claims.CORRELATIONAL: (
        "Two things go together, without saying which drives which: what an "
        "observational study can show.",
        "Evening walking was associated with a lower risk of dementia.",
    ),
    claims.NO_CLAIM: (
        "The sentence states no relation: methods, background, advice or research still "
        "to be done. Nothing is marked.",
        "We recruited 4,200 adults over sixty in three cities.",
    ),
}
#: Claim label -> the cue kinds whose lexicon phrases the page lists for it.
CLAIM_CUE_KINDS: dict[str, tuple[str, ...]] = {
    claims.DIRECT_CAUSAL: (claims.CAUSAL,),
    claims.CONDITIONAL_CAUSAL: (claims.CONDITION,),
    claims.CORRELATIONAL: (claims.ASSOCIATION,),
    claims.NO_CLAIM: (),
}
#: Why the strengths matter, and what the labeller cannot do (figures: reader/hedging/README).
CLAIM_WHY = (
    "Why it matters: Sumner et al. (BMJ 2014) found that about a third of health press "
    "releases turned a correlation into a causal claim, and news stories were far more "
    "likely to exaggerate when their release did."
)
CLAIM_LIMITS = (
    "Limits: the labeller reads one sentence at a time from its cue words (macro-F1 0.78 on "
    "Yu et al.'s PubMed conclusions, 0.75 on their press releases). It does not see who "
    'claims what ("critics say coffee causes..." counts as the writer\'s), negation ("does '
    "not reduce\" is still causal) or whether the finding is the study's own; a methods "
    'sentence such as "we reduced the dose" can be mislabelled.'
)


@dataclass(frozen=True, slots=True)
class ClaimGuide:
    label: str
    name: str
    explanation: str
    example: str
    example_claims: tuple[claims.Claim, ...]  # offsets into ``example``
    cues: tuple[str, ...]  # representative cue phrases of the labeller's lexicon
    cue_count: int


def claim_cue_examples(label: str, limit: int = 8) -> tuple[tuple[str, ...], int]:
    """Up to ``limit`` cue phrases the labeller reads for ``label`` (one per four-letter
    start, so "reduce" does not follow "reduced") and how many it has in all."""
    phrases = [p for kind in CLAIM_CUE_KINDS.get(label, ()) for p in claims.cue_phrases(kind)]
    chosen: list[str] = []
    for phrase in phrases:
        start = phrase.split()[0][:4]
        if len(chosen) < limit and not any(start == earlier.split()[0][:4] for earlier in chosen):
            chosen.append(phrase)
    return tuple(chosen), len(phrases)


def claim_guide() -> list[ClaimGuide]:
    """The four claim strengths, strongest first, each example labelled as it is shown."""
    guide = []
    for label in reversed(claims.LABELS):
        explanation, example = CLAIM_NOTES[label]
        cues, count = claim_cue_examples(label)
        guide.append(
            ClaimGuide(
                label=label,
                name=claims.LABEL_NAMES[label],
                explanation=explanation,
                example=example,
                example_claims=tuple(claims.find_claims(example)),
                cues=cues,
                cue_count=count,
            )
        )
    return guide
