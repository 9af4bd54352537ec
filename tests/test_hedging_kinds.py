"""Kinds of hedge the detector must get right (issues 12 and 16): each kind is checked on the
sentence a reader reported and on at least one other sentence of the same kind, so a rule that
only knew the reported sentence would fail.
"""

from __future__ import annotations

import pytest

from reader.hedging import find_hedges


def spans(text: str, scheme: str = "reader") -> list[tuple[str, str]]:
    return [(h.text, h.category) for h in find_hedges(text, scheme=scheme)]


# (kind, text, marked span, category): the span must be marked, with that category.
MARKED = [
    # not ruling out
    ("rule-out", "We cannot rule out a link with the vaccine.", "cannot rule out", "epistemic"),
    ("rule-out", "Officials did not rule out further delays.", "did not rule out", "epistemic"),
    ("rule-out", "A small effect can't be ruled out.", "can't be ruled out", "epistemic"),
    # hints
    ("hint", "The results hinted at a benefit for older adults.", "hinted", "epistemic"),
    ("hint", "Early scans hint at damage to the liver.", "hint", "epistemic"),
    ("hint", "New data hints that the virus spreads faster.", "hints", "epistemic"),
    # early days, infancy
    ("early-days", "It is early days for the therapy.", "It is early days", "tentative"),
    (
        "early-days",
        "Gene editing of embryos is still in its infancy.",
        "still in its infancy",
        "tentative",
    ),
    (
        "early-days",
        "The field of microbiome medicine is in its infancy.",
        "in its infancy",
        "tentative",
    ),
    # weak evidence
    ("thin-evidence", "The evidence is limited.", "The evidence is limited", "tentative"),
    ("thin-evidence", "But the evidence remains thin.", "the evidence remains thin", "tentative"),
    (
        "thin-evidence",
        "The data were inconclusive on dementia.",
        "The data were inconclusive",
        "tentative",
    ),
    (
        "thin-evidence",
        "The certainty of the evidence was low.",
        "certainty of the evidence was low",
        "tentative",
    ),
    (
        "thin-evidence",
        "The review found low-certainty evidence for zinc.",
        "low-certainty evidence",
        "tentative",
    ),
    (
        "thin-evidence",
        "Quality of evidence was rated very low.",
        "Quality of evidence was rated very low",
        "tentative",
    ),
    # not peer reviewed
    (
        "not-reviewed",
        "The study has not been peer reviewed.",
        "has not been peer reviewed",
        "tentative",
    ),
    (
        "not-reviewed",
        "The preprint is yet to be peer-reviewed.",
        "yet to be peer-reviewed",
        "tentative",
    ),
    (
        "not-reviewed",
        "The findings, not yet peer reviewed, were posted online.",
        "not yet peer reviewed",
        "tentative",
    ),
    # caution
    (
        "caution",
        "The results should be interpreted with caution.",
        "interpreted with caution",
        "tentative",
    ),
    ("caution", "These figures must be treated with care.", "treated with care", "tentative"),
    ("caution", "Take the claims with a grain of salt.", "with a grain of salt", "tentative"),
    # lending support
    (
        "lend-support",
        "The findings lend some support to the idea.",
        "lend some support",
        "epistemic",
    ),
    (
        "lend-support",
        "Mouse work lends further support to the theory.",
        "lends further support",
        "epistemic",
    ),
    # a capability claimed for a method (not someone's past ability)
    (
        "could-method",
        "A blood test could identify cancer with roughly 90% accuracy.",
        "could",
        "modal",
    ),
    ("could-method", "The new scan could detect tumours years earlier.", "could", "modal"),
    ("could-method", "Diet changes could curb the rise in diabetes.", "could", "modal"),
    # a modal stating a possible effect
    ("effect-modal", "Spending time near water can boost mental health.", "can", "modal"),
    ("effect-modal", "The tax would cut demand for sugary drinks.", "would", "modal"),
    ("effect-modal", "This should allow doctors to act sooner.", "should", "modal"),
    # news attitude and doxastic verbs
    ("attitude", "The firm was accused of hiding the data.", "accused", "attribution"),
    ("attitude", "Rights groups accuse the ministry of torture.", "accuse", "attribution"),
    ("attitude", "Allegations of fraud surfaced in May.", "Allegations", "attribution"),
    ("attitude", "Doctors fear that the outbreak will spread.", "fear", "attribution"),
    ("attitude", "Amid fears of a recession, shares fell.", "fears", "attribution"),
    ("attitude", "Six climbers are feared dead.", "feared", "attribution"),
    ("attitude", "The IMF forecast growth of 3% next year.", "forecast", "epistemic"),
    ("attitude", "Prices are expected to rise in spring.", "expected", "epistemic"),
    ("attitude", "The gunman reportedly fled on foot.", "reportedly", "attribution"),
    ("attitude", "The virus is believed to have come from bats.", "believed", "attribution"),
    ("attitude", "Unnamed sources said the deal was close.", "Unnamed sources said", "attribution"),
    ("attitude", "Many consider the ruling a setback.", "consider", "attribution"),
    ("attitude", "He is widely considered the best surgeon in town.", "considered", "attribution"),
    ("attitude", "Coffee was long seen as a vice.", "was long seen as", "attribution"),
    ("attitude", "Critics cast doubt on the figures.", "cast doubt", "tentative"),
    ("attitude", "Researchers hope to confirm the result next year.", "hope", "tentative"),
    ("attitude", "We estimate the cost at $10 a year.", "estimate", "approximator"),
    ("attitude", "He was suspected of fraud.", "suspected", "epistemic"),
    ("attitude", "The suspected gunman fled on foot.", "suspected", "epistemic"),
    # a question left open
    ("open-whether", "Trials now test whether the drug works in people.", "whether", "tentative"),
    ("open-whether", "The question is whether the effect lasts.", "whether", "tentative"),
    # a hypothetical outcome: modelled, not observed
    (
        "hypothetical-would",
        "Without the insulating layer, the oceans would have frozen long ago.",
        "would",
        "modal",
    ),
    (
        "hypothetical-would",
        "Switching fuels would require a leak rate below 1.4%.",
        "would",
        "modal",
    ),
    ("hypothetical-would", "Even a global war would not change the total much.", "would", "modal"),
    ("hypothetical-would", "Most of the ice would still be there in 2100.", "would", "modal"),
    (
        "author-framing",
        "We would argue that reviewers are swayed by the journal.",
        "We would argue",
        "epistemic",
    ),
    ("author-framing", "That link remains a matter of conjecture.", "conjecture", "epistemic"),
    # a quantity given as a bound or vaguely
    ("bound", "Yields rose by as much as 700 percent.", "as much as", "approximator"),
    ("bound", "Sulfate levels were as low as 200 micromolar.", "as low as", "approximator"),
    ("bound", "The samples give dates of ca. 1500 BC.", "ca.", "approximator"),
    ("vague-quantity", "The bee is crawling with dozens of larvae.", "dozens of", "approximator"),
    (
        "vague-quantity",
        "The oceans froze hundreds of millions of years ago.",
        "hundreds of",
        "approximator",
    ),
    ("vague-quantity", "A handful of countries ban it outright.", "A handful of", "approximator"),
    # limited scope: true of part of the cases, or only roughly
    ("limited-scope", "In some cases the rash returns.", "In some cases", "approximator"),
    (
        "limited-scope",
        "Dry heat had a similar effect, to a lesser extent.",
        "to a lesser extent",
        "approximator",
    ),
    ("limited-scope", "The two samples gave almost identical dates.", "almost", "approximator"),
    ("limited-scope", "Most mothers took it nearly daily.", "nearly", "approximator"),
    # boosters
    ("booster", "Surgeons called it a world first.", "world first", "booster"),
    ("booster", "It is the world's first malaria vaccine for infants.", "world's first", "booster"),
    ("booster", "The landmark trial changed practice.", "landmark trial", "booster"),
    ("booster", "A landmark study of 40,000 nurses.", "landmark study", "booster"),
    ("booster", "The results were stunning.", "stunning", "booster"),
    ("booster", "An astonishing drop in deaths followed.", "astonishing", "booster"),
    ("booster", "The trial settles the question once and for all.", "once and for all", "booster"),
    ("booster", "A transformative therapy for sickle cell.", "transformative", "booster"),
    ("booster", "This is unequivocal proof that it works.", "unequivocal proof", "booster"),
    ("booster", "The data show unequivocally that masks help.", "unequivocally", "booster"),
    ("booster", "Some call it a paradigm shift in oncology.", "paradigm shift", "booster"),
]


