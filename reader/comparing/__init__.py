"""Comparing a press release (or news story) with the paper it reports, finding by finding.

Public interface (pure Python, no Textual):

* ``compare_texts(release, source) -> Comparison``: every release finding paired with its
  best-matching source sentence, each pair with a verdict (``same``, ``exaggerates``,
  ``downplays``) and its reasons; ``CompareError`` says in one line why two texts cannot be
  compared (an empty side, no finding in the release, the same text twice).
* ``compare_claims(release, source) -> (verdict, release_strength, source_strength)``: the
  same for two short texts (``compare --jsonl``).
* ``render_comparison(comparison, fmt, ...)``: the fact-check note as HTML, Markdown or JSON.
"""

from reader.comparing.compare import (
    DOWNPLAYS,
    EXAGGERATES,
    SAME,
    VERDICTS,
    CompareError,
    Comparison,
    Pair,
    Side,
    compare_claims,
    compare_texts,
    judge,
)
from reader.comparing.export import (
    COMPARE_FORMATS,
    Origin,
    comparison_filename,
    render_comparison,
)

__all__ = [
    "COMPARE_FORMATS",
    "DOWNPLAYS",
    "EXAGGERATES",
    "SAME",
    "VERDICTS",
    "CompareError",
    "Comparison",
    "Origin",
    "Pair",
    "Side",
    "compare_claims",
    "compare_texts",
    "comparison_filename",
    "judge",
    "render_comparison",
]
