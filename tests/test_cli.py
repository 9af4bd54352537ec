"""The command line through its real entry points, as scripts and people use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import error_lines, run


def test_add_reports_a_summary_and_skips_unchanged(lib: Path, samples):
    again = run("add", str(samples["hedged"].parent), library=lib)
    assert again.returncode == 0
    assert "0 added, 0 updated, 4 unchanged, 0 failed" in again.stdout


def test_add_with_bad_paths_exits_1_with_one_line_each(tmp_path: Path, samples):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = run(
        "add",
        str(samples["plain"]),
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.md"),
        library=tmp_path / "lib",
    )
    assert result.returncode == 1
    errors = error_lines(result.stderr)
    assert len(errors) == 2
    assert any("missing.txt" in line and "no such file" in line for line in errors)
    assert any("empty.md" in line and "empty" in line for line in errors)
    assert "Traceback" not in result.stderr
    assert "1 added" in result.stdout


def test_search_json_contract(lib: Path):
    result = run("search", "vaccine", "--json", library=lib)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["query"] == "vaccine"
    [hit] = payload["results"]
    assert set(hit) >= {"path", "title", "score", "snippet", "hedges_per_1k"}
    assert hit["title"] == "Vaccines may reduce relapse"
    assert "vaccine" in hit["snippet"].lower()
    assert hit["hedges_per_1k"] > 50


def test_search_limit_and_table(lib: Path):
    limited = json.loads(run("search", "", "--limit", "2", "--json", library=lib).stdout)
    assert len(limited["results"]) == 2
    table = run("search", "breakthrough", library=lib)
    assert table.returncode == 0
    assert "A breakthrough that proves everything" in table.stdout


def test_bad_usage_exits_2(lib: Path):
    assert run("search", "x", "--limit", "0", library=lib).returncode == 2
    assert run("frobnicate").returncode == 2


def test_hedges_json_offsets_index_the_decoded_text(tmp_path: Path):
    text = "Naïve café data may suggest a breakthrough.\n"
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("latin-1"))
    result = run("hedges", str(path), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["path"] == str(path)
    spans = {(h["text"], h["kind"]) for h in payload["hedges"]}
    assert ("may", "hedge") in spans and ("breakthrough", "booster") in spans
    for hedge in payload["hedges"]:
        assert text[hedge["start"] : hedge["end"]] == hedge["text"]
        assert hedge["category"]
    assert payload["summary"]["hedges"] >= 2
    assert payload["summary"]["boosters"] == 1


def test_hedges_reads_stdin_and_marks_text(tmp_path: Path):
    result = run("hedges", "-", stdin="It may work.\n")
    assert result.returncode == 0
    assert "It may work." in result.stdout
    assert "1 hedge (" in result.stdout


def test_hedges_jsonl_keeps_order_and_reports_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": "This might help."}),
        "not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": 4, "text": "Clearly a cure."}),
    ]
    result = run("hedges", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["id"] for item in out] == ["a", None, "c", 4]
    assert out[0]["hedges"][0]["text"] == "might"
    assert "error" in out[1] and "error" in out[2]
    assert {h["kind"] for h in out[3]["hedges"]} == {"booster"}


def test_hedges_on_a_missing_file_is_one_line(tmp_path: Path):
    result = run("hedges", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "nope.txt" in result.stderr


def test_hedges_reads_html_and_pdf_as_add_does(tmp_path: Path):
    """``hedges page.html`` marks the article, not its tags; ``hedges paper.pdf`` reads the
    PDF instead of refusing it as binary; a broken PDF is one line naming it."""
    from tests.format_fixtures import article_html, write_pdf

    page = tmp_path / "page.html"
    page.write_text(article_html(), encoding="utf-8")
    html = run("hedges", str(page), "--json")
    assert html.returncode == 0, html.stderr
    payload = json.loads(html.stdout)
    assert {h["text"] for h in payload["hedges"]} >= {"suggest", "may"}
    shown = run("hedges", str(page)).stdout
    assert "<article>" not in shown and "Subscribe now" not in shown

    paper = write_pdf(tmp_path / "paper.pdf", ["The drug may lower blood pressure."])
    pdf = run("hedges", str(paper), "--json")
    assert pdf.returncode == 0, pdf.stderr
    assert [h["text"] for h in json.loads(pdf.stdout)["hedges"]] == ["may"]

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    failed = run("hedges", str(broken))
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "broken.pdf" in failed.stderr


def test_list_and_remove(lib: Path, samples):
    listing = json.loads(run("list", "--json", library=lib).stdout)
    assert len(listing["documents"]) == 4
    removed = run("remove", str(samples["plain"]), library=lib)
    assert removed.returncode == 0 and "1 removed" in removed.stdout
    missing = run("remove", str(samples["plain"]), library=lib)
    assert missing.returncode == 1 and "not in the library" in missing.stderr
    listing = json.loads(run("list", "--json", library=lib).stdout)
    assert len(listing["documents"]) == 3


def test_library_env_var_is_the_default(lib: Path):
    result = run("list", "--json", env={"HEDGE_READER_LIBRARY": str(lib)})
    assert len(json.loads(result.stdout)["documents"]) == 4


def test_document_text_never_reaches_the_terminal_as_control_codes(lib: Path):
    for args in (["search", "escape"], ["list"]):
        result = run(*args, library=lib)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    hostile = run("hedges", "-", stdin="It may \x1b[31mflash\x1b[0m [bold]loud[/bold]\n")
    assert "\x1b" not in hostile.stdout
    assert "[bold]loud[/bold]" in hostile.stdout


SCRIPT = Path(sys.executable).with_name("hedge-reader")


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed beside python")
def test_console_script_is_installed_and_works(lib: Path):
    result = subprocess.run(
        [str(SCRIPT), "--library", str(lib), "search", "relapse", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["results"][0]["title"] == "Vaccines may reduce relapse"


def test_a_mistyped_library_path_is_an_error_not_an_empty_result(tmp_path):
    missing = tmp_path / "typo"
    for command in (["search", "vaccine"], ["search", "vaccine", "--json"], ["list"]):
        result = run(*command, library=missing)
        assert result.returncode == 1, command
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and "typo: no library here" in result.stderr
    assert not missing.exists()  # reading never creates a library
