"""Rebuild reader/hedging/data/weights.json from BioScope (abstracts train split + full papers).

    PYTHONPATH=. python scripts/train_hedges.py [--data DIR] [--all] [--cv] [--errors N]

Deterministic: the abstracts' train/dev split is a hash of each PMID
(reader.hedging.training.split_of), the perceptrons shuffle with fixed seeds, and the JSON is
written in a fixed key order. Only BioScope (CC BY 2.0) goes into the weights: the abstracts'
train split and all 9 full papers (the CoNLL-2010 full-article training data). ``--all`` adds
the abstracts' dev split too (not the default: the shipped weights are the ones the dev figures
describe). ``--cv`` also measures the full papers leave-one-article-out: each article is judged
by weights trained without it (abstracts train + the other 8 articles).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.hedging import detector  # noqa: E402
from reader.hedging.training import (  # noqa: E402
    EPOCHS,
    SEEDS,
    build_model,
    cross_validate,
    evaluate,
    read_jsonl,
    select,
)

OUT = ROOT / "reader" / "hedging" / "data" / "weights.json"
ABSTRACTS = "bioscope_abstracts_train.jsonl"
PAPERS = "bioscope_full_papers_train.jsonl"


def default_data() -> Path:
    """``$HEDGE_DATA``, else the first ``shared/data/hedge`` beside a parent of the checkout."""
    if os.environ.get("HEDGE_DATA"):
        return Path(os.environ["HEDGE_DATA"])
    for parent in ROOT.parents:
        candidate = parent / "shared" / "data" / "hedge"
        if (candidate / ABSTRACTS).is_file():
            return candidate
    return ROOT.parent / "shared" / "data" / "hedge"


def line(label: str, result: dict) -> str:
    (sp, sr, sf), (cp, cr, cf) = result["sentence"], result["cue"]
    sentence = f"sentence P {sp:.3f} R {sr:.3f} F1 {sf:.3f}"
    return f"{label}: {sentence} | cue P {cp:.3f} R {cr:.3f} F1 {cf:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--all", action="store_true", help="abstracts train + dev")
    parser.add_argument("--cv", action="store_true", help="leave-one-article-out on full papers")
    parser.add_argument("--errors", type=int, default=0, help="with --cv: commonest errors")
    parser.add_argument("--quiet", action="store_true", help="skip the dev figures")
    args = parser.parse_args(argv)
    data = args.data or default_data()

    abstracts = read_jsonl(data / ABSTRACTS)
    papers = read_jsonl(data / PAPERS)
    split = "all" if args.all else "train"
    base = select(abstracts, split)
    train = base + papers
    weights, lemmas, examples, positives = build_model(train)
    payload = {
        "about": "Mean of averaged perceptrons over hedge-cue candidates; built by "
        "scripts/train_hedges.py from BioScope (Vincze et al. 2008, CC BY 2.0): the abstracts' "
        "train split by PMID hash and the 9 full papers.",
        "split": split,
        "sentences": len(train),
        "examples": examples,
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
        f"{len(train)} sentences, {examples} candidates ({positives} cues), "
        f"{len(lemmas)} lemmas, {len(weights)} weights -> {args.out} "
        f"({args.out.stat().st_size / 1024:.0f} KiB)"
    )
    if not args.quiet and not args.all and args.out == OUT:
        detector.use_model(None)  # pick up the weights just written
        dev = select(abstracts, "dev")
        for scheme in ("bioscope", "reader"):
            print(line(f"abstracts dev ({len(dev)} sentences), {scheme:>8}", evaluate(dev, scheme)))
    if args.cv:
        pooled = cross_validate(base, papers, ("bioscope", "reader"))
        for scheme, entry in pooled.items():
            print(line(f"full papers leave-one-article-out, {scheme:>8}", entry))
            if scheme == "bioscope":
                for fold in entry["folds"]:
                    print("    " + line(f"{fold['document']:<28}", fold))
            if args.errors:
                print("  missed:", entry["missed"][: args.errors])
                print("  wrong:", entry["wrong"][: args.errors])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
