"""Search and indexing speed of the library against SQLite FTS5, measured in the same run.

    PYTHONPATH=. python benchmarks/bench_search.py [--sizes 2000 20000] [--repeat 5] [--reindex]

Builds (once, cached under ``benchmarks/.cache``) documents of 200-2,000 words assembled from
the sentences in ``../shared/data/hedge/``; for each size indexes the first N with
``Library.add`` (hedge analysis included) and into an FTS5 table (``porter unicode61``
tokenizer, title and body), then times the same query mix on both, each query fetching the
top 10 with snippets:

* project: ``Library.search(q, limit=10, snippets=10)``, one library object reused;
* FTS5: ``MATCH`` + ``ORDER BY bm25(title 2.0, body 1.0) LIMIT 10`` + ``snippet()``.

FTS5 has no fuzzy search: its fuzzy queries expand the word against the table's own
vocabulary (``fts5vocab``, loaded once like a term dictionary) to stems one edit away,
inside the timed call, and OR them. Also printed: ``Library.add`` documents/s (in a fresh
process, with its peak memory, its largest worker's, and the CPU time of all its processes
per document, which other load on the machine disturbs less) against a plain single Whoosh
writer (the schema's fields through Whoosh's own analysis, default codec) on the same files,
and the time to open a library in a fresh process and answer a first query.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from reader.library import Library  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"
CORPUS = CACHE / "corpus-20000"

QUERIES: dict[str, list[str]] = {
    "term": ["vaccine", "patients", "protein", "cancer", "may", "expression", "film", "mice"],
    "and": [
        "vaccine AND children",
        "cancer AND patients",
        "protein AND expression",
        "may AND suggest",
        "film AND story",
        "cells AND mice",
    ],
    "phrase": [
        '"further studies"',
        '"breast cancer"',
        '"gene expression"',
        '"in patients with"',
        '"the results suggest"',
        '"may be"',
    ],
    "prefix": ["immuno*", "vacc*", "neuro*", "prot*", "carcin*", "hypert*"],
    "fuzzy": ["proteen~", "vacine~", "patiens~", "cancr~", "expresion~", "antibodys~"],
}


def corpus_files(count: int) -> list[Path]:
    if not (CORPUS / "doc19999.txt").exists():
        print("writing the corpus (once) ...", flush=True)
        write_corpus(CORPUS, 20000)
    return [CORPUS / f"doc{number:05d}.txt" for number in range(count)]


# -- indexing --------------------------------------------------------------------------------


def build_project(files: list[Path], reindex: bool) -> tuple[Path, dict[str, float] | None]:
    """Index ``files`` with ``Library.add`` in a fresh process: docs/s and peak memory (MB)."""
    path = CACHE / f"library-{len(files)}"
    if reindex or not (path / "index").exists():
        shutil.rmtree(path, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, __file__, "--build", str(path), str(len(files))],
            capture_output=True,
            text=True,
            check=True,
        )
        return path, json.loads(done.stdout.splitlines()[-1])
    return path, None


def _build(path: Path, count: int) -> None:
    """The child of ``build_project``: prints its figures as one JSON line."""
    files = corpus_files(count)
    library = Library(path)
    started = time.perf_counter()
    report = library.add(files)
    seconds = time.perf_counter() - started
    library.close()
    assert not report.failed, report.failed[:3]
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    figures = {
        "rate": count / seconds,
        "rss": own.ru_maxrss / 1024,
        "worker_rss": workers.ru_maxrss / 1024,
        "cpu_ms": cpu / count * 1000,
    }
    print(json.dumps(figures))


def plain_whoosh_rate(files: list[Path]) -> tuple[float, float]:
    """A single Whoosh writer with the schema's own analysis, the reference for indexing:
    (documents/s, CPU ms a document)."""
    from whoosh import index as whoosh_index

    from reader.library.engine.schema import make_schema
    from reader.library.ingest import SourceFile, parse_document, read_bytes
    from reader.library.library import _index_fields

    folder = CACHE / "plain-whoosh"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    index = whoosh_index.create_in(str(folder), make_schema())
    started = time.perf_counter()
    cpu = time.process_time()
    writer = index.writer(limitmb=128)
    for number, file in enumerate(files, 1):
        stat = file.stat()
        source = SourceFile(file, stat.st_size, stat.st_mtime)
        parsed = parse_document(source, read_bytes(source))
        writer.update_document(**_index_fields(parsed))
        if number % 500 == 0:
            writer.commit()
            writer = index.writer(limitmb=128)
    writer.commit()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    shutil.rmtree(folder, ignore_errors=True)
    return len(files) / seconds, cpu / len(files) * 1000


def build_fts(files: list[Path], reindex: bool) -> tuple[Path, float | None]:
    path = CACHE / f"fts5-{len(files)}.sqlite"
    if reindex or not path.exists():
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
        db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
        started = time.perf_counter()
        with db:
            for file in files:
                text = file.read_text(encoding="utf-8")
                title, _, body = text.partition("\n")
                db.execute("INSERT INTO docs VALUES (?, ?)", (title, body))
        seconds = time.perf_counter() - started
        db.close()
        return path, len(files) / seconds
    return path, None


# -- querying --------------------------------------------------------------------------------


class Fts:
    SQL = (
        "SELECT rowid, title, snippet(docs, 1, '[', ']', '…', 24), bm25(docs, 2.0, 1.0) AS rank"
        " FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
    )

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.vocab: dict[str, list[str]] = defaultdict(list)
        for (term,) in self.db.execute("SELECT term FROM vocab"):
            self.vocab[term[:1]].append(term)

    def search(self, query: str) -> list[tuple]:
        if query.endswith("~"):
            query = self._fuzzy(query[:-1])
        return self.db.execute(self.SQL, (query,)).fetchall()

    def _fuzzy(self, word: str) -> str:
        from whoosh.lang.porter import stem

        wanted = stem(word.lower())
        near = [t for t in self.vocab[wanted[:1]] if _within_one(t, wanted)]
        return " OR ".join(f'"{t}"' for t in near) or f'"{wanted}"'


def _within_one(a: str, b: str) -> bool:
    """Edit distance of at most one (insert, delete or substitute)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(a == b[:i] + b[i + 1 :] for i in range(len(b)))


