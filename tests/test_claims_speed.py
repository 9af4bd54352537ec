"""The faster claim labeller and hedge detector give exactly what they gave before (issue 12).

Every answer of ``reader.hedging.claims`` (``find_claims``, ``claim_profile``,
``label_sentence``, ``rule_label``, ``sentence_features``), of ``sentence_spans`` and of
``find_hedges`` is compared with frozen copies from before the speed work
(``tests/frozen_claims.py``, ``tests/frozen_sentences.py``, ``tests/frozen_detector.py``), over
tricky texts written here and a few thousand sentences of the shared corpora (../shared beside
the checkout, found as ``benchmarks/bench_claims.py`` finds it).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from functools import cache

import pytest

from benchmarks.bench_claims import shared_folder
from reader.hedging import SCHEMES, claims, detector, find_hedges, sentence_spans
from reader.hedging.lexicon import compile_scheme, scan_after
from tests import frozen_claims, frozen_detector, frozen_sentences

TRICKY = [
    "",
    "   \n\t ",
    "Coffee may reduce pain.",
    "COFFEE MAY REDUCE PAIN. Smoking Causes Cancer!",
    "Smoking is associated\nwith lung cancer, and may\n\n  reduce life expectancy.",
    "Exercise was associated  with\tlower risk of death than sitting.",
    "The rock'n'roll'reduces stress; o'causes pain; don't reduce it; it's'associated with.",
    "a'reduces b'causes",
    "Patients'improved survival. Controls'reduced it. The dog's'reduces",
    "'Reduces' is a verb; 'associated with' is a phrase; ‘may reduce’ is hedged.",
    "İstanbul residents who drink tea had lower rates of stroke (e.g. ischaemic) than others.",
    "Fig. 2 shows that X reduces Y. Dr. Smith et al. found it increased risk, i.e. harm.",
    "Further studies are needed to determine whether vitamin D reduces fractures.",
    "We aimed to assess whether statins lower cholesterol. Statins lowered cholesterol.",
    "The drug did not improve survival, but it could lead to fewer relapses if given early.",
    "Strategies to reduce obesity are needed. Efforts for improving care were described.",
    "Higher levels were seen in patients than in controls (p < 0.05).",
    "This may improve the understanding of disease and aid surgeons in planning.",
    "Self-reported non-inferior up-regulate down-regulated anti-inflammatory effects.",
    "A disease that causes pain; a drug which significantly reduces it.",
    "The odds ratio for death was 2.3; those exposed were more likely to die.",
    "Rates increased from 2009 to 2015 and fell after 2016.",
    "- Bullet one may reduce pain\n- bullet two is linked to harm\n\nA new paragraph causes it.",
    "U.S. adults who smoke can damage their lungs. St. John's wort treats depression?",
    "Aspirin reduces risk of heart attack\u2014and may prevent stroke\u2026 It helps to cut pain.",
    "Reduce, increase, decrease: verbs without a sentence around them",
    "associated with",
    "may",
    "The results suggest that smoking causes lung cancer which may lead to death.",
    "Use of the treatment resulted in improved outcomes; it was effective and safe and effective.",
    "No effect of X on Y was found, and the intervention failed to reduce mortality.",
    "Ein Satz auf Deutsch verursacht nichts. Ça réduit la douleur? Ünïcödé may reduce ñ.",
    "x" * 300 + " reduces " + "y" * 300,
    "A" + ". B" * 50 + " may reduce pain.",
    "1. Reduces. 2. Increases. 3) Improves. (4) Is associated with.",
    "Caféreduces pain; µhigher risk; x²causes it; “reduces” it; naïve-associated; ßmay reduce.",
    "Plain ASCII first: coffee reduces pain. Then éhigher risk of death was linked to it.",
]


@cache
def corpus_sentences() -> tuple[str, ...]:
    """A seeded sample of the shared corpora's sentences (every corpus represented)."""
    rng = random.Random(12)
    picked: list[str] = []
    for path in sorted(shared_folder().glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines]
        picked.extend(rng.sample(texts, min(len(texts), 700)))
    return tuple(picked)


