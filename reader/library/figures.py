"""A document's hedge and claim figures, from the one analysis every screen and export uses.

The list row, the reading header, the legend, exports and ``search --json`` all show
figures of the same analysis: the detector as installed plus the user's own phrases.
Each stored document records which analysis made its figures (``fingerprint``); when
the detector or the phrases change, ``Library.reanalyse`` brings the stale ones up to
date from their stored text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import reader.hedging
from reader.hedging import find_hedges, profile
from reader.hedging.claims import claim_profile
from reader.library.documents import claim_fields

#: Files of the detector that do not change what it finds.
_NOT_ANALYSIS = {"training.py", "README.md"}


@cache
def _detector_hash() -> str:
    """A hash of the installed detector: its code, lexicon and weights."""
    root = Path(reader.hedging.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name not in _NOT_ANALYSIS and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(phrases: Mapping[str, str] | None = None) -> str:
    """Which analysis made a document's figures: the detector and the user's phrases."""
    extra = json.dumps(sorted((phrases or {}).items()), ensure_ascii=False)
    return f"{_detector_hash()}-{hashlib.sha256(extra.encode()).hexdigest()[:12]}"


def figure_fields(body: str, phrases: Mapping[str, str] | None = None) -> dict[str, object]:
    """The index fields of a body's hedge and claim figures, and the fingerprint of their
    analysis."""
    figures = profile(body, find_hedges(body, extra=dict(phrases) if phrases else None))
    return {
        "words": figures.words,
        "hedges": round(figures.hedges_per_1k, 3),
        "boosters": round(figures.boosters_per_1k, 3),
        "hedged_share": round(figures.hedged_share, 4),
        "hedge_count": figures.hedges,
        "booster_count": figures.boosters,
        "categories": ",".join(sorted(figures.by_category)),
        "by_category": dict(figures.by_category),
        **claim_fields(claim_profile(body)),
        "analysis": fingerprint(phrases),
    }
