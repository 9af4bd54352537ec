"""What scripts and pagers get from the CLI: the same fields from search and list, one
jsonl line per input line, grep's exit status, --color, booster and reversed sorts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.library import Library
from reader.tui.app import HedgeReaderApp
from reader.tui.widgets.document_list import DocumentList
from tests.helpers import SIZE, run, settle, visible_text


@pytest.fixture
def lib(tmp_path: Path, samples) -> Path:
    path = tmp_path / "cli-library"
    result = run("add", str(samples["hedged"].parent), library=path)
    assert result.returncode == 0, result.stderr
    return path


def test_search_json_has_the_fields_list_json_has(lib: Path):
    found = json.loads(run("search", "relapse", "--json", library=lib).stdout)["results"][0]
    listed = json.loads(run("list", "--json", library=lib).stdout)["documents"]
    same = next(doc for doc in listed if doc["path"] == found["path"])
    for field in ("date", "author", "format", "boosters", "boosters_per_1k", "words"):
        assert found[field] == same[field], field
    assert {"score", "snippet", "title", "hedges_per_1k"} <= set(found)


def test_hedges_jsonl_writes_one_line_for_every_line_read(tmp_path: Path):
    lines = [
        json.dumps({"id": 1, "text": "It may work."}),
        "",
        "   ",
        json.dumps({"id": 2, "text": "Proven."}),
        "",
    ]
    result = run("hedges", "--jsonl", stdin="\n".join(lines) + "\n")
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    records = [json.loads(line) for line in out]
    assert records[0]["id"] == 1 and records[0]["hedges"]
    assert records[1] == {"id": None, "hedges": []} == records[4]
    assert records[3]["id"] == 2
    assert result.returncode == 0


def test_a_search_with_no_match_exits_1_as_grep_does(lib: Path):
    assert run("search", "relapse", library=lib).returncode == 0
    nothing = run("search", "zebrafishes", library=lib)
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert run("search", "zebrafishes", "--json", library=lib).returncode == 1


def test_color_auto_always_never(tmp_path: Path, lib: Path):
    text = tmp_path / "t.txt"
    text.write_text("It may work, and it is a breakthrough.\n")
    assert "\x1b[" not in run("hedges", str(text)).stdout  # auto: a pipe gets plain text
    assert "\x1b[" in run("hedges", "--color", "always", str(text)).stdout
    assert "\x1b[" not in run("hedges", "--color", "never", str(text)).stdout
    assert "\x1b[" in run("search", "relapse", "--color", "always", library=lib).stdout
    assert "\x1b[" not in run("search", "relapse", "--color", "never", library=lib).stdout


def test_list_sorts_by_boosters_and_turns_sorts_round(lib: Path):
    by_boosters = json.loads(run("list", "--sort", "boosters", "--json", library=lib).stdout)
    figures = [doc["boosters_per_1k"] for doc in by_boosters["documents"]]
    assert figures == sorted(figures, reverse=True) and figures[0] > 0
    by_date = json.loads(run("list", "--json", library=lib).stdout)["documents"]
    turned = json.loads(run("list", "--reverse", "--json", library=lib).stdout)["documents"]
    dates = [doc["date"] for doc in turned]
    assert dates == sorted(dates) and len(turned) == len(by_date)
    titles = json.loads(run("list", "--sort", "title", "--reverse", "--json", library=lib).stdout)
    names = [doc["title"].casefold() for doc in titles["documents"]]
    assert names == sorted(names, reverse=True)


async def test_the_app_list_shows_booster_density_and_reverses_its_sort(library: Library):
    app = HedgeReaderApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.query_one(DocumentList)
        assert "boosters /1k" in visible_text(listing)
        for _ in range(4):  # relevance (the whole library: by date), date, title, hedges...
            await pilot.press("s")
            await settle(pilot)
            if app.main.sort == "boosters":
                break
        assert app.main.sort == "boosters"
        figures = [e.summary.boosters_per_1k for e in listing.entries]
        assert figures == sorted(figures, reverse=True) and figures[0] > 0
        await pilot.press("S")
        await settle(pilot)
        turned = [e.summary.boosters_per_1k for e in listing.entries]
        assert turned == sorted(figures)
        assert "fewest first" in str(app.query_one("#search-status").render())
