"""Claim strength as a reader sees it: the same relation stated as a cause, a hedged cause,
an association, or not at all."""

from reader.hedging.claims import claim_profile, find_claims, label_sentence


def test_the_four_strengths():
    assert label_sentence("Coffee causes cancer in adults.")[0] == "direct_causal"
    assert label_sentence("Coffee may reduce the risk of liver disease.")[0] == "conditional_causal"
    assert label_sentence("Coffee drinking was associated with longer life.")[0] == "correlational"
    assert label_sentence("Participants were recruited in 2019.")[0] == "no_claim"


def test_cues_point_at_the_words_that_make_the_claim():
    text = "Background text here. Exercise is linked to better sleep."
    (claim,) = find_claims(text)
    assert claim.label == "correlational"
    assert [text[c.start : c.end] for c in claim.cues] == ["linked to"]


def test_profile_counts_findings_and_the_causal_share():
    text = "Smoking causes cancer. Tea is associated with calm. Nothing else was measured."
    profile = claim_profile(text)
    assert (profile.findings, profile.direct_causal, profile.correlational) == (2, 1, 1)
    assert profile.causal_share == 0.5
