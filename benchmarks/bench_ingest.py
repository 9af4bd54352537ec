"""Ingest speed per format: documents/s and MB/s of text extracted.

    PYTHONPATH=. python benchmarks/bench_ingest.py [--files 40] [--repeat 3]

Writes ``--files`` documents of each format (txt, md, html, pdf, epub, and RSS feeds of
20 entries) into a temporary folder, built from the shared hedge sentences (or a fixed
paragraph when those are missing), then in the same process times, best of ``--repeat``:

* reference: reading each file and decoding its bytes as UTF-8 (what any reader pays);
* parse: read + detect + ``reader.library.formats.parse`` (the format's own library);
* add: ``Library.add`` of all formats into a fresh library (parse + hedge analysis + index).

Prints documents/s, MB/s of extracted text, MB/s of input, and parse time relative to
the reference read+decode of the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.library import Library
from reader.library.formats import detect, parse
from reader.library.formats.base import Raw
from tests.format_fixtures import article_html, rss_feed, write_epub, write_pdf

FALLBACK = (
    "Early results suggest that the vaccine may reduce relapse in some patients, although "
    "the effect appears modest. Further studies are needed before any firm conclusion."
)


def paragraphs(rng: random.Random, count: int) -> list[str]:
    try:
        from benchmarks.corpus import sentences

        pool = sentences()
    except SystemExit:
        pool = [FALLBACK]
    return [" ".join(rng.choice(pool) for _ in range(rng.randint(3, 7))) for _ in range(count)]


def build(folder: Path, files: int) -> dict[str, list[Path]]:
    rng = random.Random(7)
    made: dict[str, list[Path]] = {}
    for fmt in ("txt", "md", "html", "pdf", "epub", "feed"):
        sub = folder / fmt
        sub.mkdir(parents=True)
        made[fmt] = []
        for number in range(files):
            paras = paragraphs(rng, 12)
            title = f"Document {number}: {paras[0][:50]}"
            if fmt == "txt":
                path = sub / f"d{number}.txt"
                path.write_text(title + "\n\n" + "\n\n".join(paras), encoding="utf-8")
            elif fmt == "md":
                path = sub / f"d{number}.md"
                parts = [f"# {title}"] + [
                    (f"## Part {i}\n\n{p}" if i % 4 == 0 else p) for i, p in enumerate(paras)
                ]
                path.write_text("\n\n".join(parts), encoding="utf-8")
            elif fmt == "html":
                path = sub / f"d{number}.html"
                path.write_text(article_html(title=title, paragraphs=paras), encoding="utf-8")
            elif fmt == "pdf":
                latin = [p.encode("latin-1", "replace").decode("latin-1") for p in paras]
                pages = ["\n\n".join(latin[i : i + 3]) for i in range(0, 12, 3)]
                title = title.encode("latin-1", "replace").decode("latin-1")
                path = write_pdf(sub / f"d{number}.pdf", pages, title=title, author="A. B.")
            elif fmt == "epub":
                chapters = [
                    (f"Chapter {i + 1}", " ".join(paras[i * 3 : i * 3 + 3])) for i in range(4)
                ]
                path = write_epub(sub / f"d{number}.epub", chapters, title=title)
            else:
                items = [
                    {"title": p[:60], "link": f"http://example.org/{number}/{i}", "text": p}
                    for i, p in enumerate(paragraphs(rng, 20))
                ]
                path = sub / f"d{number}.rss"
                path.write_text(rss_feed(items), encoding="utf-8")
            made[fmt].append(path)
    return made


def best(repeat: int, run) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40, help="files per format")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        made = build(folder / "docs", args.files)
        print(f"{args.files} files per format in {folder}; best of {args.repeat}\n")
        header = f"{'format':7} {'docs':>5} {'docs/s':>8} {'text MB/s':>10} {'input MB/s':>11}"
        print(header + f" {'read+decode':>12} {'parse/ref':>10}")
        for fmt, paths in made.items():
            size = sum(p.stat().st_size for p in paths)

            def reference(paths=paths) -> int:
                return sum(len(p.read_bytes().decode("utf-8", "replace")) for p in paths)

            def parsed(paths=paths) -> list:
                documents = []
                for p in paths:
                    data = p.read_bytes()
                    raw = Raw(str(p), data, detect(str(p), data) or "", p.stat().st_mtime, str(p))
                    documents.extend(parse(raw))
                return documents

            ref_time, _ = best(args.repeat, reference)
            parse_time, documents = best(args.repeat, parsed)
            text_mb = sum(len(d.body.encode("utf-8")) for d in documents) / 1e6
            print(
                f"{fmt:7} {len(documents):5d} {len(documents) / parse_time:8.1f}"
                f" {text_mb / parse_time:10.2f} {size / 1e6 / parse_time:11.2f}"
                f" {size / 1e6 / ref_time:9.1f} MB/s {parse_time / ref_time:9.0f}x"
            )
        total = sum(len(paths) for paths in made.values())
        start = time.perf_counter()
        report = Library(folder / "lib").add([folder / "docs"])
        seconds = time.perf_counter() - start
        docs = len(report.added)
        print(
            f"\nLibrary.add of all {total} files ({docs} documents, {len(report.failed)} failed):"
            f" {seconds:.1f} s, {docs / seconds:.1f} docs/s (parse + hedge analysis + index)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
