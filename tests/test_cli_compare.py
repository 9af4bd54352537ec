"""``hedge-reader compare`` through the real entry point, as scripts and fact-checkers use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run

RELEASE = (
    "Coffee prevents liver cancer\n\n"
    "Drinking coffee cuts the risk of liver cancer, a breakthrough study has found.\n"
)
SOURCE = (
    "Coffee consumption was associated with a lower risk of liver cancer in 20,000 adults. "
    "Further studies are needed.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    release, source = tmp_path / "release.txt", tmp_path / "source.md"
    release.write_text(RELEASE, encoding="utf-8")
    source.write_text(SOURCE, encoding="utf-8")
    return release, source


def test_a_table_shows_the_pairs_the_verdict_and_the_reasons(pair, tmp_path):
    result = run("compare", *map(str, pair), env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "verdict: exaggerates" in out
    assert "correlational → direct causal" in out
    assert "added: breakthrough" in out
    assert "Drinking coffee cuts the risk" in out


def test_json_has_the_issue_shape(pair):
    result = run("compare", *map(str, pair), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "exaggerates"
    assert data["release"].endswith("release.txt") and data["source"].endswith("source.md")
    first = data["pairs"][1]
    assert set(first) >= {"release", "source", "score", "verdict", "reasons"}
    assert set(first["release"]) >= {"start", "end", "text", "strength"}
    assert first["release"]["strength"] == 3 and first["source"]["strength"] == 1
    assert first["score"] > 0
    assert RELEASE[first["release"]["start"] : first["release"]["end"]] == first["release"]["text"]


def test_library_documents_are_found_by_path(pair, tmp_path):
    library = tmp_path / "lib"
    assert run("add", str(pair[0].parent), library=library).returncode == 0
    pair[0].unlink()  # only the library has it now
    result = run("compare", str(pair[0]), str(pair[1]), "--json", library=library)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "exaggerates"


def test_notes_are_written_as_html_and_markdown(pair, tmp_path):
    html, md = tmp_path / "note.html", tmp_path / "note.md"
    result = run("compare", *map(str, pair), "--html", str(html), "--markdown", str(md))
    assert result.returncode == 0, result.stderr
    page = html.read_text(encoding="utf-8")
    assert "Fact-check: Coffee prevents liver cancer" in page and "source.md" in page
    note = md.read_text(encoding="utf-8")
    assert "**Verdict: exaggerates**" in note and "- added: breakthrough" in note


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda r, s, d: (r, r), "the same text"),
        (lambda r, s, d: (r, d / "empty.txt"), "empty"),
        (lambda r, s, d: (d / "binary.txt", s), "binary"),
        (lambda r, s, d: (d / "plain.txt", s), "states no finding"),
        (lambda r, s, d: (d / "missing.txt", s), "no such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(pair, tmp_path, make, message):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "plain.txt").write_text("We met at noon. The room was cold.\n", encoding="utf-8")
    release, source = make(*pair, tmp_path)
    result = run("compare", str(release), str(source))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr and not result.stdout


def test_jsonl_answers_every_line_in_order_and_flags_bad_ones():
    lines = [
        json.dumps(
            {
                "id": "a",
                "release": "Coffee cures cancer.",
                "source": "Coffee is linked to a lower cancer risk.",
            }
        ),
        "{not json",
        json.dumps({"id": "c", "release": "Walking may lower blood pressure.", "source": 3}),
        json.dumps(
            {
                "id": "d",
                "release": "Exercise is linked to better sleep.",
                "source": "Exercise improved sleep quality.",
            }
        ),
    ]
    result = run("compare", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1  # a line failed; the others were answered
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {
        "id": "a",
        "verdict": "exaggerates",
        "release_strength": 3,
        "source_strength": 1,
    }
    assert out[1]["id"] is None and "not JSON" in out[1]["error"]
    assert out[2]["id"] == "c" and "release" in out[2]["error"]
    assert out[3] == {
        "id": "d",
        "verdict": "downplays",
        "release_strength": 1,
        "source_strength": 3,
    }


def test_document_text_is_data_in_the_table(tmp_path):
    release = tmp_path / "r.txt"
    source = tmp_path / "s.txt"
    release.write_text("[bold red]Coffee[/] cures \x1b[31mcancer\x1b[0m.\n", encoding="utf-8")
    source.write_text("Coffee is linked to lower cancer risk.\n", encoding="utf-8")
    result = run("compare", str(release), str(source), env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    assert "[bold red]Coffee[/]" in result.stdout
    assert "\x1b" not in result.stdout


def test_compare_jsonl_answers_a_blank_line_too_so_outputs_line_up():
    pair = json.dumps(
        {"id": 1, "release": "Coffee cures cancer.", "source": "Coffee was linked to less cancer."}
    )
    result = run(
        "compare", "--jsonl", stdin=pair + "\n\n" + pair.replace('"id": 1', '"id": 3') + "\n"
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["id"] for item in out] == [1, None, 3]
    assert "error" in out[1] and out[0]["verdict"] == out[2]["verdict"] == "exaggerates"
    assert result.returncode == 1  # the blank line was not a pair
