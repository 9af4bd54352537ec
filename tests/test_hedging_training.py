"""The training and evaluation helpers behind scripts/train_hedges.py and eval_hedges.py."""

from __future__ import annotations

import json

import pytest

from reader.hedging.training import (
    candidate_examples,
    document_of,
    evaluate,
    read_jsonl,
    select,
    split_of,
    train_bagged,
    train_perceptron,
)


def test_document_of_strips_the_sentence_index():
    assert document_of("bio-abs-91079577-12") == "bio-abs-91079577"
    assert document_of("szeged-wiki-Tim Witherspoon_2358-3") == "szeged-wiki-Tim Witherspoon_2358"
    assert document_of("pei2021-17") == "pei2021"
    assert document_of("plain") == "plain"


def test_split_keeps_documents_together_and_is_stable():
    ids = [f"bio-abs-{pmid}-{k}" for pmid in range(1000, 1400) for k in range(3)]
    splits = {}
    for record_id in ids:
        splits.setdefault(document_of(record_id), set()).add(split_of(record_id))
    assert all(len(found) == 1 for found in splits.values())
    dev = sum(1 for found in splits.values() if found == {"dev"})
    assert 40 <= dev <= 120  # about one document in five
    assert split_of("bio-abs-1000-0") == split_of("bio-abs-1000-7")


GOLD = [
    {
        "id": "t-1-0",
        "text": "These data suggest that X may bind Y.",
        "uncertain": True,
        "cues": [{"start": 11, "end": 18, "text": "suggest"}, {"start": 26, "end": 29}],
    },
    {"id": "t-1-1", "text": "X binds Y in May 2021.", "uncertain": False, "cues": []},
    {"id": "t-2-0", "text": "It is unclear.", "uncertain": True, "cues": []},
    {"id": "t-3-0", "text": "No annotation here.", "uncertain": None, "cues": None},
]


def test_evaluate_counts_sentences_and_cue_overlap():
    result = evaluate(GOLD, "bioscope")
    assert result["sentences"] == 3
    assert result["sentence"] == pytest.approx((1.0, 1.0, 1.0))
    # "unclear" is marked but the third sentence lists no cue piece: one wrong mark.
    p, r, f = result["cue"]
    assert (p, r, f) == pytest.approx((2 / 3, 1.0, 0.8))
    assert result["wrong"] == [("unclear", 1)]


def test_read_and_select(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n\n", encoding="utf-8")
    records = read_jsonl(path)
    assert len(records) == 4
    assert len(select(records, "all")) == 4
    assert len(select(records, "train")) + len(select(records, "dev")) == 4


def test_candidates_and_training_are_deterministic():
    examples = list(candidate_examples(GOLD * 3))
    assert examples and all(isinstance(feats, list) for _, feats, _ in examples)
    assert train_perceptron(examples, epochs=3, seed=1) == train_perceptron(
        examples, epochs=3, seed=1
    )
    assert train_bagged(examples, seeds=2, epochs=2) == train_bagged(examples, seeds=2, epochs=2)


def test_eval_script_prints_both_schemes(tmp_path, capsys):
    from benchmarks import eval_hedges

    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n", encoding="utf-8")
    assert eval_hedges.main([str(path), "--errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "scheme=reader" in out and "scheme=bioscope" in out
    assert "sentence  P 1.000  R 1.000  F1 1.000" in out
    assert "cue       P 0.667  R 1.000  F1 0.800" in out


def test_cross_validation_holds_each_document_out_and_restores_the_shipped_model(tmp_path):
    from reader.hedging import find_hedges
    from reader.hedging.training import cross_validate

    text = "These results could suggest that the gene is either lost or diverged."
    before = find_hedges(text, scheme="bioscope")
    pooled = cross_validate(GOLD[:2] * 3, GOLD, ("bioscope",))
    folds = pooled["bioscope"]["folds"]
    assert sorted(f["document"] for f in folds) == ["t-1", "t-2", "t-3"]
    assert pooled["bioscope"]["sentences"] == 3  # the unannotated sentence is skipped
    assert find_hedges(text, scheme="bioscope") == before


def test_eval_script_cross_validates_by_document(tmp_path, capsys):
    from benchmarks import eval_hedges

    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n", encoding="utf-8")
    base = tmp_path / "base.jsonl"
    base.write_text("\n".join(json.dumps(r) for r in GOLD[:2]) + "\n", encoding="utf-8")
    assert eval_hedges.main([str(gold), "--cv", "--base", str(base), "--scheme", "bioscope"]) == 0
    out = capsys.readouterr().out
    assert "scheme=bioscope leave-one-document-out (3 folds" in out
    assert "sentence  P" in out


def test_pei_sentences_are_split_one_by_one():
    ids = [f"pei2021-{n}" for n in range(500)]
    dev = sum(split_of(i) == "dev" for i in ids)
    assert 60 <= dev <= 140  # about one in five, not all in one split