def variants(sentence: str) -> Iterator[str]:
    """The sentence, and the same words in shapes the scanner treats specially."""
    yield sentence
    yield sentence.upper()
    yield sentence.replace(" ", "\n", 3).replace(" ", "  ", 2)
    yield "'" + sentence.replace(" ", " '", 2)


def documents() -> Iterator[str]:
    """Paragraph-sized documents of 1-7 sentences, as the library and the benchmark make them."""
    rng = random.Random(7)
    pool = list(corpus_sentences()) + TRICKY
    for _ in range(1500):
        yield rng.choice(("  ", " ", "\n", "\n\n")).join(
            rng.choice(pool) for _ in range(rng.randint(1, 7))
        )


def as_tuples(found: list) -> list[tuple]:
    """Claims of either module as plain tuples (the two modules' dataclasses differ)."""
    return [
        (c.start, c.end, c.label, tuple((q.start, q.end, q.kind) for q in c.cues)) for c in found
    ]


def labelled(result: tuple) -> tuple:
    label, cues = result
    return label, tuple((q.start, q.end, q.kind) for q in cues)


def test_the_shared_corpora_are_sampled() -> None:
    assert len(corpus_sentences()) > 3000


def outcome(job: Callable[[str], object], text: str) -> object:
    """What ``job(text)`` gives, or the name of what it raises."""
    try:
        return job(text)
    except IndexError as error:
        return type(error).__name__


def same_or_mended(new: object, old: object) -> bool:
    """The new outcome is the reference's, or the reference raised IndexError where the new
    code labels the text (an apostrophe glued to a word before two cues counted a word
    twice: "a'reduces b'causes" crashed the labeller, and a document holding it too)."""
    return new == old or (old == "IndexError" and new != "IndexError")


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_are_labelled_as_before(text: str) -> None:
    pairs = [
        (
            lambda s: as_tuples(claims.find_claims(s)),
            lambda s: as_tuples(frozen_claims.find_claims(s)),
        ),
        (
            lambda s: labelled(claims.label_sentence(s)),
            lambda s: labelled(frozen_claims.label_sentence(s)),
        ),
        (lambda s: labelled(claims.rule_label(s)), lambda s: labelled(frozen_claims.rule_label(s))),
        (claims.sentence_features, frozen_claims.sentence_features),
        (sentence_spans, frozen_sentences.sentence_spans),
    ]
    for shape in variants(text):
        for new, old in pairs:
            assert same_or_mended(outcome(new, shape), outcome(old, shape)), shape


def test_apostrophes_before_two_cues_no_longer_crash_the_labeller() -> None:
    """The reference raised IndexError (words counted twice); a document holding such a
    sentence could not be marked, indexed or exported."""
    with pytest.raises(IndexError):
        frozen_claims.find_claims("a'reduces b'causes")
    for text in ("a'reduces b'causes", "Coffee'reduces risk and tea'causes harm."):
        label, _cues = claims.label_sentence(text)
        assert label in claims.LABELS
        found = claims.find_claims(text)
        assert [finding.label for finding in found] == ([label] if label != "no_claim" else [])
        assert claims.claim_profile(text).findings == len(found)


def test_corpus_sentences_are_labelled_as_before() -> None:
    shapes = [shape for sentence in corpus_sentences() for shape in variants(sentence)]
    new = [labelled(r) for r in claims.label_sentences(shapes)]
    old = [labelled(r) for r in frozen_claims.label_sentences(shapes)]
    assert new == old
    assert [claims.sentence_features(s) for s in shapes[::4]] == [
        frozen_claims.sentence_features(s) for s in shapes[::4]
    ]
    assert sum(label != "no_claim" for label, _ in new) > 1000  # the sample has findings


