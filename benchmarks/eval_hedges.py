"""Sentence-level and cue-overlap precision / recall / F1 of the hedge detector on gold data.

    PYTHONPATH=. python benchmarks/eval_hedges.py GOLD.jsonl [--scheme reader|bioscope]
        [--split train|dev|all] [--errors N] [--cv [--base ABSTRACTS.jsonl]]

GOLD.jsonl: one JSON object a line with "text", "uncertain" (bool or null) and "cues"
([{"start", "end", "text"}] or null), as in ../shared/data/hedge/. ``--split dev`` keeps the
documents reader.hedging.training.split_of puts in dev (the BioScope dev split: tune nothing on
it). A sentence counts as uncertain iff the detector marks at least one hedge in it (boosters
never count). Cue overlap: a marked cue is right if it overlaps a gold cue piece; a gold piece
is found if some marked cue overlaps it.

``--cv`` judges each document of GOLD by weights retrained without it: the train split of
``--base`` (default: bioscope_abstracts_train.jsonl beside GOLD) plus GOLD's other documents.
For the BioScope full papers (the shipped weights have seen all 9) this is the honest figure:
leave one article out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.hedging.lexicon import SCHEMES
from reader.hedging.training import cross_validate, evaluate, read_jsonl, select


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument(
        "--scheme",
        choices=(*SCHEMES, "both"),
        default="both",
        help="reader: what the app marks; bioscope: BioScope-convention cues; both (default)",
    )
    parser.add_argument("--split", choices=("all", "train", "dev"), default="all")
    parser.add_argument("--errors", type=int, default=0, help="show the N commonest misses/FPs")
    parser.add_argument("--cv", action="store_true", help="leave one document out, retraining")
    parser.add_argument("--base", type=Path, default=None, help="with --cv: training data")
    args = parser.parse_args(argv)

    records = select(read_jsonl(args.gold), args.split)
    schemes = SCHEMES if args.scheme == "both" else (args.scheme,)
    if args.cv:
        base_path = args.base or args.gold.parent / "bioscope_abstracts_train.jsonl"
        base = [
            r
            for r in select(read_jsonl(base_path), "train")
            if r["id"] not in {g["id"] for g in records}
        ]
        started = time.perf_counter()
        for scheme, result in cross_validate(base, records, schemes).items():
            print(
                f"{args.gold.name} split={args.split} scheme={scheme} leave-one-document-out "
                f"({len(result['folds'])} folds, base {base_path.name} train split, "
                f"{time.perf_counter() - started:.1f}s): {result['sentences']} sentences"
            )
            print_figures(args, result)
        return 0
    for scheme in schemes:
        report(args, records, scheme)
    return 0


def print_figures(args: argparse.Namespace, result: dict) -> None:
    p, r, f = result["sentence"]
    print(f"  sentence  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if result["cue"] is not None:
        p, r, f = result["cue"]
        print(f"  cue       P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if args.errors:
        print("  commonest missed gold cues:", result["missed"][: args.errors])
        print("  commonest wrong marks:", result["wrong"][: args.errors])


def report(args: argparse.Namespace, records: list[dict], scheme: str) -> None:
    started = time.perf_counter()
    result = evaluate(records, scheme)
    elapsed = time.perf_counter() - started
    print(
        f"{args.gold.name} split={args.split} scheme={scheme}: "
        f"{result['sentences']} sentences, {result['gold_uncertain']} uncertain, "
        f"{result['gold_cues']} gold cue pieces, {result['predicted_cues']} marked "
        f"({elapsed:.2f}s)"
    )
    p, r, f = result["sentence"]
    print(f"  sentence  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if result["cue"] is not None:
        p, r, f = result["cue"]
        print(f"  cue       P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print("  by category (marked / overlapping a gold cue):")
    for category, (n, ok) in sorted(result["by_category"].items(), key=lambda kv: -kv[1][0]):
        print(f"    {category:<13} {n:>6} {ok:>6}")
    if args.errors:
        print("  commonest missed gold cues:", result["missed"][: args.errors])
        print("  commonest wrong marks:", result["wrong"][: args.errors])


if __name__ == "__main__":
    raise SystemExit(main())
