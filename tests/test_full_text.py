"""``refresh --full-text``: feed entries that carry only a summary get the article behind
their link (served from 127.0.0.1, no real network); a dead link is one line."""

from __future__ import annotations

import pytest

from reader.cli.main import main
from reader.library import Library
from tests.format_fixtures import rss_feed


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


ARTICLE = (
    "<html><head><title>Coffee and the liver</title></head><body>"
    "<nav>Home | News | Subscribe</nav><article><h1>Coffee and the liver</h1>"
    + "".join(
        f"<p>Finding {n}: drinking coffee may be associated with lower liver enzymes, "
        "although the researchers caution that the study was observational.</p>"
        for n in range(10)
    )
    + "</article><footer>Copyright Health News</footer></body></html>"
)


def test_entries_get_their_article_once_and_a_dead_link_is_one_line(httpserver, tmp_path, capsys):
    good, dead = httpserver.url_for("/coffee"), httpserver.url_for("/gone")
    items = [
        {"title": "Coffee may protect the liver", "link": good, "text": "Coffee might help."},
        {"title": "A missing page", "link": dead, "text": "Short summary."},
    ]
    httpserver.expect_request("/feed.rss").respond_with_data(
        rss_feed(items), content_type="application/rss+xml"
    )
    httpserver.expect_request("/coffee").respond_with_data(ARTICLE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    lib = str(tmp_path / "lib")
    assert main(["add", httpserver.url_for("/feed.rss"), "--library", lib]) == 0
    library = Library(tmp_path / "lib")
    assert (
        library.get(good).body == "Coffee may protect the liver\n\nCoffee might help."
    )  # headline first
    before = library.get(good).summary
    library.close()
    capsys.readouterr()

    status = main(["refresh", "--full-text", "--library", lib])
    captured = capsys.readouterr()
    assert status == 1
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"hedge-reader: skipped {dead}: full text not fetched: ")
    assert "404" in line
    assert captured.out.startswith("0 added, 1 updated, 1 unchanged, 1 failed")
    library = Library(tmp_path / "lib")
    entry = library.get(good)
    assert "Finding 9: drinking coffee may be associated" in entry.body
    assert "Subscribe" not in entry.body and "Copyright" not in entry.body
    assert entry.summary.source == httpserver.url_for("/feed.rss")  # still its feed's
    assert entry.title == "Coffee may protect the liver"
    assert entry.summary.words > before.words and entry.summary.hedges > before.hedges
    assert [hit.summary.path for hit in library.search("observational").hits] == [good]
    library.close()

    fetched = len([r for r, _ in httpserver.log if r.path == "/coffee"])
    assert main(["refresh", "--full-text", "--library", lib]) == 1  # the dead link again
    assert len([r for r, _ in httpserver.log if r.path == "/coffee"]) == fetched
    assert "observational" in Library(tmp_path / "lib").get(good).body  # not reverted
