"""Value types shared by the detector and everything that shows its results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["hedge", "booster"]

#: The category every booster carries.
BOOSTER = "booster"

#: Category id -> label a reader understands, in the order legends show them.
CATEGORIES: dict[str, str] = {
    "modal": "Modal (may, might, could)",
    "epistemic": "Epistemic verb (suggest, indicate, appear)",
    "probability": "Probability (likely, possible, perhaps)",
    "approximator": "Approximator (approximately, about, roughly)",
    "tentative": "Tentative or limiting (preliminary, remains unclear)",
    "attribution": "Attribution shield (some experts say, it is believed)",
    BOOSTER: "Booster (breakthrough, proves, cure)",
}


@dataclass(frozen=True, slots=True)
class Hedge:
    """One marked span: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    category: str
    kind: Kind = "hedge"

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class HedgeProfile:
    """Per-document figures, computed once at indexing time."""

    words: int
    sentences: int
    hedges: int
    boosters: int
    hedged_sentences: int
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def hedges_per_1k(self) -> float:
        return 1000.0 * self.hedges / self.words if self.words else 0.0

    @property
    def boosters_per_1k(self) -> float:
        return 1000.0 * self.boosters / self.words if self.words else 0.0

    @property
    def hedged_share(self) -> float:
        """Share of sentences (0..1) that carry at least one hedge."""
        return self.hedged_sentences / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "hedges": self.hedges,
            "boosters": self.boosters,
            "hedged_sentences": self.hedged_sentences,
            "hedges_per_1k": round(self.hedges_per_1k, 2),
            "boosters_per_1k": round(self.boosters_per_1k, 2),
            "hedged_share": round(self.hedged_share, 4),
            "by_category": dict(self.by_category),
        }
