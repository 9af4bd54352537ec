"""Claim strength: how strongly a finding sentence states a relation between two things.

The scale is the one the literature uses (Sumner et al. 2014; Yu et al. 2019, 2020), weakest
first: ``no_claim`` (no relation stated), ``correlational`` ("associated with", "linked to",
"predicts", group differences), ``conditional_causal`` (a causal verb under a hedge: "may
reduce", "could lead to") and ``direct_causal`` ("causes", "reduces", "prevents", "leads to").

Public interface (pure Python, no Textual, nothing loaded from the network):

* ``label_sentence(sentence) -> (label, cues)``: the label of one sentence and the cue words
  behind it, offsets into ``sentence``.
* ``find_claims(text) -> list[Claim]``: every sentence of ``text`` that states a finding
  (label other than ``no_claim``), in order, offsets into ``text``.
* ``claim_profile(text) -> ClaimProfile``: the per-document counts the library stores.
* ``LABELS`` (weakest first), ``STRENGTH`` (label -> 0..3), ``LABEL_NAMES`` (for people).

This first version is a cue lexicon with a few context rules; the labeller behind the same
interface can be replaced by a learned one without touching its callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.hedging.sentences import sentence_spans

__all__ = [
    "LABELS",
    "LABEL_NAMES",
    "STRENGTH",
    "Claim",
    "ClaimCue",
    "ClaimProfile",
    "claim_profile",
    "find_claims",
    "label_sentence",
]

NO_CLAIM = "no_claim"
CORRELATIONAL = "correlational"
CONDITIONAL_CAUSAL = "conditional_causal"
DIRECT_CAUSAL = "direct_causal"
LABELS: tuple[str, ...] = (NO_CLAIM, CORRELATIONAL, CONDITIONAL_CAUSAL, DIRECT_CAUSAL)
STRENGTH: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
LABEL_NAMES: dict[str, str] = {
    NO_CLAIM: "no claim",
    CORRELATIONAL: "correlational",
    CONDITIONAL_CAUSAL: "conditional causal",
    DIRECT_CAUSAL: "direct causal",
}

# Cue kinds: what a cue word contributes to the label.
CAUSAL = "causal"  # a causal verb or noun ("reduces", "leads to", "the effect of")
ASSOCIATION = "correlational"  # a relation without a direction ("associated with")
CONDITION = "condition"  # a hedge that turns a causal verb conditional ("may", "could")


@dataclass(frozen=True, slots=True)
class ClaimCue:
    """One cue word or phrase behind a claim label; ``kind`` is one of the cue kinds above."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence that states a finding, with its strength and the cues that show it."""

    start: int
    end: int
    label: str
    cues: tuple[ClaimCue, ...]

    @property
    def strength(self) -> int:
        return STRENGTH[self.label]


@dataclass(frozen=True, slots=True)
class ClaimProfile:
    """Per-document claim counts; ``causal_share`` is the figure the library shows."""

    findings: int = 0
    correlational: int = 0
    conditional_causal: int = 0
    direct_causal: int = 0

    @property
    def causal_share(self) -> float:
        """Share of finding sentences stated as a direct cause (0 when there are none)."""
        return self.direct_causal / self.findings if self.findings else 0.0