@pytest.mark.parametrize(("kind", "text", "span", "category"), MARKED)
def test_kind_is_marked(kind: str, text: str, span: str, category: str):
    found = spans(text)
    assert (span, category) in found, (kind, found)


# (kind, text, word): nothing containing ``word`` may be marked.
NOT_MARKED = [
    # a comparison with what people think is not a hedge
    ("than-think", "Coffee is weaker than you think.", "think"),
    ("than-think", "Bats are more common than most people believe.", "believe"),
    ("than-think", "The drug worked better than researchers expected.", "expected"),
    # advice, not a claim about evidence
    ("advice", "She suggested we meet.", "suggested"),
    ("advice", "He suggested that you call the clinic first.", "suggested"),
    ("advice", "My doctor suggests we wait a week.", "suggests"),
    # names
    ("name", "The Breakthrough Prize went to two chemists.", "Breakthrough"),
    ("name", "She joined Breakthrough Energy last year.", "Breakthrough"),
    ("name", "He won a Miracle Award in 2019.", "Miracle"),
    # words talked about, not used
    ("mention", "Do not describe a mouse study as a cure.", "cure"),
    ("mention", "Newspapers described the pill as a miracle.", "miracle"),
    ("mention", "Avoid words like breakthrough in headlines.", "breakthrough"),
    ("mention", 'Drugs described as "possible" were excluded.', "possible"),
    ("mention", "The term 'cure' is banned from our style guide.", "cure"),
    # deontic and ability modals
    ("deontic", "Users may download the client for free.", "may"),
    ("deontic", "Members may not attack one another.", "may"),
    ("ability", "Patients could walk after two weeks.", "could"),
    ("ability", "We could identify 40 of the 42 sites.", "could"),
    ("purpose", "They moved so that his father could work in London.", "could"),
    ("effect-modal", "The device can store a week of readings.", "can"),
    ("effect-modal", "You should rest for a day.", "should"),
    ("effect-modal", "He would later become a surgeon.", "would"),
    ("hypothetical-would", "The company would not comment on the report.", "would"),
    ("hypothetical-would", "She would go on to win two more titles.", "would"),
    ("hypothetical-would", "An example would be the use of statins.", "would"),
    ("bound", "Blood levels of Ca.", "Ca."),
    ("bound", "He earned as much as his brother.", "as much as"),
    ("bound", "Twice as many people attended as last year.", "as many as"),
    ("limited-scope", "They almost missed the last train.", "almost"),
    ("degree-word", "Rents are relatively high in the city.", "relatively"),
    ("degree-word", "The crowd was mostly young.", "mostly"),
    ("effect-modal", "Patients should avoid alcohol.", "should"),
    # emotions and nouns that look like attitude verbs
    ("attitude", "Her fear of flying began in childhood.", "fear"),
    ("attitude", "The accused was released on bail.", "accused"),
    ("attitude", "The hotel has a view of the sea.", "view"),
    ("attitude", "We consider the following cases.", "consider"),
    ("attitude", "Hope Street was closed.", "Hope"),
    ("attitude", "A hint of lemon lifts the dish.", "hint"),
    ("attitude", "They used the data to estimate the risk.", "estimate"),
    ("open-whether", "Regardless of whether you walk or cycle, move daily.", "whether"),
    ("open-whether", "Whether you walk or cycle, move daily.", "whether"),
    ("attitude", "Contrary to popular belief, frailty is not inevitable.", "belief"),
    ("effect-modal", "Charities should stop selling false hope.", "should"),
]


