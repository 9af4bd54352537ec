"""The hedge detector: traps never marked, every category found, boosters, schemes, profile.

Self-contained: nothing here reads ../shared (the eval and benchmark scripts do).
"""

from __future__ import annotations

import time

import pytest

from reader.hedging import BOOSTER, CATEGORIES, Hedge, find_hedges, profile
from reader.hedging.detector import WEIGHTS_PATH, sentence_spans


def marked(text: str, scheme: str = "reader") -> list[tuple[str, str, str]]:
    return [(h.text, h.category, h.kind) for h in find_hedges(text, scheme=scheme)]


def texts(text: str, scheme: str = "reader") -> list[str]:
    return [h.text for h in find_hedges(text, scheme=scheme)]


def assert_valid(text: str, hedges: list[Hedge]) -> None:
    previous_end = 0
    for hedge in hedges:
        assert 0 <= hedge.start < hedge.end <= len(text)
        assert hedge.start >= previous_end
        assert text[hedge.start : hedge.end] == hedge.text
        assert hedge.category in CATEGORIES
        assert hedge.kind == ("booster" if hedge.category == BOOSTER else "hedge")
        previous_end = hedge.end


# --- the contract ---------------------------------------------


def test_category_ids_and_order_are_the_contract():
    assert list(CATEGORIES) == [
        "modal",
        "epistemic",
        "probability",
        "approximator",
        "tentative",
        "attribution",
        "booster",
    ]
    assert BOOSTER == "booster"


def test_hedge_to_dict_carries_kind():
    (hedge,) = find_hedges("It may rain.")
    assert hedge.to_dict() == {
        "start": 3,
        "end": 6,
        "text": "may",
        "category": "modal",
        "kind": "hedge",
    }


def test_empty_and_blank_text():
    assert find_hedges("") == []
    assert find_hedges("   \n\n\t") == []
    assert profile("").to_dict()["words"] == 0


def test_unknown_scheme_is_an_error():
    with pytest.raises(ValueError):
        find_hedges("It may rain.", scheme="conll")


def test_shipped_model_is_small_and_present():
    assert WEIGHTS_PATH.is_file()
    total = sum(p.stat().st_size for p in WEIGHTS_PATH.parent.iterdir() if p.is_file())
    assert total <= 5 * 1024 * 1024
    assert (WEIGHTS_PATH.parent / "README.md").is_file()


# --- traps: never marked -----------------------------------------------------------------------

TRAPS = [
    ("The trial began in May 2021 and ended in June.", "May"),
    ("Enrolment closed on May 3, after 200 patients.", "May"),
    ("May Smith, a nurse in the trial, described the side effects.", "May"),
    ("The report was written by patient May Jones.", "May"),
    ("Theresa May said the policy would change.", "May"),
    ("Guitarist Brian May plays tonight.", "May"),
    ("It was Theresa May's last speech.", "May"),
    ("Patients could walk after two weeks of therapy.", "could"),
    ("By day three most patients could eat normally again.", "could"),
    ("No binding could be detected in the extracts.", "could"),
    ("Take the suggested dose with a glass of water.", "suggested"),
    ("The manufacturer's suggested retail price fell.", "suggested"),
    ("The membrane potential was recorded in each cell.", "potential"),
    ("An action potential travels along the axon.", "potential"),
    ("The resting potential and the potential difference were stable.", "potential"),
    ("In Figure 2, the arrow indicates the nucleus.", "indicates"),
    ("Asterisks indicate significant differences.", "indicate"),
    ("Cells were treated at the indicated times.", "indicated"),
    ("Symptoms appear after three to five days.", "appear"),
    ("The paper appeared in Nature last year.", "appeared"),
    ("Call your doctor as soon as possible.", "possible"),
    ("Patients received the best possible care.", "possible"),
    ("You can read the full report online.", "can"),
    ("The device can measure glucose every five minutes.", "can"),
    ("It is not a cure for the disease.", "cure"),
    ("There is still no cure for Alzheimer's disease.", "cure"),
    ("This study does not prove that coffee prevents cancer.", "prove"),
    ("The benefit has not been proven in trials.", "proven"),
    ("There is no proof that it works.", "proof"),
    ("The benefit is yet to be proven.", "proven"),
    ("The treatment is far from a cure.", "cure"),
    ("Scientists continue the search for a cure.", "cure"),
    ("It could be a potential cure.", "cure"),
    ("Each trial brings us closer to a cure.", "cure"),
    ("She wrote a story about vaccines.", "about"),
    ("What is special about 10 is an accident of history.", "about"),
    ("Many people worry about side effects.", "about"),
    ("A P value below 0.05 was considered significant.", "considered"),
    ("Vaccinated people can still get breakthrough infections.", "breakthrough"),
    ("He pushed with all his might.", "might"),
    ("We need to think about the costs.", "think"),
    ("Blood came from 145 apparently healthy volunteers.", "apparently"),
    ("Cells with high proliferative potential were sorted.", "potential"),
    ("Resistance might be less rare than previously thought.", "thought"),
    ("A second factor should be considered.", "considered"),
    ("Children with suspected appendicitis were scanned.", "suspected"),
    ("Police said the suspect was arrested on Monday.", "suspect"),
    ("Readers sent suggestions for the next issue.", "suggestions"),
    ("Washing your hands is a good idea.", "idea"),
    ("She had the idea of a museum.", "idea"),
    ("He published highly regarded jazz criticism.", "regarded"),
    ("The battery had a potential of 1.5 volts.", "potential"),
    ("The proposed law would ban the additive.", "proposed"),
    ("Sales were better than expected.", "expected"),
    ("As expected, the placebo did nothing.", "expected"),
    ("NAC caused an expected increase in glutathione.", "expected"),
    ("When a therapy proves effective, doctors adopt it.", "proves"),
    ("The drug proved safe in all 300 patients.", "proved"),
    ("The team set out to prove the theory.", "prove"),
    ("This proved a good idea in the UK.", "proved"),
    ("Cheap weapons proved more effective than tanks.", "proved"),
    ("Three factors were considered in the analysis.", "considered"),
    ("We received a small sample of the lotion.", "small sample"),
    ("Smokers were 15% more likely to develop the disease.", "likely"),
    ("The effect is described in part 2 of the report.", "in part"),
    ("The trial was partly funded by a growers' association.", "partly"),
    ("At least for now, nothing changes.", "At least"),
    ("The recommendation is that you stay home.", "some"),
]


