"""A press release (or news story) against its source, finding by finding.

Each release sentence that states a finding (``reader.hedging.claims``) is paired with the
source sentence that matches it best (BM25 over stemmed words, ``match``), and the pair gets
a verdict: ``same``, ``exaggerates`` or ``downplays``. The verdict is the difference of the
two claim strengths (no claim 0, correlational 1, conditional causal 2, direct causal 3),
adjusted for what changed around the claim: hedges dropped or added, boosters added,
study-population qualifiers dropped ("in mice", "in a small study"), advice the source never
gave ("should"). Every change is a reason in words.

Pure Python, no Textual: the CLI, the app's compare screen and the exports share it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.comparing.match import SentenceIndex, terms
from reader.hedging import BOOSTER, Hedge, find_hedges, sentence_spans
from reader.hedging.claims import (
    CONDITION,
    LABEL_NAMES,
    NO_CLAIM,
    STRENGTH,
    ClaimCue,
    label_sentence,
)

SAME, EXAGGERATES, DOWNPLAYS = "same", "exaggerates", "downplays"
VERDICTS: tuple[str, ...] = (SAME, EXAGGERATES, DOWNPLAYS)
#: One level of claim strength weighs this much against one changed hedge or booster.
STRENGTH_WEIGHT = 3
#: A pair whose changes add up to this much (either way) is no longer ``same``.
THRESHOLD = 2
POPULATION_WEIGHT = 2  # "in mice" dropped: the finding is told of people
BOOSTER_WEIGHT = 1
HEDGE_WEIGHT = 1
ADVICE_WEIGHT = 1

_MODIFIERS = (
    r"(?:(?:a|an|the|these|those|some|obese|diabetic|young|old|older|aged|ageing|aging|male|"
    r"female|pregnant|healthy|laboratory|lab|transgenic|genetically\s+modified|engineered|"
    r"cultured|human|[a-z]+-fed)\s+)*"
)
#: Where a finding was made, when it was not made in people: animals, cells, a small study.
_POPULATION = re.compile(
    r"\b(?:in|among|on|using|from|of)\s+" + _MODIFIERS + r"(?:"
    r"(?P<animal>(?:animal|mouse|murine|rat|rodent|primate|preclinical)\s+"
    r"(?:models?|studies|experiments|trials)|mice|mouse|rats?|rodents?|animals?|zebrafish|"
    r"fruit\s+flies|flies|worms|monkeys|primates|pigs|dogs)"
    r"|(?P<lab>cell\s+lines?|cell\s+cultures?|cells?|organoids|neurons|tissue\s+samples|"
    r"petri\s+dish(?:es)?|a\s+dish|test\s+tubes?|laboratory\s+(?:experiments|studies|tests)|"
    r"preclinical\s+(?:models?|studies|experiments))"
    r")\b"
    r"|\b(?P<vitro>in\s+vitro|in\s+silico|ex\s+vivo)\b"
    r"|\b(?:a|this|one|the)\s+(?P<size>small|pilot|preliminary|short|tiny|single)\s+"
    r"(?:\w+\s+){0,2}?(?:study|trial|sample|group|cohort)\b"
    r"|\b(?P<pilot>pilot|preliminary|feasibility)\s+(?:study|trial|data|results|findings)\b",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"\b(?:should|must|ought\s+to|need\s+to|needs\s+to|recommend(?:s|ed)?|advise[sd]?|"
    r"urge[sd]?|it\s+is\s+(?:wise|best|important)\s+to)\b",
    re.IGNORECASE,
)
#: Sentences about research still to be done state no finding of this study.
_FUTURE = re.compile(
    r"\b(?:further|future|more|larger|additional|longer)\s+(?:\w+\s+){0,2}?"
    r"(?:research|studies|study|trials?|work|investigations?)\b"
    r"(?:\s+(?:is|are|will\s+be|would\s+be|should|must|could|may|might)\b|\s+needed\b)"
    r"|\bremains?\s+to\s+be\s+(?:seen|determined|established)\b",
    re.IGNORECASE,
)


class CompareError(ValueError):
    """Why two texts cannot be compared, in one line for the user."""


@dataclass(frozen=True, slots=True)
class Side:
    """One sentence of a pair: offsets into its text, its claim and the marks inside it."""

    start: int
    end: int
    text: str
    label: str
    cues: tuple[ClaimCue, ...] = ()
    hedges: tuple[Hedge, ...] = ()

    @property
    def strength(self) -> int:
        return STRENGTH[self.label]

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "strength": self.strength,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class Pair:
    """A release finding, the source sentence it matches best, and how they differ."""

    release: Side
    source: Side
    score: float
    verdict: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "release": self.release.to_dict(),
            "source": self.source.to_dict(),
            "score": round(self.score, 3),
            "verdict": self.verdict,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every pair in release order; ``top`` is the strongest finding's pair."""

    release_text: str
    source_text: str
    pairs: tuple[Pair, ...]
    release_hedges: tuple[Hedge, ...]
    source_hedges: tuple[Hedge, ...]
    top: int

    @property
    def verdict(self) -> str:
        return self.pairs[self.top].verdict

    @property
    def release_strength(self) -> int:
        return self.pairs[self.top].release.strength

    @property
    def source_strength(self) -> int:
        return self.pairs[self.top].source.strength

    def counts(self) -> dict[str, int]:
        found = Counter(pair.verdict for pair in self.pairs)
        return {verdict: found.get(verdict, 0) for verdict in VERDICTS}

    def summary(self) -> str:
        """``3 findings: 2 exaggerate, 1 same``: the line the app and the table show."""
        counts = self.counts()
        words = {SAME: "same", EXAGGERATES: "exaggerate", DOWNPLAYS: "downplay"}
        if len(self.pairs) == 1:
            words = {SAME: "same", EXAGGERATES: "exaggerates", DOWNPLAYS: "downplays"}
        parts = [f"{counts[v]} {words[v]}" for v in (EXAGGERATES, DOWNPLAYS, SAME) if counts[v]]
        noun = "finding" if len(self.pairs) == 1 else "findings"
        return f"{len(self.pairs)} {noun}: " + ", ".join(parts)

    def to_dict(self, release: str = "", source: str = "") -> dict[str, object]:
        return {
            "release": release,
            "source": source,
            "verdict": self.verdict,
            "release_strength": self.release_strength,
            "source_strength": self.source_strength,
            "counts": self.counts(),
            "pairs": [pair.to_dict() for pair in self.pairs],
        }


