"""Speed of ``compare_texts`` on two long documents, against one ``find_hedges`` pass.

    python benchmarks/bench_compare.py [--words 5000] [--repeat 5]

Builds a "release" and a "source" of ``--words`` words each from the shared data's sentences
(seeded; the release reuses a third of the source's sentences, reworded by dropping hedges,
so there is something to pair), then times, in the same process on the same texts:

* reference: ``find_hedges`` over both texts (one pass each), which a comparison must do anyway;
* ``compare_texts(release, source)``: sentences, claims, BM25 pairing and verdicts.

Prints the best of ``--repeat`` runs, and the ratio compare / reference. The target is
<= 0.5 s for two 5,000-word documents.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.comparing import compare_texts
from reader.hedging import find_hedges

SHARED = Path("/work/shared/data/hedge")
_HEDGE = re.compile(r"\b(?:may|might|could|possibly|potentially|suggest(?:s|ed)?\s+that)\s+", re.I)


def _sentences() -> list[str]:
    here = Path(__file__).resolve().parents[2] / "shared" / "data" / "hedge"
    folder = here if here.is_dir() else SHARED
    found: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            found.extend(json.loads(line)["text"] for line in lines)
    if not found:
        raise SystemExit(f"no sentences found under {folder}")
    return found


def _document(pool: list[str], words: int, rng: random.Random) -> list[str]:
    chosen: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(pool)
        chosen.append(sentence)
        count += len(sentence.split())
    return chosen


def build(words: int, seed: int = 13) -> tuple[str, str]:
    rng = random.Random(seed)
    pool = _sentences()
    source = _document(pool, words, rng)
    reused = [_HEDGE.sub("", s) for s in rng.sample(source, len(source) // 3)]
    release = reused + _document(pool, words - sum(len(s.split()) for s in reused), rng)
    rng.shuffle(release)
    return " ".join(release), " ".join(source)


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    release, source = build(args.words)
    find_hedges(release)  # weights loaded, regexes compiled: not part of either figure
    reference = best_of(args.repeat, lambda: (find_hedges(release), find_hedges(source)))
    result = compare_texts(release, source)
    compared = best_of(args.repeat, lambda: compare_texts(release, source))
    print(
        f"two documents of {len(release.split()):,} and {len(source.split()):,} words "
        f"({len(result.pairs)} findings paired: {result.summary()})"
    )
    print(f"find_hedges over both (reference): {reference * 1000:8.1f} ms")
    print(f"compare_texts:                      {compared * 1000:8.1f} ms")
    verdict = "ok" if compared <= 0.5 else "TOO SLOW"
    print(f"ratio compare / reference: {compared / reference:.2f}   target <= 0.5 s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