@pytest.mark.parametrize(("text", "word"), TRAPS)
def test_trap_is_not_marked(text: str, word: str):
    hedges = find_hedges(text)
    assert_valid(text, hedges)
    assert not [h for h in hedges if word.lower() in h.text.lower()], marked(text)


# --- each category ---------------------------------------------

CATEGORY_CASES = [
    ("Coffee may lower the risk.", "may", "modal"),
    ("Vaccines May Boost Cancer Immunotherapy", "May", "modal"),
    ("May this be the start of something?", "May", "modal"),
    ("The drug might help some patients.", "might", "modal"),
    ("The vaccine could reduce relapse rates.", "could", "modal"),
    ("The policy may or may not work.", "may or may not", "modal"),
    ("The results suggest a protective effect.", "suggest", "epistemic"),
    ("The study indicates that the response is stronger.", "indicates", "epistemic"),
    ("The effect appears to be modest.", "appears", "epistemic"),
    ("The benefit seems small.", "seems", "epistemic"),
    ("We think the benefit is real.", "think", "epistemic"),
    ("The drug is likely to help.", "likely", "probability"),
    ("It is possible that the benefit is smaller.", "possible", "probability"),
    ("This is perhaps the largest effect.", "perhaps", "probability"),
    ("The drug potentially lowers the risk.", "potentially", "probability"),
    ("This potential benefit needs testing.", "potential", "probability"),
    ("The effect was probably overstated.", "probably", "probability"),
    ("It is arguably the best trial so far.", "arguably", "probability"),
    ("Smokers tend to underreport.", "tend to", "epistemic"),
    ("The benefit is doubtful.", "doubtful", "tentative"),
    ("About 40% of patients responded.", "About", "approximator"),
    ("Approximately 300 people took part.", "Approximately", "approximator"),
    ("Roughly half of them improved.", "Roughly", "approximator"),
    ("The trial enrolled around 1,200 adults.", "around", "approximator"),
    ("Nearly all participants finished.", "Nearly", "approximator"),
    ("The study followed some 800 families.", "some", "approximator"),
    ("The effect was somewhat smaller.", "somewhat", "approximator"),
    ("The recession caused at least 10,000 extra deaths.", "at least", "approximator"),
    ("The decline is explained in part by diet.", "in part", "approximator"),
    ("The gap is partly because of smoking.", "partly", "approximator"),
    ("If confirmed, the result would matter.", "If confirmed", "tentative"),
    ("It is too early to say whether it works.", "too early to say", "tentative"),
    ("The idea needs more research.", "needs more research", "tentative"),
    ("This was a small study of 40 adults.", "small study", "tentative"),
    ("These results are preliminary.", "preliminary", "tentative"),
    ("These are preliminary data.", "preliminary data", "tentative"),
    ("The initial findings are promising.", "initial findings", "tentative"),
    ("Further studies are needed to confirm this.", "Further studies are needed", "tentative"),
    ("More research is needed.", "More research is needed", "tentative"),
    ("The mechanism remains unclear.", "remains unclear", "tentative"),
    ("How it works is not fully understood.", "is not fully understood", "tentative"),
    ("It is not known whether the effect lasts.", "It is not known whether", "tentative"),
    ("The mechanism remains to be determined.", "remains to be determined", "tentative"),
    ("Some experts say the risk is small.", "Some experts say", "attribution"),
    ("It is believed that the drug is safe.", "It is believed", "attribution"),
    ("Researchers believe the effect is real.", "Researchers believe", "attribution"),
    ("The compound is thought to block the receptor.", "thought", "attribution"),
    ("The drug is widely considered safe.", "considered", "attribution"),
    ("The firm allegedly hid the data.", "allegedly", "attribution"),
    ("We suspect that the virus spread in schools.", "suspect", "epistemic"),
    ("Doctors suspect that the virus spread.", "Doctors suspect", "attribution"),
    ("The idea that sugar causes hyperactivity persists.", "idea", "epistemic"),
    ("Cases are expected to rise this winter.", "expected", "epistemic"),
]


