"""``hedge-reader claims`` and ``hedges --scheme`` through the real entry point, and the
claim figures the library's ``list``/``search``/``export`` JSON carries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import COFFEE, run, write_claim_docs

#: Hedged only in the BioScope convention ("if", "whether" count there, not for readers).
CONDITIONS = "The drug works if the dose is right, and we can test whether it helps.\n"


def test_claims_jsonl_labels_each_line_in_order_and_goes_on_past_bad_ones():
    lines = [
        json.dumps({"id": "a", "text": "Coffee causes liver cancer."}),
        "not json",
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": 4, "text": "Coffee may reduce the risk of liver cancer."}),
        "",
        json.dumps({"id": 5, "text": "Coffee is associated with liver cancer."}),
        json.dumps({"id": 6, "text": "We recruited 300 adults."}),
    ]
    result = run("claims", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1  # some lines were bad
    out = [json.loads(line) for line in result.stdout.splitlines()]
    # one line out for every line in, the blank one too (as hedges --jsonl)
    assert [item["id"] for item in out] == ["a", None, "c", 4, None, 5, 6]
    assert [item.get("claim") for item in out] == [
        "direct_causal",
        None,
        None,
        "conditional_causal",
        "no_claim",
        "correlational",
        "no_claim",
    ]
    out = out[:4] + out[5:]  # the blank line's record set aside
    assert "line 2" in out[1]["error"] and "line 3" in out[2]["error"]
    for item, line in zip([out[0], out[3], out[4]], [lines[0], lines[3], lines[5]], strict=True):
        text = json.loads(line)["text"]
        assert item["cues"] and all(set(cue) == {"start", "end", "text"} for cue in item["cues"])
        assert all(text[c["start"] : c["end"]] == c["text"] for c in item["cues"])
    assert {c["text"] for c in out[0]["cues"]} == {"causes"}
    assert out[5]["cues"] == []
    assert "Traceback" not in result.stderr


def test_claims_json_lists_each_finding_with_its_label_and_cues(tmp_path: Path):
    path = tmp_path / "coffee.txt"
    path.write_text(COFFEE, encoding="utf-8")
    result = run("claims", str(path), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["path"] == str(path)
    labels = [claim["claim"] for claim in payload["claims"]]
    assert labels == ["direct_causal", "conditional_causal", "correlational"]
    for claim in payload["claims"]:
        assert COFFEE[claim["start"] : claim["end"]] == claim["text"]
        for cue in claim["cues"]:
            assert COFFEE[cue["start"] : cue["end"]] == cue["text"] and cue["kind"]
    assert payload["summary"] == {
        "findings": 3,
        "correlational": 1,
        "conditional_causal": 1,
        "direct_causal": 1,
        "causal_share": 0.3333,
    }


def test_claims_table_from_stdin_names_each_strength():
    result = run("claims", "-", stdin=COFFEE)
    assert result.returncode == 0, result.stderr
    for text in ("direct causal", "conditional causal", "correlational", "Drinking coffee"):
        assert text in result.stdout
    assert "3 finding sentences" in result.stdout and "33% stated causally" in result.stdout
    plain = run("claims", "-", stdin="The cells were counted.\n")
    assert plain.returncode == 0 and "No finding sentences" in plain.stdout


def test_claims_on_a_missing_file_is_one_line(tmp_path: Path):
    result = run("claims", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "nope.txt" in result.stderr


@pytest.mark.parametrize("form", ["file", "stdin", "json", "jsonl"])
def test_hedges_scheme_works_on_every_form(tmp_path: Path, form: str):
    path = tmp_path / "conditions.txt"
    path.write_text(CONDITIONS, encoding="utf-8")
    args = {
        "file": ([str(path)], None),
        "stdin": (["-"], CONDITIONS),
        "json": ([str(path), "--json"], None),
        "jsonl": (["--jsonl"], json.dumps({"id": 1, "text": CONDITIONS}) + "\n"),
    }[form]
    outputs = {}
    for scheme in ("reader", "bioscope"):
        result = run("hedges", *args[0], "--scheme", scheme, stdin=args[1])
        assert result.returncode == 0, result.stderr
        outputs[scheme] = result.stdout
    # "whether" is an open question (tentative) for a reader, an alternative (probability)
    # in the BioScope convention
    if form in ("json", "jsonl"):
        found = {
            scheme: {(h["text"], h["category"]) for h in json.loads(out.splitlines()[0])["hedges"]}
            for scheme, out in outputs.items()
        }
        assert found["reader"] == {("whether", "tentative")}
        assert found["bioscope"] == {("whether", "probability")}
    else:
        assert "tentative 1" in outputs["reader"] and "probability" not in outputs["reader"]
        assert "probability 1" in outputs["bioscope"]
    default = run("hedges", *args[0], stdin=args[1])
    assert default.stdout == outputs["reader"]  # reader is the default scheme
    bad = run("hedges", *args[0], "--scheme", "conll", stdin=args[1])
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_list_search_and_export_json_carry_the_claim_figures(tmp_path: Path):
    files = write_claim_docs(tmp_path / "docs")
    library = tmp_path / "library"
    assert run("add", str(tmp_path / "docs"), library=library).returncode == 0
    listed = json.loads(run("list", "--json", "--sort", "causal", library=library).stdout)
    documents = listed["documents"]
    assert [d["title"] for d in documents] == [
        "Green tea",
        "Coffee and liver cancer",
        "Walking and mood",
    ]
    assert documents[0]["claims"]["causal_share"] == 1.0
    assert documents[1]["claims"] == {
        "findings": 3,
        "correlational": 1,
        "conditional_causal": 1,
        "direct_causal": 1,
        "causal_share": 0.3333,
    }
    found = json.loads(run("search", "claims:causal", "--json", library=library).stdout)
    assert {hit["title"] for hit in found["results"]} == {"Green tea", "Coffee and liver cancer"}
    assert all(hit["claims"]["direct_causal"] > 0 for hit in found["results"])
    table = run("list", library=library)
    assert "Causal" in table.stdout and "100%" in table.stdout
    bad = run("search", "claims:strong", library=library)
    assert bad.returncode == 2 and "unknown claim strength 'strong'" in bad.stderr

    exported = run("export", str(files["coffee"]), "--format", "json", library=library)
    payload = json.loads(exported.stdout)
    assert [c["claim"] for c in payload["claims"]] == [
        "direct_causal",
        "conditional_causal",
        "correlational",
    ]
    assert payload["claim_summary"]["direct_causal"] == 1
    for claim in payload["claims"]:
        assert payload["text"][claim["start"] : claim["end"]] == claim["text"]