def timings(search: Callable[[str], object], repeat: int) -> dict[str, list[float]]:
    for queries in QUERIES.values():  # warm caches once, as a user's second query would be
        for query in queries:
            search(query)
    found: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for kind, queries in QUERIES.items():
            for query in queries:
                started = time.perf_counter()
                search(query)
                found[kind].append((time.perf_counter() - started) * 1000)
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def open_ms(path: Path) -> tuple[float, float, float]:
    """In ms, each in a fresh process: open + first query; the same with numpy already
    loaded (the first search loads it, once per process); open + the app's first list page."""
    code = (
        "import sys, time; sys.path.insert(0, {root!r})\n"
        "from reader.library import Library\n"
        "{preload}"
        "t = time.perf_counter(); lib = Library({path!r}); lib.search({query!r}, limit={limit})\n"
        "print((time.perf_counter() - t) * 1000)"
    )

    def run(query: str, limit: int, preload: str = "") -> float:
        filled = code.format(
            root=str(ROOT), path=str(path), query=query, limit=limit, preload=preload
        )
        done = subprocess.run(
            [sys.executable, "-c", filled], capture_output=True, text=True, check=True
        )
        return float(done.stdout)

    from reader.tui.search_actions import PAGE

    first = run("vaccine", 10)
    warm = run("vaccine", 10, preload="import numpy\n")
    return first, warm, run("", PAGE)


def report(size: int, args: argparse.Namespace) -> None:
    files = corpus_files(size)
    print(f"\n=== {size:,} documents ===", flush=True)
    project_path, built = build_project(files, args.reindex)
    fts_path, fts_rate = build_fts(files, args.reindex)
    if built is not None:
        rate = built["rate"]
        line = f"index: Library.add {rate:.0f} docs/s"
        if args.baseline:
            sample = files[: args.baseline]
            plain, plain_cpu = plain_whoosh_rate(sample)
            line += f"; plain single Whoosh writer {plain:.0f} docs/s on the first {len(sample)}"
            line += f" (x{rate / plain:.2f})"
        if fts_rate is not None:
            line += f"; FTS5 insert {fts_rate:.0f} docs/s (no hedge analysis)"
        print(line, flush=True)
        cpu_line = f"index: CPU {built['cpu_ms']:.1f} ms a document (all processes)"
        if args.baseline:
            cpu_line += f"; plain writer {plain_cpu:.1f} ms (x{plain_cpu / built['cpu_ms']:.2f})"
        print(cpu_line, flush=True)
        print(
            f"index: peak memory {built['rss']:.0f} MB (adding process), "
            f"{built['worker_rss']:.0f} MB (largest worker)",
            flush=True,
        )
    else:
        print("index: cached (use --reindex to time indexing)")
    first, warm, page = open_ms(project_path)
    print(
        f"open: {first:.0f} ms to open and answer a first query ({warm:.0f} ms of it without"
        f" loading numpy); {page:.0f} ms to open and list the app's first page"
    )
    library = Library(project_path)
    fts = Fts(fts_path)
    ours = timings(lambda q: library.search(q, limit=10, snippets=10), args.repeat)
    theirs = timings(fts.search, args.repeat)
    print(f"{'kind':8} {'p50 ms':>8} {'p95 ms':>8} {'FTS5 p50':>9} {'FTS5 p95':>9} {'p95 x':>6}")
    for kind in [*QUERIES, "overall"]:
        mine = ours[kind] if kind != "overall" else [t for v in ours.values() for t in v]
        ref = theirs[kind] if kind != "overall" else [t for v in theirs.values() for t in v]
        p95, ref95 = percentile(mine, 0.95), percentile(ref, 0.95)
        print(
            f"{kind:8} {statistics.median(mine):8.1f} {p95:8.1f} "
            f"{statistics.median(ref):9.1f} {ref95:9.1f} {p95 / ref95:6.2f}"
        )
    library.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reindex", action="store_true", help="rebuild and time the indexes")
    parser.add_argument(
        "--baseline", type=int, default=1000, help="files for the plain-writer reference (0: skip)"
    )
    parser.add_argument("--build", nargs=2, metavar=("PATH", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        _build(Path(args.build[0]), int(args.build[1]))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        report(size, args)


if __name__ == "__main__":
    main()