def test_documents_are_labelled_as_before() -> None:
    found = 0
    for document in documents():
        new = outcome(lambda s: as_tuples(claims.find_claims(s)), document)
        old = outcome(lambda s: as_tuples(frozen_claims.find_claims(s)), document)
        assert same_or_mended(new, old)
        assert same_or_mended(
            outcome(lambda s: vars_of(claims.claim_profile(s)), document),
            outcome(lambda s: vars_of(frozen_claims.claim_profile(s)), document),
        )
        assert sentence_spans(document) == frozen_sentences.sentence_spans(document)
        given = outcome(lambda s: as_tuples(claims.find_claims(s, sentence_spans(s))), document)
        assert given == new  # the sentences handed in by a caller that has them
        found += len(new) if isinstance(new, list) else 0
    assert found > 2000


def vars_of(profile: claims.ClaimProfile | frozen_claims.ClaimProfile) -> dict[str, int]:
    return {
        "findings": profile.findings,
        "correlational": profile.correlational,
        "conditional_causal": profile.conditional_causal,
        "direct_causal": profile.direct_causal,
    }


SPLITTING = [*"aAbZ.!?\"'”’)]\n\t -*•1x_é", " ", " ", "Fig.", "e.g.", "al.", " J. ", "U.S.", "\n- "]


def test_sentences_split_as_before_on_random_punctuation() -> None:
    """Boundaries, abbreviations, closing quotes and bullets in random mixes (and words longer
    than the 24-character window the splitter looks back through)."""
    rng = random.Random(5)
    pieces = [*SPLITTING, "supercalifragilistic", "x" * 30 + "e.g", ")" * 22]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert sentence_spans(text) == frozen_sentences.sentence_spans(text), text


def scanned(cues: list) -> list[tuple[int, int, str, str]]:
    return [(c.start, c.end, c.cls, c.text) for c in cues]


def test_cue_scan_finds_what_the_reference_scan_found() -> None:
    """Every cue match, not only those that make a label: hyphens, digits, apostrophes and
    line breaks next to cue words, cues at the very start and end of a text."""
    rng = random.Random(9)
    pieces = [*SPLITTING, "-", "_", "9", "\r\n", "\u00a0", "may", "reduce", "associated", "with"]
    pieces += ["é", "µ", "²", "“", "ß", "İ", "\u2028", "ǅ"]
    pieces += ["higher risk", "more\nlikely", "further  studies", "non-inferior", "effect"]
    texts = [*TRICKY, *corpus_sentences()[:500]]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(5000)]
    for text in texts:
        low = claims._lowered(text)
        assert scanned(claims._scan(low)) == scanned(frozen_claims._scan(low, 0, len(low))), text


MY_PHRASES = {"in my view": "attribution", "reduces": "booster", "ünïcödé": "probability"}


def test_hedges_are_found_as_before() -> None:
    """Both schemes, and a user's own phrases, on the same texts as the claims (cues after
    letters beyond ASCII and at the very start of a text included)."""
    texts = [shape for text in TRICKY for shape in variants(text)]
    texts += [*corpus_sentences()[::3], *list(documents())[::5]]
    texts += ["May reduce", "maybe", "Ünïcödé may", "éprobably so", "x possibly", "In my view"]
    texts += ["éperhaps perhaps", "ßlikely, µabout 5", "İt may be", "“Perhaps” it is"]
    for text in texts:
        for scheme in SCHEMES:
            assert find_hedges(text, scheme) == frozen_detector.find_hedges(text, scheme), text
        mine = find_hedges(text, extra=MY_PHRASES)
        assert mine == frozen_detector.find_hedges(text, extra=MY_PHRASES), text


def test_hedge_candidates_are_the_reference_patterns_matches() -> None:
    """Every candidate of the quick scan, before any rule: random mixes of hedge words,
    letters beyond ASCII, hyphens, digits and line breaks."""
    rng = random.Random(11)
    pieces = [*SPLITTING, "-", "_", "9", "é", "µ", "²", "ß", "may", "perhaps", "about", "likely"]
    pieces += ["according to", "in my view", "100% effective", "suggest", "\n", "  "]
    for scheme in SCHEMES:
        quick, _ = detector._pattern(scheme, ignore_case=False)
        exact, _ = compile_scheme(scheme)
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))).lower()
            expected = [(m.start(), m.end(), m.group()) for m in exact.finditer(text)]
            assert scan_after(quick, text) == expected, text