@pytest.mark.parametrize(("text", "span", "category"), CATEGORY_CASES)
def test_category_is_marked_as_one_span(text: str, span: str, category: str):
    hedges = find_hedges(text)
    assert_valid(text, hedges)
    assert (span, category, "hedge") in marked(text), marked(text)


def test_every_hedge_category_has_a_case():
    covered = {category for _, _, category in CATEGORY_CASES}
    assert covered == set(CATEGORIES) - {BOOSTER}


def test_multiword_phrase_spans_line_breaks():
    text = "The authors say further\nstudies are  needed."
    (hedge,) = find_hedges(text)
    assert hedge.text == "further\nstudies are  needed"
    assert hedge.category == "tentative"


# --- boosters ---------------------------------------------

BOOSTERS = [
    ("A breakthrough in cancer care.", "breakthrough"),
    ("This trial proves that the drug works.", "proves"),
    ("Doctors hail a cure for baldness.", "cure"),
    ("It is definitely the best treatment.", "definitely"),
    ("The study clearly demonstrates a benefit.", "clearly demonstrates"),
    ("A miracle pill for weight loss.", "miracle"),
    ("Experts call it a game-changer.", "game-changer"),
    ("Experts call it a game changer.", "game changer"),
    ("The results are undoubtedly important.", "undoubtedly"),
    ("A revolutionary approach to diabetes.", "revolutionary"),
    ("Is turmeric a wonder drug?", "wonder drug"),
    ("Here is proof that it works.", "proof that"),
    ("Some call it a magic bullet.", "magic bullet"),
    ("It is nothing short of a miracle.", "miracle"),
    ("It is not only a breakthrough but a bargain.", "breakthrough"),
    ("Yet another breakthrough was announced.", "breakthrough"),
]


@pytest.mark.parametrize(("text", "span"), BOOSTERS)
def test_booster_is_its_own_kind(text: str, span: str):
    assert (span, BOOSTER, "booster") in marked(text), marked(text)


def test_boosters_are_counted_apart_from_hedges():
    figures = profile("A breakthrough that may help. It proves nothing.")
    assert (figures.hedges, figures.boosters) == (1, 2)
    assert figures.by_category == {"modal": 1, BOOSTER: 2}


# --- the seed article ---------------------------------------------

SEED = (
    "Research presented at the European Society for Medical Oncology conference has revealed "
    "that mRNA coronavirus vaccines may provide an unexpected benefit by enhancing the "
    "effectiveness of cancer immunotherapy treatments. The findings suggest these widely "
    "administered vaccines could play a dual role in both preventing COVID-19 and improving "
    "cancer treatment outcomes. This potential crossover benefit represents a significant "
    "development in the ongoing research into cancer immunotherapy.\n"
    "The study indicates that the immune response triggered by mRNA vaccines might create "
    "favorable conditions for immunotherapy to work more effectively against cancer cells. "
    "While the initial findings are promising, researchers emphasize that further studies are "
    "needed to fully understand the mechanisms behind this potential interaction and to "
    "determine how it might be optimized for clinical use. This discovery highlights how medical "
    "innovations developed for one purpose can sometimes yield unexpected benefits."
)


