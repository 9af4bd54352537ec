"""Training and evaluation helpers for the learned part of the detector (not used at runtime).

``scripts/train_hedges.py`` and ``benchmarks/eval_hedges.py`` are thin wrappers around this
module. Gold files use the shared data's line format: ``{"id", "text", "uncertain", "cues":
[{"start", "end", "text"}]}``.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.hedging.features import context, features
from reader.hedging.lexicon import BIOSCOPE, compile_scheme
from reader.hedging.rules import judge

#: One document in DEV_SHARE goes to the dev split (by a hash of its id: stable everywhere).
DEV_SHARE = 5


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def document_of(record_id: str) -> str:
    """The document a sentence belongs to: ``bio-abs-<PMID>-<k>`` -> ``bio-abs-<PMID>``."""
    head, _, tail = record_id.rpartition("-")
    return head if head and tail.isdigit() else record_id


#: Corpora whose ids name sentences drawn from many documents (Pei & Jurgens 2021's findings):
#: each sentence is its own document for the split.
SENTENCE_LEVEL = ("pei2021-",)


def split_of(record_id: str) -> str:
    """ "train" or "dev", by a hash of the document id (all sentences of a PMID stay together)."""
    document = record_id if record_id.startswith(SENTENCE_LEVEL) else document_of(record_id)
    digest = hashlib.sha1(document.encode("utf-8")).hexdigest()
    return "dev" if int(digest[:8], 16) % DEV_SHARE == 0 else "train"


def select(records: Iterable[dict[str, Any]], split: str | None) -> list[dict[str, Any]]:
    if split in (None, "all"):
        return list(records)
    return [r for r in records if split_of(r["id"]) == split]


# --- learning ---------------------------------------------------------------------------------


def candidate_examples(
    records: Iterable[dict[str, Any]], scheme: str = BIOSCOPE
) -> Iterator[tuple[str, list[str], bool]]:
    """(lemma, features, is-a-gold-cue) for every lexicon candidate no rule settles."""
    pattern, table = compile_scheme(scheme)
    for record in records:
        text = record["text"]
        gold = [(c["start"], c["end"]) for c in record.get("cues") or []]
        lowered = text.lower()
        if len(lowered) != len(text):
            continue
        for match in pattern.finditer(lowered):
            key = " ".join(match.group().split())
            entry = table.get(key)
            if entry is None:
                continue
            start, end = match.span()
            ctx = context(text, start, end)
            if judge(entry.lemma, key, ctx, scheme) is not None:
                continue
            label = any(s < end and start < e for s, e in gold)
            yield entry.lemma, features(entry.lemma, key, ctx, text, start), label


def train_perceptron(
    examples: list[tuple[str, list[str], bool]], epochs: int = 12, seed: int = 13
) -> dict[str, float]:
    """An averaged perceptron (labels +1/-1, bias feature "b"); deterministic for a seed."""
    weights: dict[str, float] = {}
    totals: dict[str, float] = {}
    stamps: dict[str, int] = {}
    order = list(range(len(examples)))
    rng = random.Random(seed)
    step = 0
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            step += 1
            _, feats, label = examples[index]
            y = 1.0 if label else -1.0
            score = sum(weights.get(f, 0.0) for f in feats)
            if y * score <= 0:
                for f in feats:
                    w = weights.get(f, 0.0)
                    totals[f] = totals.get(f, 0.0) + (step - stamps.get(f, 0)) * w
                    stamps[f] = step
                    weights[f] = w + y
    averaged: dict[str, float] = {}
    for f, w in weights.items():
        total = totals.get(f, 0.0) + (step - stamps.get(f, 0)) * w
        value = round(total / step, 4)
        if value:
            averaged[f] = value
    return averaged


def train_bagged(
    examples: list[tuple[str, list[str], bool]], seeds: int = 5, epochs: int = 6
) -> dict[str, float]:
    """The mean of ``seeds`` averaged perceptrons shuffled differently: steadier decisions on
    this small, noisy data than any single shuffle (5-fold CV on the train split)."""
    total: dict[str, float] = {}
    for seed in range(seeds):
        for feature, value in train_perceptron(examples, epochs=epochs, seed=seed).items():
            total[feature] = total.get(feature, 0.0) + value
    averaged = {f: round(v / seeds, 4) for f, v in total.items()}
    return {f: v for f, v in averaged.items() if v}


MIN_EXAMPLES = 5  # cue words seen fewer times are left to the lexicon and rules
EPOCHS = 6
SEEDS = 5  # perceptrons averaged (shuffle seeds 0..SEEDS-1)


def build_model(
    records: Iterable[dict[str, Any]], min_examples: int = MIN_EXAMPLES
) -> tuple[dict[str, float], list[str], int, int]:
    """(weights, modelled lemmas, candidates, positives) learned from gold ``records``."""
    examples = list(candidate_examples(records))
    counts = Counter(lemma for lemma, _, _ in examples)
    lemmas = sorted(lemma for lemma, n in counts.items() if n >= min_examples)
    keep = set(lemmas)
    examples = [e for e in examples if e[0] in keep]
    weights = train_bagged(examples, seeds=SEEDS, epochs=EPOCHS)
    return weights, lemmas, len(examples), sum(1 for e in examples if e[2])


def cross_validate(
    base: list[dict[str, Any]], documents: list[dict[str, Any]], schemes: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """Leave one document out: for each document of ``documents``, train on ``base`` plus the
    other documents, evaluate on it; the counts are pooled over the folds (micro average)."""
    from reader.hedging import detector

    by_document: dict[str, list[dict[str, Any]]] = {}
    for record in documents:
        by_document.setdefault(document_of(record["id"]), []).append(record)
    pooled: dict[str, dict[str, Any]] = {}
    try:
        for held in sorted(by_document):
            train = base + [r for d, rs in sorted(by_document.items()) if d != held for r in rs]
            weights, lemmas, _, _ = build_model(train)
            detector.use_model(weights, frozenset(lemmas))
            for scheme in schemes:
                result = evaluate(by_document[held], scheme)
                result["document"] = held
                pooled.setdefault(scheme, {"folds": []})["folds"].append(result)
    finally:
        detector.use_model(None)
    for entry in pooled.values():
        sums = [sum(c) for c in zip(*(f["counts"] for f in entry["folds"]), strict=True)]
        s_tp, s_pred, s_gold, c_ok, c_pred, c_found, c_gold = sums
        entry["sentence"] = _prf(s_tp, s_pred, s_tp, s_gold)
        entry["cue"] = _prf(c_ok, c_pred, c_found, c_gold)
        entry["sentences"] = sum(f["sentences"] for f in entry["folds"])
        missed: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        for f in entry["folds"]:
            missed.update(dict(f["missed"]))
            wrong.update(dict(f["wrong"]))
        entry["missed"] = missed.most_common()
        entry["wrong"] = wrong.most_common()
    return pooled


# --- evaluation ---------------------------------------------------------------------------------


def _prf(tp_p: int, n_p: int, tp_r: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(records: Iterable[dict[str, Any]], scheme: str) -> dict[str, Any]:
    """Sentence-level and cue-overlap precision, recall and F1 against gold annotations.

    A sentence is uncertain iff it has at least one predicted hedge (boosters do not count).
    Cue overlap: a predicted cue is right if it overlaps a gold cue piece; a gold piece is found
    if some predicted cue overlaps it.
    """
    from reader.hedging.detector import find_hedges

    s_tp = s_pred = s_gold = 0
    c_pred = c_pred_ok = c_gold = c_gold_found = 0
    by_category: Counter[str] = Counter()
    correct_by_category: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    sentences = 0
    for record in records:
        uncertain = record.get("uncertain")
        cues = record.get("cues")
        if uncertain is None and cues is None:
            continue
        sentences += 1
        text = record["text"]
        hedges = [h for h in find_hedges(text, scheme=scheme) if h.kind == "hedge"]
        gold = [(c["start"], c["end"]) for c in cues or []]
        if uncertain is None:
            uncertain = bool(gold)
        predicted = bool(hedges)
        s_pred += predicted
        s_gold += bool(uncertain)
        s_tp += predicted and bool(uncertain)
        if cues is None:
            continue
        c_gold += len(gold)
        for h in hedges:
            ok = any(s < h.end and h.start < e for s, e in gold)
            c_pred += 1
            c_pred_ok += ok
            by_category[h.category] += 1
            correct_by_category[h.category] += ok
            if not ok:
                wrong[h.text.lower()] += 1
        for s, e in gold:
            if any(h.start < e and s < h.end for h in hedges):
                c_gold_found += 1
            else:
                missed[text[s:e].lower()] += 1
    return {
        "scheme": scheme,
        "counts": (s_tp, s_pred, s_gold, c_pred_ok, c_pred, c_gold_found, c_gold),
        "sentences": sentences,
        "sentence": _prf(s_tp, s_pred, s_tp, s_gold),
        "cue": _prf(c_pred_ok, c_pred, c_gold_found, c_gold) if c_gold else None,
        "gold_uncertain": s_gold,
        "gold_cues": c_gold,
        "predicted_cues": c_pred,
        "by_category": {k: (by_category[k], correct_by_category[k]) for k in by_category},
        "missed": missed.most_common(),
        "wrong": wrong.most_common(),
    }
