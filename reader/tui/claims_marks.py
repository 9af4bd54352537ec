"""Claim strength in the reading pane: which mark kind each label gets, and its cue marks.

A finding sentence's cue words ("reduces", "associated with", the "if" of a condition)
are marked with the component class of the sentence's label, so "coffee *causes* cancer"
and "coffee *is associated with* cancer" look different. A cue that is already marked as
a hedge or booster ("may", "suggest") keeps that mark alone: marks never overlap, so
each keeps its look without colour and ``]``/``[`` stop once. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.hedging import Hedge
from reader.hedging.claims import LABEL_NAMES, LABELS, MARK_KINDS, Claim, free_cues

NO_CLAIM, CORRELATIONAL, CONDITIONAL_CAUSAL, DIRECT_CAUSAL = LABELS  # weakest first

#: Label -> the mark kind (``document-view--claim-…`` component class) of its cues.
CLAIM_KINDS: dict[str, str] = MARK_KINDS
#: Mark kind -> label, for what the status line and the legend say.
KIND_LABELS: dict[str, str] = {kind: label for label, kind in CLAIM_KINDS.items()}
#: What the help screen says each claim mark means.
CLAIM_NOTES: dict[str, str] = {
    DIRECT_CAUSAL: 'a finding stated as a cause ("reduces", "leads to", "prevents")',
    CONDITIONAL_CAUSAL: 'a cause under a condition or hedge ("may reduce", "could lead to")',
    CORRELATIONAL: 'an association only ("associated with", "linked to", "predicts")',
}
#: Legend order, strongest first; ``no_claim`` (sentences that state no finding) last.
LEGEND_LABELS: tuple[str, ...] = (DIRECT_CAUSAL, CONDITIONAL_CAUSAL, CORRELATIONAL, NO_CLAIM)
#: Short tags for the claims panel, one width, so the sentences line up.
TAGS: dict[str, str] = {
    DIRECT_CAUSAL: "CAUSE",
    CONDITIONAL_CAUSAL: "cond?",
    CORRELATIONAL: "corr",
}


def is_claim_kind(kind: str) -> bool:
    return kind in KIND_LABELS


def kind_name(kind: str) -> str:
    """What the status line calls a mark kind: "direct causal claim", or the kind itself."""
    label = KIND_LABELS.get(kind)
    return f"{LABEL_NAMES[label]} claim" if label else kind


def hidden_labels(hidden: Iterable[str]) -> frozenset[str]:
    """The claim labels whose mark kind is among the ``hidden`` kinds."""
    return frozenset(KIND_LABELS[kind] for kind in hidden if kind in KIND_LABELS)


def cue_spans(findings: Iterable[Claim], hedges: Sequence[Hedge]) -> list[tuple[int, int, str]]:
    """(start, end, mark kind) for every cue of ``findings`` that no hedge or booster
    overlaps (``claims.free_cues``); ``hedges`` sorted by start, not overlapping."""
    return [(start, end, CLAIM_KINDS[label]) for start, end, label in free_cues(findings, hedges)]


def counts(findings: Iterable[Claim], sentences: int) -> dict[str, int]:
    """Finding sentences per label, and ``no_claim``: the other sentences."""
    found = dict.fromkeys(LEGEND_LABELS, 0)
    for finding in findings:
        found[finding.label] = found.get(finding.label, 0) + 1
    found[NO_CLAIM] = max(sentences - sum(found[label] for label in CLAIM_KINDS), 0)
    return found
