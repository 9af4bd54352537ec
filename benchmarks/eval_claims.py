"""Claim-strength labeller against gold labels: per-label P/R/F1, macro-F1, confusion matrix.

    PYTHONPATH=. python benchmarks/eval_claims.py [GOLD.jsonl ...] [--split all|train|dev]
        [--errors N] [--rules-only]

GOLD.jsonl: one JSON object a line with "text" and the gold label in "claim" (the Yu et al.
files in ../shared/data/hedge/) or "label" (data/claims/labels.jsonl). Without files: Yu 2019
and Yu 2020 train files (measurement only: nothing is trained on them) and the dev split of
data/claims/labels.jsonl (``--split`` applies to our own labels only; reader.hedging.claims
.split_of decides). ``--rules-only`` measures the rule labeller without the learned model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.hedging import claims  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "hedge"
if not SHARED.is_dir():  # a worktree under /work/wt/<branch>
    SHARED = ROOT.parents[1] / "shared" / "data" / "hedge"
DEFAULT = (
    SHARED / "yu2019_pubmed_claims_train.jsonl",
    SHARED / "yu2020_eureka_claims_train.jsonl",
    ROOT / "data" / "claims" / "labels.jsonl",
)


def read_gold(path: Path, split: str) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            gold = record.get("claim") or record.get("label")
            if gold not in claims.LABELS:
                continue
            if "label" in record and split != "all" and claims.split_of(record["id"]) != split:
                continue
            rows.append((record.get("id", ""), record["text"], gold))
    return rows


def scores(gold: list[str], predicted: list[str]) -> dict:
    table = Counter(zip(gold, predicted, strict=True))
    per_label = {}
    for label in claims.LABELS:
        tp = table[label, label]
        fp = sum(n for (g, p), n in table.items() if p == label and g != label)
        fn = sum(n for (g, p), n in table.items() if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, tp + fn)
    macro = sum(v[2] for v in per_label.values()) / len(per_label)
    accuracy = sum(table[label, label] for label in claims.LABELS) / max(1, len(gold))
    return {"per_label": per_label, "macro": macro, "accuracy": accuracy, "table": table}


def report(name: str, rows: list[tuple[str, str, str]], args: argparse.Namespace) -> float:
    texts = [text for _, text, _ in rows]
    started = time.perf_counter()
    if args.rules_only:
        predicted = [claims.rule_label(text)[0] for text in texts]
    else:
        predicted = [label for label, _ in claims.label_sentences(texts)]
    elapsed = time.perf_counter() - started
    result = scores([g for _, _, g in rows], predicted)
    print(f"{name}: {len(rows)} sentences ({elapsed:.2f}s)")
    print(f"  {'label':<19} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
    for label, (p, r, f, n) in result["per_label"].items():
        print(f"  {label:<19} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    print(f"  macro-F1 {result['macro']:.3f}   accuracy {result['accuracy']:.3f}")
    short = {label: label.split("_")[0][:5] + label.split("_")[-1][:2] for label in claims.LABELS}
    print("  confusion (rows gold, columns predicted):")
    print("  " + " " * 19 + "".join(f"{short[p]:>9}" for p in claims.LABELS))
    for g in claims.LABELS:
        cells = "".join(f"{result['table'][g, p]:9d}" for p in claims.LABELS)
        print(f"  {g:<19}{cells}")
    if args.errors:
        wrong = [(i, t, g, p) for (i, t, g), p in zip(rows, predicted, strict=True) if g != p]
        for ident, text, gold, pred in wrong[: args.errors]:
            print(f"    {ident} gold={gold} got={pred}: {text[:160]}")
    return result["macro"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="*")
    parser.add_argument("--split", choices=("all", "train", "dev"), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print the first N errors")
    parser.add_argument("--rules-only", action="store_true", help="the rules without the model")
    args = parser.parse_args(argv)
    for path in args.gold or DEFAULT:
        if not path.is_file():
            print(f"eval_claims: no such file: {path}", file=sys.stderr)
            return 2
        split = args.split if path.name == "labels.jsonl" else "all"
        name = f"{path.name} split={split}"
        report(name, read_gold(path, args.split), args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
