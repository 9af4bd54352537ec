"""Claim strength as a reader sees it: the same relation stated as a cause, a hedged cause,
an association, or not at all, and the words the reading pane marks for it."""

import json
from pathlib import Path

import pytest

from reader.hedging import claims
from reader.hedging.claims import (
    LABEL_NAMES,
    LABELS,
    STRENGTH,
    claim_profile,
    find_claims,
    label_sentence,
    label_sentences,
)

LABELS_FILE = Path(__file__).resolve().parents[1] / "data" / "claims" / "labels.jsonl"


def cue_words(sentence: str) -> list[tuple[str, str]]:
    _, cues = label_sentence(sentence)
    return [(sentence[c.start : c.end], c.kind) for c in cues]


def test_the_four_strengths():
    assert label_sentence("Coffee causes cancer in adults.")[0] == "direct_causal"
    assert label_sentence("Coffee may reduce the risk of liver disease.")[0] == "conditional_causal"
    assert label_sentence("Coffee drinking was associated with longer life.")[0] == "correlational"
    assert label_sentence("Participants were recruited in 2019.")[0] == "no_claim"


def test_causes_and_is_associated_with_are_told_apart_and_marked():
    assert label_sentence("Coffee causes cancer.")[0] == "direct_causal"
    assert cue_words("Coffee causes cancer.") == [("causes", "causal")]
    assert label_sentence("Coffee is associated with cancer.")[0] == "correlational"
    assert cue_words("Coffee is associated with cancer.") == [("associated with", "correlational")]


def test_a_hedged_cause_marks_the_hedge_and_the_verb():
    sentence = "Eating nuts might lower blood pressure in older adults."
    assert label_sentence(sentence)[0] == "conditional_causal"
    assert cue_words(sentence) == [("might", "condition"), ("lower", "causal")]
    assert label_sentence("The drug appears to reduce pain.")[0] == "conditional_causal"


def test_negated_causes_are_still_direct_causal_as_in_yu():
    assert label_sentence("Vitamin D supplements did not improve bone density.")[0] == (
        "direct_causal"
    )
    assert label_sentence("Letrozole had no effect on survival.")[0] == "direct_causal"
    assert label_sentence("Migraine was not associated with dementia.")[0] == "correlational"


def test_headlines_without_verbs():
    assert label_sentence("Drug X ineffective for chronic back pain")[0] == "direct_causal"
    assert label_sentence("Coffee linked to longer life")[0] == "correlational"
    assert label_sentence("Aspirin may lower melanoma risk")[0] == "conditional_causal"


def test_can_states_a_capacity_not_a_hedge():
    assert label_sentence("Yoga can reduce stress in nurses.")[0] == "direct_causal"


def test_risk_wording_is_correlational_but_a_cause_acting_on_a_risk_is_not():
    assert label_sentence("Smokers have an increased risk of stroke.")[0] == "correlational"
    assert label_sentence("Smokers were more likely to have a stroke.")[0] == "correlational"
    assert label_sentence("Exercise reduces the risk of stroke.")[0] == "direct_causal"


def test_group_differences_are_correlational():
    assert label_sentence("Serum zinc was lower in patients than in controls.")[0] == (
        "correlational"
    )


def test_recommendations_aims_and_purposes_are_not_findings():
    for sentence in (
        "Further studies are needed to determine whether statins reduce mortality.",
        "Clinicians should encourage patients to exercise to improve their sleep.",
        "We aimed to assess whether fish oil prevents depression.",
        "Strategies to reduce obesity in children are discussed.",
    ):
        assert label_sentence(sentence) == ("no_claim", ()), sentence


def test_adjectival_causal_words_do_not_make_a_cause():
    # "increased" and "improved" describe the outcome; the relation is the association.
    sentence = "Statin use was associated with improved survival."
    assert label_sentence(sentence)[0] == "correlational"
    assert ("improved", "causal") not in cue_words(sentence)


def test_cues_point_at_the_words_that_make_the_claim():
    text = "Background text here. Exercise is linked to better sleep."
    (claim,) = find_claims(text)
    assert claim.label == "correlational"
    assert [text[c.start : c.end] for c in claim.cues] == ["linked to"]