def test_seed_article_hedges():
    hedges = find_hedges(SEED)
    assert_valid(SEED, hedges)
    assert [(h.text, h.category) for h in hedges] == [
        ("may", "modal"),
        ("suggest", "epistemic"),
        ("could", "modal"),
        ("potential", "probability"),
        ("indicates", "epistemic"),
        ("might", "modal"),
        ("initial findings", "tentative"),
        ("further studies are needed", "tentative"),
        ("potential", "probability"),
        ("might", "modal"),
    ]
    assert "can" not in texts(SEED)  # "can sometimes yield": not a hedge for a news reader


def test_seed_article_profile():
    figures = profile(SEED)
    assert figures.sentences == 6
    assert figures.hedges == 10
    assert figures.boosters == 0
    assert figures.hedged_sentences == 5
    assert figures.hedged_share == pytest.approx(5 / 6)
    assert figures.hedges_per_1k == pytest.approx(1000 * 10 / figures.words)
    assert figures.by_category == {"modal": 4, "epistemic": 2, "probability": 2, "tentative": 2}
    as_dict = figures.to_dict()
    assert set(as_dict) >= {
        "words",
        "sentences",
        "hedges",
        "boosters",
        "hedged_sentences",
        "hedges_per_1k",
        "boosters_per_1k",
        "hedged_share",
        "by_category",
    }


def test_profile_accepts_precomputed_hedges():
    hedges = find_hedges(SEED)
    assert profile(SEED, hedges) == profile(SEED)


def test_profile_of_text_without_hedges():
    figures = profile("The sky is blue. Water is wet.")
    assert (figures.words, figures.sentences, figures.hedges, figures.hedged_sentences) == (
        7,
        2,
        0,
        0,
    )
    assert figures.hedges_per_1k == 0.0
    assert figures.hedged_share == 0.0


# --- schemes ---------------------------------------------


def test_bioscope_scheme_marks_alternatives_conditions_and_can():
    text = "We examined whether IL-2 or IL-4 can activate the promoter if cells are stimulated."
    # The reader scheme leaves "or", "can" and "if" alone; "examined whether" is an open
    # question, which it marks as tentative.
    assert marked(text) == [("whether", "tentative", "hedge")]
    assert texts("Whether IL-2 or IL-4 can activate it if cells are stimulated is shown.") == []
    found = dict((h.text, h.category) for h in find_hedges(text, scheme="bioscope"))
    assert found.get("whether") == "probability"


def test_bioscope_scheme_leaves_out_reader_extras():
    text = "About 40% responded; further studies are needed. A breakthrough!"
    assert texts(text, scheme="bioscope") == []
    assert texts(text) == ["About", "further studies are needed", "breakthrough"]


def test_bioscope_scheme_keeps_the_traps():
    for text, word in TRAPS[:20]:
        hits = find_hedges(text, scheme="bioscope")
        assert_valid(text, hits)
        assert not [h for h in hits if h.text.lower() == word.lower()], (text, hits)


# --- offsets and odd text ---------------------------------------------


def test_offsets_survive_characters_that_lowercase_longer():
    # "İ".lower() is two characters: the detector must not use the lowered offsets.
    text = "İstanbul İİİ: the drug may help, researchers believe. İ"
    hedges = find_hedges(text)
    assert_valid(text, hedges)
    assert [h.text for h in hedges] == ["may", "researchers believe"]


def test_curly_quotes_and_dashes():
    text = "“It may work,” she said — “perhaps.”"
    assert texts(text) == ["may", "perhaps"]


def test_huge_text_takes_linear_time():
    """8x the text costs about 8x the time, not 64x: nothing quadratic (a ratio, robust to load)."""

    def seconds(copies: int) -> float:
        text = (SEED + "\n\n") * copies
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            hedges = find_hedges(text)
            figures = profile(text, hedges)
            best = min(best, time.perf_counter() - started)
        assert len(hedges) == 10 * copies
        assert figures.sentences == 6 * copies
        return best

    small, big = seconds(250), seconds(2000)  # ~0.35 MB and ~2.8 MB
    assert big / small < 24


# --- sentences ---------------------------------------------


def test_sentence_spans_basic_and_abbreviations():
    text = "Smith et al. found it. Dr. Jones (e.g. in Fig. 2) disagreed!  Why?\n\nNew para"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Smith et al. found it.",
        "Dr. Jones (e.g. in Fig. 2) disagreed!",
        "Why?",
        "New para",
    ]


def test_sentence_spans_of_empty_text():
    assert sentence_spans("") == []
    assert sentence_spans("  \n ") == []


def test_sentence_spans_linear_on_one_giant_sentence():
    text = "word " * 1_000_000  # 5 MB, no boundary at all
    started = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - started < 1.0
    assert spans == [(0, len(text) - 1)]
