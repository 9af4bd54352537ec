"""The fast phrase matcher finds exactly the documents Whoosh's own phrase query finds."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from reader.library import Library
from reader.library.engine.phrase import FastPhrase

WORDS = ["may", "be", "the", "vaccine", "further", "studies", "needed", "are"]


def test_same_documents_as_whoosh_phrases_including_after_updates(tmp_path: Path):
    rng = random.Random(3)
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(60):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 40))]
        (folder / f"d{number:02d}.txt").write_text(
            f"Doc {number}\n\n" + " ".join(words), encoding="utf-8"
        )
    library = Library(tmp_path / "lib")
    library.add([folder])
    for number in range(0, 60, 7):  # re-indexed documents leave deletions behind
        (folder / f"d{number:02d}.txt").write_text(f"Doc {number}\n\nmay be changed", "utf-8")
    library.add([folder])
    searcher = library._get_searcher().whoosh
    checked = 0
    for _ in range(80):
        words = [rng.choice(WORDS) for _ in range(rng.randint(2, 3))]
        stems = [
            w if w not in ("studies", "needed") else {"studies": "studi"}.get(w, "need")
            for w in words
        ]
        theirs = {h["path"] for h in searcher.search(wq.Phrase("body", stems), limit=None)}
        ours = {h["path"] for h in searcher.search(FastPhrase("body", stems), limit=None)}
        assert ours == theirs, words
        checked += bool(theirs)
    assert checked > 20  # most phrases matched something: the comparison was not vacuous
    library.close()


def test_the_count_is_exact_whatever_the_limit(tmp_path: Path):
    rng = random.Random(5)
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(80):
        title = " ".join(rng.choice(WORDS) for _ in range(3))
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 60))]
        (folder / f"d{number:02d}.txt").write_text(f"{title}\n\n" + " ".join(words), "utf-8")
    library = Library(tmp_path / "lib")
    library.add([folder])
    for number in range(0, 80, 9):  # re-indexed documents leave deletions behind
        (folder / f"d{number:02d}.txt").write_text("Changed\n\nmay be vaccine", "utf-8")
    library.add([folder])
    for query in [*WORDS, "may vaccine", '"may be"', "vacc*", "studes~"]:
        everything = library.search(query, limit=None)
        assert everything.total == len(everything.hits)
        top = library.search(query, limit=3)
        assert top.total == everything.total, query
        scores = [round(h.score, 6) for h in top.hits]
        assert scores == [round(h.score, 6) for h in everything.hits[:3]], query
    library.close()


def test_fuzzy_words_expand_to_what_whoosh_finds(tmp_path: Path):
    from reader.library.engine.vocabulary import near_words

    folder = tmp_path / "docs"
    folder.mkdir()
    vocabulary = "vaccine vaccines vaccinate vacant vacuum patient patients patent protein"
    for number, word in enumerate([*vocabulary.split(), "proteins", "potent", "vaccinia"]):
        (folder / f"w{number:02d}.txt").write_text(f"Word {word}\n\n{word} again", "utf-8")
    library = Library(tmp_path / "lib")
    library.add([folder])
    reader = library._get_searcher().whoosh.reader()
    for typed in ["vacin", "vaccin", "patint", "protien", "potnt", "x", "vacum", "patent"]:
        for maxdist in (1, 2):
            whoosh = wq.FuzzyTerm("body", typed, maxdist=maxdist, prefixlength=1)
            expected = {_text(t) for _, t in whoosh.expanded_terms(reader)}
            assert set(near_words(reader, "body", typed, maxdist, 1)) == expected, typed
    library.close()


def _text(term: bytes | str) -> str:
    return term.decode() if isinstance(term, bytes) else term


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


@settings(max_examples=500, deadline=None)
@given(st.text("abcde", max_size=8), st.text("abcde", max_size=8), st.integers(1, 2))
def test_the_fast_edit_distance_check_agrees_with_levenshtein(a: str, b: str, maxdist: int):
    from reader.library.engine.vocabulary import _within

    assert _within(a, b, maxdist) == (_levenshtein(a, b) <= maxdist)
