"""The bundled sample library: all of it reads cleanly and the seed article comes first."""

from __future__ import annotations

from pathlib import Path

from reader.library import SUFFIXES, Library
from reader.resources import seeds_dir, styles_dir


def test_the_sample_library_ships_enough_txt_and_md(tmp_path: Path):
    files = sorted(p for p in seeds_dir().iterdir() if p.suffix in SUFFIXES)
    assert len(files) >= 16
    assert {p.suffix for p in files} == {".txt", ".md"}
    assert files[0].name.startswith("00-mrna-vaccines")
    assert (styles_dir() / "app.tcss").is_file()


def test_every_sample_indexes_and_the_seed_article_is_hedged(tmp_path: Path):
    library = Library(tmp_path / "lib")
    report = library.add([seeds_dir()])
    assert not report.failed
    assert len(library) == len(report.added) >= 16
    seed = library.get(report.added[0])
    assert seed is not None
    assert seed.title == "mRNA COVID vaccines may boost cancer immunotherapy"
    assert "further studies are needed" in seed.body
    assert seed.summary.hedges_per_1k > 30
    overclaiming = library.search("breakthrough OR proven", limit=None)
    assert any(hit.summary.boosters > 0 for hit in overclaiming.hits)
