"""Who wrote it and when, as feeds and plain-text articles say it; feed headlines read
(and analysed) as part of the entry."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from reader.library import Library

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Health news</title><link>https://news.example/</link>
<item><title>Coffee may extend life, study suggests</title>
<link>https://news.example/coffee</link>
<author>editor@x (Rita Moss)</author>
<description>Drinkers lived longer in an observational study.</description></item>
<item><title>Tea breakthrough</title><link>https://news.example/tea</link>
<author>Sam Reed &lt;sam@news.example&gt;</author>
<description>It is a cure.</description></item>
</channel></rss>
"""


def _library(tmp_path: Path, name: str, content: str) -> Library:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / name
    path.write_text(content, encoding="utf-8")
    os.utime(path, (1714651200, 1714651200))  # 2024-05-02: not the byline's date
    library = Library(tmp_path / "library")
    assert not library.add([folder]).failed
    return library


def test_feed_authors_written_as_mail_and_name(tmp_path: Path):
    library = _library(tmp_path, "news.rss", FEED)
    by_path = {doc.path: doc for doc in library.documents()}
    assert by_path["https://news.example/coffee"].author == "Rita Moss"
    assert by_path["https://news.example/tea"].author == "Sam Reed"


def test_feed_headlines_are_read_and_analysed(tmp_path: Path):
    library = _library(tmp_path, "news.rss", FEED)
    coffee = library.get("https://news.example/coffee")
    assert coffee.body.startswith("Coffee may extend life, study suggests\n\n")
    assert coffee.outline[0].title == "Coffee may extend life, study suggests"
    # "may" and "suggests" of the headline count in the figures, as the reader sees them
    assert coffee.summary.by_category.get("modal", 0) >= 1
    assert coffee.summary.by_category.get("epistemic", 0) >= 1
    assert library.get("https://news.example/tea").summary.boosters >= 2  # headline + text


def test_a_plain_text_byline_gives_the_author_and_date(tmp_path: Path):
    text = (
        "Coffee and a longer life\n\nBy Jane Doe\nPublished 2019-10-01\n\n"
        "Drinkers may live slightly longer, an observational study suggests.\n"
    )
    library = _library(tmp_path, "coffee.txt", text)
    [doc] = library.documents()
    assert doc.author == "Jane Doe"
    assert doc.date == datetime(2019, 10, 1, tzinfo=timezone.utc)


def test_no_byline_keeps_the_file_date_and_no_author(tmp_path: Path):
    text = "Notes\n\nBy the way, the cells may grow.\n"
    library = _library(tmp_path, "notes.txt", text)
    [doc] = library.documents()
    assert doc.author == "" and doc.date.year == 2024
