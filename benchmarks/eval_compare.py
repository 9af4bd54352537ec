"""Verdict and claim-strength macro-F1 of ``reader.comparing`` on labelled release/source pairs.

    python benchmarks/eval_compare.py [PAIRS.jsonl] [--yu DIR] [--errors N]

PAIRS.jsonl (default: tests/data/compare_pairs.jsonl, written by hand for this project):
one object a line with "release", "source", "verdict" (same / exaggerates / downplays),
"release_strength" and "source_strength" (0 no relation, 1 correlational, 2 conditional
causal, 3 direct causal).
The field names of the press-release / abstract conclusion pairs of Sumner et al. 2014 and
Bratton et al. 2019 as Wright & Augenstein 2021 distribute them are read too
("press_release_conclusion", "abstract_conclusion", "exaggeration_label", ...).

Each pair goes through ``compare_claims``, exactly what ``hedge-reader compare --jsonl`` runs.
With ``--yu DIR`` (the shared data folder), the strength of single sentences is measured as
well: Yu et al. 2019 PubMed conclusions (the source side) and Yu et al. 2020 press-release
sentences (the release side), for measuring only (their licences forbid training on them);
and the verdict on 1,500 random (Yu 2020 sentence, Yu 2019 sentence) pairs, gold verdict from
the gold strengths: a stand-in for expert-labelled pairs, whose verdict follows the strengths.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.comparing import VERDICTS, compare_claims
from reader.comparing.compare import text_strength
from reader.hedging.claims import LABELS, STRENGTH

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "compare_pairs.jsonl"
_ALIASES = {
    "release": ("release", "press_release_conclusion"),
    "source": ("source", "abstract_conclusion"),
    "verdict": ("verdict", "exaggeration_label"),
    "release_strength": ("release_strength", "press_release_strength"),
    "source_strength": ("source_strength", "abstract_strength"),
}
_VERDICT_NUMBERS = {0: "downplays", 1: "same", 2: "exaggerates"}


def _field(row: dict, name: str) -> object:
    for key in _ALIASES[name]:
        if key in row:
            return row[key]
    raise KeyError(name)


def _verdict(value: object) -> str:
    if isinstance(value, int):
        return _VERDICT_NUMBERS[value]
    word = str(value).strip().lower()
    return next((name for name in VERDICTS if word.startswith(name[:5])), word)


def macro_f1(gold: list, guess: list, labels: tuple) -> tuple[float, dict]:
    per: dict = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, guess, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, guess, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, guess, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    present = [label for label in labels if label in gold]
    return sum(per[label] for label in present) / len(present), per


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--yu", type=Path, help="the shared data folder holding Yu 2019 / 2020")
    parser.add_argument("--errors", type=int, default=0, help="show N wrong verdicts")
    args = parser.parse_args(argv)

    rows = [json.loads(line) for line in args.pairs.open(encoding="utf-8") if line.strip()]
    gold_v, guess_v, gold_r, guess_r, gold_s, guess_s, wrong = [], [], [], [], [], [], []
    for row in rows:
        verdict, release_strength, source_strength = compare_claims(
            str(_field(row, "release")), str(_field(row, "source"))
        )
        gold = _verdict(_field(row, "verdict"))
        gold_v.append(gold)
        guess_v.append(verdict)
        gold_r.append(int(_field(row, "release_strength")))
        guess_r.append(release_strength)
        gold_s.append(int(_field(row, "source_strength")))
        guess_s.append(source_strength)
        if gold != verdict:
            wrong.append((row, verdict, release_strength, source_strength))
    print(f"{args.pairs.name}: {len(rows)} pairs, verdicts {dict(Counter(gold_v))}")
    f1, per = macro_f1(gold_v, guess_v, VERDICTS)
    majority = Counter(gold_v).most_common(1)[0][0]
    base, _ = macro_f1(gold_v, [majority] * len(gold_v), VERDICTS)
    print(f"verdict macro-F1 {f1:.3f}  (majority guess {base:.3f})  " + _per(per))
    for side, gold, guess in (("release", gold_r, guess_r), ("source", gold_s, guess_s)):
        f1, per = macro_f1(gold, guess, (0, 1, 2, 3))
        print(f"{side} strength macro-F1 {f1:.3f}  " + _per(per))
    for row, verdict, rs, ss in wrong[: args.errors]:
        print(
            f"  {row.get('id', '?')}: gold {_field(row, 'verdict')} "
            f"({_field(row, 'release_strength')}/{_field(row, 'source_strength')}), "
            f"got {verdict} ({rs}/{ss})\n    R: {_field(row, 'release')}\n"
            f"    S: {_field(row, 'source')}"
        )
    if args.yu:
        _yu(args.yu)
    return 0


def _yu(folder: Path) -> None:
    samples: dict[str, list[tuple[str, int]]] = {}
    for name in ("yu2019_pubmed_claims_train.jsonl", "yu2020_eureka_claims_train.jsonl"):
        path = folder / name
        if not path.exists():
            print(f"{path}: missing")
            return
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
        labelled = [(r["text"], STRENGTH[r["claim"]]) for r in records if r.get("claim") in LABELS]
        samples[name] = labelled
        gold = [strength for _, strength in labelled]
        guess = [text_strength(text) for text, _ in labelled]
        f1, per = macro_f1(gold, guess, (0, 1, 2, 3))
        print(f"{name}: {len(gold)} sentences, strength macro-F1 {f1:.3f}  " + _per(per))
    rng = random.Random(3)
    releases = samples["yu2020_eureka_claims_train.jsonl"]
    sources = samples["yu2019_pubmed_claims_train.jsonl"]
    pairs = [(rng.choice(releases), rng.choice(sources)) for _ in range(1500)]
    gold_v = [_sign(r[1] - s[1]) for r, s in pairs]
    guess_v = [compare_claims(r[0], s[0])[0] for r, s in pairs]
    f1, per = macro_f1(gold_v, guess_v, VERDICTS)
    print(f"random Yu 2020 / Yu 2019 pairs: verdict macro-F1 {f1:.3f}  " + _per(per))


def _sign(difference: int) -> str:
    return "exaggerates" if difference > 0 else "downplays" if difference < 0 else "same"


def _per(per: dict) -> str:
    return " ".join(f"{label}:{value:.2f}" for label, value in per.items())


if __name__ == "__main__":
    raise SystemExit(main())