def test_find_claims_offsets_are_into_the_text_and_phrases_may_span_lines():
    text = "Methods were standard.\n\nIn this cohort, obesity was associated\nwith asthma. " * 3
    found = find_claims(text)
    assert len(found) == 3
    for claim in found:
        assert text[claim.start : claim.end].startswith("In this cohort")
        assert [" ".join(text[c.start : c.end].split()) for c in claim.cues] == ["associated with"]
        assert claim.strength == STRENGTH["correlational"] == 1


def test_text_whose_lowercase_is_longer_keeps_offsets():
    text = "İstanbul data: coffee causes insomnia. İİİ ok."
    (claim,) = find_claims(text)
    assert text[claim.cues[0].start : claim.cues[0].end] == "causes"


def test_profile_counts_findings_and_the_causal_share():
    text = "Smoking causes cancer. Tea is associated with calm. Nothing else was measured."
    profile = claim_profile(text)
    assert (profile.findings, profile.direct_causal, profile.correlational) == (2, 1, 1)
    assert profile.causal_share == 0.5
    assert claim_profile("").causal_share == 0.0


def test_batch_labelling_matches_one_at_a_time():
    sentences = ["Coffee causes cancer.", "Tea may help.", "Nothing here.", ""]
    assert label_sentences(sentences) == [label_sentence(s) for s in sentences]


def test_labels_names_and_strengths_are_ordered_weakest_first():
    assert LABELS == ("no_claim", "correlational", "conditional_causal", "direct_causal")
    assert [STRENGTH[label] for label in LABELS] == [0, 1, 2, 3]
    assert set(LABEL_NAMES) == set(LABELS)


def test_every_claim_on_our_labels_has_cues_inside_its_sentence():
    records = [json.loads(line) for line in LABELS_FILE.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 1500
    for record in records:
        label, cues = label_sentence(record["text"])
        assert label in LABELS
        if label != "no_claim":
            assert cues, record["text"]
        for cue in cues:
            assert 0 <= cue.start < cue.end <= len(record["text"])
            assert cue.kind in ("causal", "correlational", "condition")


def test_without_the_weights_file_the_rules_still_label(monkeypatch, tmp_path):
    monkeypatch.setattr(claims, "WEIGHTS_PATH", tmp_path / "missing.json")
    monkeypatch.setattr(claims, "_model_loaded", False)
    monkeypatch.setattr(claims, "_model", None)
    assert label_sentence("Coffee causes cancer.")[0] == "direct_causal"
    assert claims._load_model() is None
    monkeypatch.setattr(claims, "_model_loaded", False)  # reload the real weights afterwards


@pytest.mark.parametrize("split", ["dev"])
def test_our_dev_split_is_labelled_well_above_chance(split):
    from benchmarks.eval_claims import read_gold, scores

    rows = read_gold(LABELS_FILE, split)
    predicted = [label for label, _ in label_sentences([text for _, text, _ in rows])]
    result = scores([gold for _, _, gold in rows], predicted)
    assert len(rows) > 400
    assert result["macro"] >= 0.65


def test_clearing_a_substance_is_a_cause_but_being_clear_is_not():
    walking = label_sentence("Walking clears the amyloid plaques from the brain.")
    assert walking[0] == "direct_causal"
    assert label_sentence("It is clear that more work is needed.")[0] == "no_claim"


def test_no_text_of_cue_words_and_apostrophes_crashes_the_labeller():
    """Seeded fuzz: cue words glued with apostrophes and punctuation (an apostrophe before
    two cues once raised IndexError, so such a document could not be read or indexed)."""
    import random

    from reader.hedging.claims import claim_profile

    words = [
        "a",
        "the",
        "reduces",
        "causes",
        "may",
        "suggest",
        "associated",
        "with",
        "linked",
        "to",
        "prevents",
        "leads",
        "increased",
        "risk",
        "of",
        "'",
        "n't",
        "if",
        "whether",
        "could",
        "lower",
        "patients",
        "in",
        "mice",
    ]
    rng = random.Random(3)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 20)):
            word = rng.choice(words)
            word = ("'" if rng.random() < 0.3 else "") + word + rng.choice(["", "", ".", "'", ","])
            parts.append(word)
        text = rng.choice([" ", "'", ""]).join(parts)
        found = find_claims(text)
        assert claim_profile(text).findings == len(found)
