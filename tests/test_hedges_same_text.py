"""`hedges FILE` marks the text the app and `export` show, not the raw file."""

from __future__ import annotations

import json
from pathlib import Path

from reader.library import Library
from tests.helpers import run

NOTE = """---
title: Coffee and a longer life
author: Rita Moss
summary: this front matter may suggest nothing
---

# Coffee drinkers *may* live longer

| Cups | Effect |
|---|---|
| 3 | possibly lower risk |

The study suggests a **modest** benefit.
"""


def test_hedges_on_a_markdown_file_matches_export_and_the_library(tmp_path: Path):
    note = tmp_path / "coffee.md"
    note.write_text(NOTE, encoding="utf-8")
    hedges = json.loads(run("hedges", "--json", str(note)).stdout)
    exported = json.loads(
        run("export", str(note), "--format", "json", library=tmp_path / "none").stdout
    )
    assert hedges["hedges"] == exported["hedges"] and hedges["summary"] == exported["summary"]
    library = Library(tmp_path / "library")
    library.add([note])
    body = library.get(str(note.resolve())).body
    library.close()
    assert exported["text"] == body
    texts = [h["text"] for h in hedges["hedges"]]
    assert "front matter" not in body and "|" not in body  # neither analysed nor shown
    assert [body[h["start"] : h["end"]] for h in hedges["hedges"]] == texts