# -- building the sides ----------------------------------------------------------------


def _sides(text: str, hedges: Sequence[Hedge]) -> list[Side]:
    """Every sentence of ``text`` with its claim label and the hedges inside it."""
    sides: list[Side] = []
    at = 0
    for start, end in sentence_spans(text):
        label, cues = label_sentence(text[start:end])
        if _FUTURE.search(text, start, end):
            label, cues = NO_CLAIM, ()
        shifted = tuple(ClaimCue(c.start + start, c.end + start, c.kind) for c in cues)
        while at < len(hedges) and hedges[at].end <= start:
            at += 1
        inside: list[Hedge] = []
        probe = at
        while probe < len(hedges) and hedges[probe].start < end:
            inside.append(hedges[probe])
            probe += 1
        sides.append(Side(start, end, text[start:end], label, shifted, tuple(inside)))
    return sides


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def compare_texts(release: str, source: str) -> Comparison:
    """Pair every finding of ``release`` with ``source``; ``CompareError`` says why not."""
    if not release.strip():
        raise CompareError("the release is empty")
    if not source.strip():
        raise CompareError("the source is empty")
    if _normal(release) == _normal(source):
        raise CompareError("the two documents are the same text: nothing to compare")
    release_hedges = tuple(find_hedges(release))
    source_hedges = tuple(find_hedges(source))
    findings = [
        s for s in _sides(release, release_hedges) if s.strength > 0 or _ADVICE.search(s.text)
    ]
    if not any(s.strength > 0 for s in findings):
        findings = []
    if not findings:
        raise CompareError(
            "the release states no finding (no sentence says one thing is linked to, "
            "or causes, another)"
        )
    candidates = _sides(source, source_hedges)
    if not candidates:
        raise CompareError("the source has no sentences")
    index = SentenceIndex([side.text for side in candidates])
    source_findings = [i for i, side in enumerate(candidates) if side.strength > 0]
    pairs: list[Pair] = []
    for finding in findings:
        best = index.best(finding.text, source_findings) if source_findings else None
        if best is None:
            best = index.best(finding.text)
        if best is None:  # not one word in common: the source's first finding, score 0
            best = (source_findings[0] if source_findings else 0, 0.0)
        matched = candidates[best[0]]
        verdict, reasons = judge(finding, matched)
        if best[1] == 0.0:
            reasons = (*reasons, "no source sentence shares its words")
        pairs.append(Pair(finding, matched, best[1], verdict, reasons))
    top = max(range(len(pairs)), key=lambda i: (pairs[i].release.strength, -i))
    return Comparison(release, source, tuple(pairs), release_hedges, source_hedges, top)


