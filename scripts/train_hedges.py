"""Rebuild reader/hedging/data/weights.json from the BioScope abstracts (train split only).

    PYTHONPATH=. python scripts/train_hedges.py [--data ../shared/data/hedge] [--all]

Deterministic: the train/dev split is a hash of each PMID (reader.hedging.training.split_of),
the perceptron shuffles with a fixed seed, and the JSON is written with sorted keys. Only
BioScope (CC BY 2.0) goes into the weights. ``--all`` trains on train + dev (not the default:
the shipped weights are the ones the dev figures describe).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.hedging import detector  # noqa: E402
from reader.hedging.training import (  # noqa: E402
    candidate_examples,
    evaluate,
    read_jsonl,
    select,
    train_bagged,
)

DATA = ROOT.parent / "shared" / "data" / "hedge"
OUT = ROOT / "reader" / "hedging" / "data" / "weights.json"
MIN_EXAMPLES = 5  # cue words seen fewer times are left to the lexicon and rules
EPOCHS = 6
SEEDS = 5  # perceptrons averaged (shuffle seeds 0..SEEDS-1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--all", action="store_true", help="train on train + dev")
    parser.add_argument("--quiet", action="store_true", help="skip the dev figures")
    args = parser.parse_args(argv)

    records = read_jsonl(args.data / "bioscope_abstracts_train.jsonl")
    split = "all" if args.all else "train"
    train = select(records, split)
    examples = list(candidate_examples(train))
    counts = Counter(lemma for lemma, _, _ in examples)
    lemmas = sorted(lemma for lemma, n in counts.items() if n >= MIN_EXAMPLES)
    examples = [e for e in examples if e[0] in set(lemmas)]
    weights = train_bagged(examples, seeds=SEEDS, epochs=EPOCHS)
    positives = sum(1 for e in examples if e[2])
    payload = {
        "about": "Mean of averaged perceptrons over hedge-cue candidates; built by "
        "scripts/train_hedges.py from BioScope abstracts (Vincze et al. 2008, CC BY 2.0), "
        "train split by PMID hash.",
        "split": split,
        "sentences": len(train),
        "examples": len(examples),
        "positives": positives,
        "epochs": EPOCHS,
        "seeds": SEEDS,
        "threshold": 0.0,
        "lemmas": lemmas,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(
        f"{len(train)} sentences, {len(examples)} candidates ({positives} cues), "
        f"{len(lemmas)} lemmas, {len(weights)} weights -> {args.out} "
        f"({args.out.stat().st_size / 1024:.0f} KiB)"
    )
    if not args.quiet and not args.all and args.out == OUT:
        detector._loaded = None  # pick up the weights just written
        dev = select(records, "dev")
        for scheme in ("bioscope", "reader"):
            result = evaluate(dev, scheme)
            (sp, sr, sf), (cp, cr, cf) = result["sentence"], result["cue"]
            print(
                f"dev ({len(dev)} sentences), {scheme:>8}: sentence P {sp:.3f} R {sr:.3f} "
                f"F1 {sf:.3f} | cue P {cp:.3f} R {cr:.3f} F1 {cf:.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