def _alternation(words: str) -> str:
    items = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_CAUSAL_STEMS = (
    "caus|reduc|increas|decreas|improv|prevent|lower|rais|boost|protect|worsen|enhanc|"
    "inhibit|induc|trigger|promot|elevat|diminish|alleviat|eliminat|curb|cut|slash|halv|doubl|"
    "tripl|exacerbat|impair|benefit|harm|damag|affect|influenc|alter|driv|restor|revers|delay|"
    "slow|speed|accelerat|suppress|stimulat|activat|block|limit|extend|shorten|ameliorat|"
    "attenuat|mitigat|relie|eas|heal|treat|cur|kill|fuel|spur|hamper|hinder|undermin|strengthen|"
    "weaken|minimi|maximi|optimi|contribut"
)
_CAUSAL_VERB = re.compile(
    r"\b(?:" + _CAUSAL_STEMS + r")(?:e|es|ed|ing|s|d|ies|ied|y)?\b"
    r"|\b(?:leads?|led|leading|results?(?:ed)?|resulting)\s+(?:to|in)\b"
    r"|\b(?:gives?|gave)\s+rise\s+to\b|\bdue\s+to\b|\bbecause\s+of\b|\bresponsible\s+for\b"
    r"|\b(?:effect|impact|benefit)s?\s+(?:of|on)\b|\beffective\b|\befficacy\b",
    re.IGNORECASE,
)
_ASSOCIATION = re.compile(
    r"\b(?:"
    + _alternation(
        "associated with|association|associations|linked to|linked with|link between|links between|"
        "correlated|correlates|correlation|correlations|related to|relationship|relation between|"
        "predicts|predicted|predictor|predictors|predictive|tied to|connected to|"
        "connection between|"
        "more likely|less likely|higher risk|lower risk|increased risk|reduced risk|greater risk|"
        "odds|hazard ratio|risk of|coincided with|accompanied by|in line with|paralleled"
    )
    + r")\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:"
    + _alternation(
        "may|might|could|can|would|possibly|potentially|probably|likely to|appears to|appear to|"
        "seems to|seem to|suggest|suggests|suggested|suggesting|indicate|indicates|if|whether|"
        "hypothesi[sz]e|hypothesis|potential|promise to|expected to"
    )
    + r")\b",
    re.IGNORECASE,
)
_RISK_NOUN = re.compile(r"(?:risk\s+of|odds|hazard\s+ratio)$", re.IGNORECASE)
# Sentences of this shape report what was done, not what was found.
_NOT_A_FINDING = re.compile(
    r"^\s*(?:we|this study|the aim|our aim|the purpose|the objective|objective|aims?|purpose|"
    r"methods?|background|trial registration|registration)\b"
    r"(?:\s+(?:aimed|aim|sought|investigated|examined|assessed|evaluated|studied|analy[sz]ed|"
    r"designed|conducted|performed|recruited|enrolled|measured|describe|explore|explored)\b|:)",
    re.IGNORECASE,
)
_CONDITION_REACH = 60  # a hedge this many characters before a causal verb conditions it


def label_sentence(sentence: str) -> tuple[str, tuple[ClaimCue, ...]]:
    """The claim label of one sentence and its cues (offsets into ``sentence``)."""
    if _NOT_A_FINDING.search(sentence):
        return NO_CLAIM, ()
    causal = [ClaimCue(m.start(), m.end(), CAUSAL) for m in _CAUSAL_VERB.finditer(sentence)]
    links = [ClaimCue(m.start(), m.end(), ASSOCIATION) for m in _ASSOCIATION.finditer(sentence)]
    links = [c for c in links if not any(_overlaps(c, k) for k in causal)]
    if causal:  # "reduces the risk of" is a cause acting on a risk, not an association
        links = [c for c in links if not _RISK_NOUN.match(sentence, c.start, c.end)]
    if causal and not links:
        conditions = [
            ClaimCue(m.start(), m.end(), CONDITION)
            for m in _CONDITION.finditer(sentence)
            if any(0 <= k.start - m.end() <= _CONDITION_REACH for k in causal)
        ]
        if conditions:
            return CONDITIONAL_CAUSAL, _sorted(causal + conditions)
        return DIRECT_CAUSAL, tuple(causal)
    if links:
        return CORRELATIONAL, tuple(links)
    return NO_CLAIM, ()


def find_claims(text: str) -> list[Claim]:
    """Every finding sentence of ``text`` with its label and cues, offsets into ``text``."""
    claims: list[Claim] = []
    for start, end in sentence_spans(text):
        label, cues = label_sentence(text[start:end])
        if label != NO_CLAIM:
            shifted = tuple(ClaimCue(c.start + start, c.end + start, c.kind) for c in cues)
            claims.append(Claim(start, end, label, shifted))
    return claims


def claim_profile(text: str) -> ClaimProfile:
    """Counts of finding sentences by label: what the library stores per document."""
    counts = dict.fromkeys(LABELS, 0)
    for claim in find_claims(text):
        counts[claim.label] += 1
    return ClaimProfile(
        findings=counts[CORRELATIONAL] + counts[CONDITIONAL_CAUSAL] + counts[DIRECT_CAUSAL],
        correlational=counts[CORRELATIONAL],
        conditional_causal=counts[CONDITIONAL_CAUSAL],
        direct_causal=counts[DIRECT_CAUSAL],
    )


def _overlaps(a: ClaimCue, b: ClaimCue) -> bool:
    return a.start < b.end and b.start < a.end


def _sorted(cues: list[ClaimCue]) -> tuple[ClaimCue, ...]:
    return tuple(sorted(cues, key=lambda c: (c.start, c.end)))