def compare_claims(release: str, source: str) -> tuple[str, int, int]:
    """(verdict, release strength, source strength) of two short texts (a release's
    conclusion and the paper's), for ``compare --jsonl``: the strongest release finding
    against its match; two texts without findings are ``same`` at strength 0."""
    if not release.strip() or not source.strip():
        raise CompareError("release and source must both hold text")
    try:
        comparison = compare_texts(release, source)
    except CompareError:
        if _normal(release) == _normal(source):
            strength = max((s.strength for s in _sides(release, find_hedges(release))), default=0)
            return SAME, strength, strength
        # the release states no finding: compare it with the source's strongest sentence
        sides = _sides(source, find_hedges(source))
        strongest = max(sides, key=lambda s: s.strength, default=None)
        source_strength = strongest.strength if strongest else 0
        return (DOWNPLAYS if source_strength > 0 else SAME), 0, source_strength
    return comparison.verdict, comparison.release_strength, comparison.source_strength


def text_strength(text: str) -> int:
    """The strength of the strongest claim in ``text`` (0 when it states none)."""
    return max((side.strength for side in _sides(text, ())), default=0)


# -- the verdict -------------------------------------------------------------------------


def _hedge_key(hedge: Hedge) -> str:
    return " ".join(terms(hedge.text)) or hedge.text.casefold()


def _condition_spans(side: Side) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in side.cues if c.kind == CONDITION]


def _outside(hedge: Hedge, spans: list[tuple[int, int]]) -> bool:
    return not any(hedge.start < end and start < hedge.end for start, end in spans)


def _populations(text: str) -> dict[str, str]:
    """Study-population qualifiers in ``text``: kind (animals, cells, small study) -> the
    words as written. "In mice" in the release and "in a mouse model" in the source are
    the same kind, so neither is dropped."""
    found: dict[str, str] = {}
    for match in _POPULATION.finditer(text):
        words = " ".join(match.group(0).split())
        if match.group("animal"):
            key = "animals"
        elif match.group("lab") or match.group("vitro"):
            key = "cells"
        else:
            key = "small study"
        found.setdefault(key, words)
    return found


def judge(release: Side, source: Side) -> tuple[str, tuple[str, ...]]:
    """The verdict of one pair and the reasons for it, in words."""
    reasons: list[str] = []
    advice_only = release.strength == 0 and _ADVICE.search(release.text) is not None
    balance = 0 if advice_only else STRENGTH_WEIGHT * (release.strength - source.strength)
    if release.label != source.label and not advice_only:
        reasons.append(f"{LABEL_NAMES[source.label]} → {LABEL_NAMES[release.label]}")

    # Hedges and boosters, compared by their stemmed words; a hedge that makes the claim
    # conditional ("may reduce") is already in the strength, so it is named but not counted.
    kept_r = _condition_spans(release)
    kept_s = _condition_spans(source)
    r_hedges = {_hedge_key(h): h for h in release.hedges if h.category != BOOSTER}
    s_hedges = {_hedge_key(h): h for h in source.hedges if h.category != BOOSTER}
    r_boost = {_hedge_key(h): h for h in release.hedges if h.category == BOOSTER}
    s_boost = {_hedge_key(h): h for h in source.hedges if h.category == BOOSTER}
    for key, hedge in s_hedges.items():
        if key not in r_hedges:
            reasons.append(f"dropped: {hedge.text.casefold()}")
            if _outside(hedge, kept_s):
                balance += HEDGE_WEIGHT
    for key, hedge in r_hedges.items():
        if key not in s_hedges:
            reasons.append(f"added hedge: {hedge.text.casefold()}")
            if _outside(hedge, kept_r):
                balance -= HEDGE_WEIGHT
    for key, hedge in r_boost.items():
        if key not in s_boost:
            reasons.append(f"added: {hedge.text.casefold()}")
            balance += BOOSTER_WEIGHT
    for key, hedge in s_boost.items():
        if key not in r_boost:
            reasons.append(f"dropped booster: {hedge.text.casefold()}")
            balance -= BOOSTER_WEIGHT

    r_pop, s_pop = _populations(release.text), _populations(source.text)
    for key, words in s_pop.items():
        if key not in r_pop:
            reasons.append(f"dropped: {words.casefold()}")
            balance += POPULATION_WEIGHT
    for key, words in r_pop.items():
        if key not in s_pop:
            reasons.append(f"added: {words.casefold()}")
            balance -= POPULATION_WEIGHT

    r_advice = _ADVICE.search(release.text)
    if r_advice and not _ADVICE.search(source.text):
        reasons.append(f"advice the source does not give: {r_advice.group(0).casefold()}")
        balance += THRESHOLD if advice_only else ADVICE_WEIGHT

    if balance >= THRESHOLD:
        verdict = EXAGGERATES
    elif balance <= -THRESHOLD:
        verdict = DOWNPLAYS
    else:
        verdict = SAME
    return verdict, tuple(reasons)