@pytest.mark.parametrize(("kind", "text", "word"), NOT_MARKED)
def test_kind_is_not_marked(kind: str, text: str, word: str):
    found = spans(text)
    assert not [t for t, _ in found if word.lower() in t.lower()], (kind, found)


def test_no_doubt_is_a_booster_not_a_doubt():
    assert spans("There is no doubt that smoking kills.") == [("no doubt", "booster")]
    assert spans("There is little doubt that it works.") == []


def test_landmark_alone_is_not_a_booster():
    assert spans("The church is a local landmark.") == []


# --- the BioScope convention -----------------------------------------------------------------


def test_either_or_is_one_cue_marked_or_left_together():
    for text in (
        "It will be either a sequencing error or a pseudogene.",
        "The gene is divided into exons by either one or two introns.",
        "The cells were treated with either LPS or TNF for an hour.",
        "The element worked in either orientation, or so it seemed.",
    ):
        found = [t.lower() for t, _ in spans(text, "bioscope")]
        if "either" in text and "or" in text.split("either", 1)[1].split():
            assert ("either" in found) == ("or" in found), (text, found)


def test_epistemic_must_is_a_cue_and_deontic_must_is_not():
    assert ("must", "modal") in spans("This effect must involve another mechanism.", "bioscope")
    assert ("must", "modal") in spans("Signaling through AdoR must play a role.", "bioscope")
    assert spans("Parameter optimization must be performed with care.", "bioscope") == []
    assert spans("Proteins must be co-localized in order to interact.", "bioscope") == []


def test_estimates_offered_as_claims_are_cues():
    assert ("estimated", "epistemic") in spans(
        "It has been estimated that the map is 10% complete.", "bioscope"
    )
    assert ("estimated", "epistemic") in spans("The map is estimated to be complete.", "bioscope")
    assert spans("The estimated rate was 5%.", "bioscope") == []
    assert spans("We used it to estimate the rate.", "bioscope") == []


def test_expected_to_is_a_cue_and_expected_by_chance_is_not():
    assert ("expected", "epistemic") in spans(
        "The motif is expected to be crucial for transposition.", "bioscope"
    )
    assert spans("Pairs occur more often than expected by chance.", "bioscope") == []
    assert spans("The expected accuracy was 0.25 by chance alone.", "bioscope") == []


def test_possible_after_a_superlative_or_in_an_enumeration_is_not_a_cue():
    for text in (
        "All were run under the most favorable conditions possible.",
        "It averages over all theoretically possible datasets.",
        "The curve covers the full range of possible values.",
    ):
        assert spans(text, "bioscope") == [], text
    assert ("possible", "probability") in spans("A possible explanation is redundancy.", "bioscope")


def test_remains_to_be_determined_is_a_cue_in_both_schemes():
    text = "Their function remains to be determined."
    assert spans(text, "bioscope") == [("remains to be determined", "tentative")]
    assert spans(text) == [("remains to be determined", "tentative")]
