"""Speed of the hedge detector against a bare regex scan of a 50-word hedge list.

    PYTHONPATH=. python benchmarks/bench_hedges.py [--mb 10] [--repeat 3] [--data DIR]

Builds ~10 MB of plain English from the shared data's sentences (seeded shuffle, paragraphs
of 3-7 sentences), then, in the same process and on the same text, times:

* baseline: ``re.compile(r"\\b(?:w1|...|w50)\\b", re.IGNORECASE)`` and ``finditer`` over it;
* ``find_hedges(text)`` (reader scheme, the default), and the bioscope scheme;
* ``profile(text)`` (detector + sentence splitting + word count);
* ``sentence_spans(text)`` alone;
* ``find_hedges`` called once per paragraph-sized document (the library's pattern).

Prints MB/s (UTF-8 megabytes) for each and the detector/baseline ratio (target: >= 5 MB/s and
>= 0.33). Best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import corpus
from benchmarks.corpus import sentences
from reader.hedging import find_hedges, profile
from reader.hedging.detector import sentence_spans

BASELINE_WORDS = str.split(
    """may might could can would should suggest suggests suggested indicate indicates indicated
    appear appears appeared seem seems seemed likely unlikely possible possibly potential
    potentially perhaps probably presumably putative approximately roughly about around nearly
    estimated unclear unknown whether if or either believe believed thought considered
    preliminary apparently hypothesis propose proposed maybe"""
)
assert len(BASELINE_WORDS) == 50


def build_text(megabytes: float, seed: int = 7) -> str:
    pool = sentences()
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 7)))
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts)


def best_of(repeat: int, fn) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--data", type=Path, default=None, help="the shared hedge data (default ../shared/...)"
    )
    args = parser.parse_args(argv)
    if args.data is not None:
        corpus.SHARED = args.data

    text = build_text(args.mb)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    baseline = re.compile(r"\b(?:" + "|".join(BASELINE_WORDS) + r")\b", re.IGNORECASE)
    find_hedges("warm up: may suggest", scheme="bioscope")
    find_hedges("warm up: may suggest")

    rows = []
    t_base, n_base = best_of(args.repeat, lambda: sum(1 for _ in baseline.finditer(text)))
    rows.append(("baseline regex, 50 words", t_base, n_base))
    t_det, hedges = best_of(args.repeat, lambda: find_hedges(text))
    rows.append(("find_hedges (reader)", t_det, len(hedges)))
    t_bio, cues = best_of(args.repeat, lambda: find_hedges(text, scheme="bioscope"))
    rows.append(("find_hedges (bioscope)", t_bio, len(cues)))
    t_prof, prof = best_of(args.repeat, lambda: profile(text))
    rows.append(("profile", t_prof, prof.hedges + prof.boosters))
    t_sent, spans = best_of(args.repeat, lambda: sentence_spans(text))
    rows.append(("sentence_spans", t_sent, len(spans)))
    # The library indexes one document at a time: the same text as paragraph-sized documents.
    documents = text.split("\n\n")
    t_docs, n_docs = best_of(
        args.repeat, lambda: sum(len(find_hedges(document)) for document in documents)
    )
    rows.append((f"find_hedges x {len(documents):,} docs", t_docs, n_docs))

    print(f"text: {megabytes:.2f} MB, {len(text):,} characters, best of {args.repeat}")
    for name, seconds, count in rows:
        print(f"  {name:<30} {seconds:7.3f} s {megabytes / seconds:8.2f} MB/s  {count:>9,} found")
    ratio = t_base / t_det
    print(
        f"detector / baseline speed ratio: {ratio:.2f} (target >= 0.33); "
        f"detector {megabytes / t_det:.2f} MB/s (target >= 5)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
