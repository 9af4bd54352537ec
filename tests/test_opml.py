"""``add feeds.opml`` subscribes to every feed listed (a dead one costs one line) and
``export-feeds`` writes the library's feeds back as OPML; served from 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main
from reader.library import Library
from reader.library.opml import Feed, read_opml, write_opml
from tests.format_fixtures import FEED_ITEMS, rss_feed


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


def opml(*outlines: str) -> str:
    body = "".join(outlines)
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'


def test_every_listed_feed_is_added_and_a_dead_one_is_one_line(httpserver, tmp_path, capsys):
    httpserver.expect_request("/health.rss").respond_with_data(
        rss_feed(FEED_ITEMS), content_type="application/rss+xml"
    )
    httpserver.expect_request("/gone.rss").respond_with_data("", status=404)
    good, dead = httpserver.url_for("/health.rss"), httpserver.url_for("/gone.rss")
    listing = tmp_path / "feeds.opml"
    listing.write_text(
        opml(
            '<outline text="Science">',
            f'<outline type="rss" text="Health" xmlUrl="{good}"/>',
            f'<outline type="rss" text="Gone" xmlUrl="{dead}"/></outline>',
            '<outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>',
        ),
        encoding="utf-8",
    )
    status = main(["add", str(listing), "--library", str(tmp_path / "lib")])
    captured = capsys.readouterr()
    assert status == 1
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert errors[0] == (
        "hedge-reader: skipped file:///etc/passwd: not an http(s) feed address in the OPML list"
    )
    assert errors[1].startswith(f"hedge-reader: skipped {dead}: ") and "404" in errors[1]
    assert captured.out.startswith(f"{len(FEED_ITEMS)} added, 0 updated, 0 unchanged, 2 failed")
    library = Library(tmp_path / "lib")
    assert {hit.summary.source for hit in library.search("format:feed").hits} == {good}
    library.close()

    assert main(["export-feeds", "--library", str(tmp_path / "lib")]) == 0
    exported = tmp_path / "out.opml"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")
    assert read_opml(exported) == [Feed(good, good)]


def test_a_broken_opml_file_is_one_line_and_the_rest_is_added(tmp_path, capsys):
    (tmp_path / "broken.opml").write_text("<opml><body><outline", encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("It may rain.", encoding="utf-8")
    status = main(
        ["add", str(tmp_path / "broken.opml"), str(note), "--library", str(tmp_path / "lib")]
    )
    captured = capsys.readouterr()
    assert status == 1
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"hedge-reader: skipped {tmp_path / 'broken.opml'}: not a readable OPML")
    assert captured.out.startswith("1 added")


def test_titles_and_addresses_are_escaped_when_written(tmp_path: Path):
    feeds = [Feed('http://x.org/rss?a=1&b="2"', "Tom & Jerry <news>")]
    path = tmp_path / "round.opml"
    path.write_text(write_opml(feeds), encoding="utf-8")
    assert read_opml(path) == feeds


async def test_an_opml_list_added_in_the_app_subscribes_to_its_feeds(httpserver, tmp_path, library):
    from reader.tui.app import HedgeReaderApp
    from tests.helpers import SIZE, record_notifications, settle, type_and_submit

    httpserver.expect_request("/health.rss").respond_with_data(
        rss_feed(FEED_ITEMS), content_type="application/rss+xml"
    )
    listing = tmp_path / "feeds.opml"
    url = httpserver.url_for("/health.rss")
    listing.write_text(opml(f'<outline text="Health" xmlUrl="{url}"/>'), encoding="utf-8")
    app = HedgeReaderApp(library)
    sent = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_and_submit(pilot, str(listing))
        await settle(pilot)
        await settle(pilot)
        notes = sent
        assert any(f"{len(FEED_ITEMS)} added" in note for note in notes), notes
        assert len(app.library.search("format:feed").hits) == len(FEED_ITEMS)
