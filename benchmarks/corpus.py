"""Realistic English documents for benchmarks, assembled from the shared hedge corpora.

Sentences from ``../shared/data/hedge/*.jsonl`` are dealt out, in a seeded random order,
into documents of a chosen length range. Nothing here ships with the app.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

_HERE = Path(__file__).resolve()
#: ``../shared`` beside the checkout, or further up for a worktree (``/work/wt/<branch>``).
SHARED = next(
    (p / "shared" / "data" / "hedge" for p in _HERE.parents if (p / "shared" / "data").is_dir()),
    _HERE.parents[2] / "shared" / "data" / "hedge",
)


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(SHARED.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            found.extend(json.loads(line)["text"] for line in lines)
    if not found:
        raise SystemExit(f"no sentences found under {SHARED}")
    return found


def write_corpus(
    folder: Path, count: int, words: tuple[int, int] = (200, 2000), seed: int = 7
) -> int:
    """Write ``count`` .txt documents of ``words`` words; returns the total bytes written."""
    pool = sentences()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(count):
        target = rng.randint(*words)
        paragraphs: list[str] = []
        current: list[str] = []
        length = 0
        while length < target:
            sentence = rng.choice(pool)
            current.append(sentence)
            length += len(sentence.split())
            if len(current) >= rng.randint(3, 7):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        title = " ".join(paragraphs[0].split()[:8]).rstrip(".,;:")
        text = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"doc{number:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total
