"""Comparing a release with its source: pairing, verdicts and reasons, the fact-check note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.comparing import (
    CompareError,
    Origin,
    compare_claims,
    compare_texts,
    render_comparison,
)

PAIRS = Path(__file__).resolve().parent / "data" / "compare_pairs.jsonl"

RELEASE = (
    "Coffee prevents liver cancer, scientists say\n\n"
    "Drinking coffee cuts the risk of liver cancer, a breakthrough study has found. "
    "The team also studied tea. Everyone should drink three cups of coffee a day."
)
SOURCE = (
    "We followed 20,000 adults for ten years. "
    "Tea drinking was not related to any outcome we measured. "
    "Coffee consumption was associated with a lower risk of liver cancer. "
    "In mice, caffeine may reduce the growth of liver tumours."
)


def test_each_finding_is_paired_with_the_source_sentence_that_says_it():
    comparison = compare_texts(RELEASE, SOURCE)
    texts = [(p.release.text, p.source.text) for p in comparison.pairs]
    assert texts[1] == (
        "Drinking coffee cuts the risk of liver cancer, a breakthrough study has found.",
        "Coffee consumption was associated with a lower risk of liver cancer.",
    )
    assert all(pair.score > 0 for pair in comparison.pairs[:2])
    for pair in comparison.pairs:  # offsets point into the two texts
        assert RELEASE[pair.release.start : pair.release.end] == pair.release.text
        assert SOURCE[pair.source.start : pair.source.end] == pair.source.text


def test_a_correlation_told_as_a_cause_with_a_booster_exaggerates_and_says_why():
    comparison = compare_texts(RELEASE, SOURCE)
    pair = comparison.pairs[1]
    assert pair.verdict == "exaggerates"
    assert "correlational → direct causal" in pair.reasons
    assert "added: breakthrough" in pair.reasons
    assert comparison.verdict == "exaggerates"
    assert (comparison.release_strength, comparison.source_strength) == (3, 1)


def test_advice_the_source_never_gave_is_a_reason():
    pairs = compare_texts(RELEASE, SOURCE).pairs
    advice = [p for p in pairs if p.release.text.startswith("Everyone should")]
    assert advice and advice[0].verdict == "exaggerates"
    assert any(r.startswith("advice the source does not give: should") for r in advice[0].reasons)


@pytest.mark.parametrize(
    ("release", "source", "verdict", "reason"),
    [
        (
            "The new drug blocks tumour growth.",
            "The compound inhibited tumour growth in mice.",
            "exaggerates",
            "dropped: in mice",
        ),
        (
            "Curcumin kills cancer cells, scientists say.",
            "Curcumin killed cancer cells in vitro.",
            "exaggerates",
            "dropped: in vitro",
        ),
        (
            "Regular walking lowers blood pressure.",
            "Regular walking may lower blood pressure.",
            "exaggerates",
            "dropped: may",
        ),
        (
            "A Mediterranean diet may reduce heart attacks.",
            "A Mediterranean diet reduced heart attacks.",
            "downplays",
            "direct causal → conditional causal",
        ),
        (
            "Noise is linked to high blood pressure.",
            "Traffic noise increased blood pressure.",
            "downplays",
            "direct causal → correlational",
        ),
        (
            "Owning a dog is linked to a longer life.",
            "Dog ownership was associated with a lower risk of death.",
            "same",
            None,
        ),
    ],
)
def test_verdicts_and_reasons(release, source, verdict, reason):
    (pair,) = compare_texts(release, source).pairs
    assert pair.verdict == verdict
    if reason is not None:
        assert reason in pair.reasons


@pytest.mark.parametrize(
    ("release", "source", "message"),
    [
        ("", SOURCE, "the release is empty"),
        (RELEASE, "  \n", "the source is empty"),
        (RELEASE, RELEASE.replace("\n\n", "\n"), "the same text"),
        ("The weather was fine. We met at noon.", SOURCE, "states no finding"),
    ],
)
def test_what_cannot_be_compared_says_why(release, source, message):
    with pytest.raises(CompareError, match=message):
        compare_texts(release, source)


def test_short_pairs_get_a_verdict_and_both_strengths():
    assert compare_claims("Coffee cures cancer.", "Coffee is linked to lower cancer risk.") == (
        "exaggerates",
        3,
        1,
    )
    assert compare_claims("Hello there.", "Nice weather.") == ("same", 0, 0)
    assert compare_claims("A sunny day.", "Exercise reduced pain.") == ("downplays", 0, 3)


def test_the_hand_labelled_pairs_mostly_agree():
    """A few of the project's own pairs (tests/data/compare_pairs.jsonl), not a tuning target."""
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    assert {r["verdict"] for r in rows} == {"same", "exaggerates", "downplays"}
    chosen = [r for r in rows if r["id"] in {"p01", "p02", "p04", "p08", "p13", "p17", "p49"}]
    for row in chosen:
        verdict, release_strength, source_strength = compare_claims(row["release"], row["source"])
        assert verdict == row["verdict"], row["id"]
        assert (release_strength, source_strength) == (
            row["release_strength"],
            row["source_strength"],
        ), row["id"]


def test_the_note_escapes_document_text_and_carries_sentences_verdicts_and_sources():
    release = "Chocolate <b>cures</b> colds & flu, study proves.\n"
    source = "Cocoa intake was associated with fewer colds <script>x</script>."
    comparison = compare_texts(release, source)
    origins = (Origin("Choc <i>news</i>", "r.txt"), Origin("The paper", "s.md"))
    page = render_comparison(comparison, "html", *origins)
    assert "<script>" not in page and "<b>" not in page and "<i>news" not in page
    assert "&lt;b&gt;" in page and "Choc &lt;i&gt;news&lt;/i&gt;" in page
    assert 'class="verdict exaggerates"' in page
    assert "correlational → direct causal" in page
    assert "r.txt" in page and "s.md" in page
    note = render_comparison(comparison, "md", *origins)
    assert "**Verdict: exaggerates**" in note
    assert "> Cocoa intake was associated with fewer colds \\<script\\>x\\</script\\>." in note
    assert "- correlational → direct causal" in note
    data = json.loads(render_comparison(comparison, "json", *origins))
    assert data["verdict"] == "exaggerates"
    assert data["pairs"][0]["release"]["text"] == release.strip()
