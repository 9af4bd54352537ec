"""Cost of the user's own phrases and of exporting, against the plain detector (run by hand).

    PYTHONPATH=. python benchmarks/bench_export.py [--mb 1] [--phrases 50] [--repeat 5]

Builds ~1 MB of English from the shared data's sentences (as ``bench_hedges.py`` does), then
times, in the same process on the same text, best of ``--repeat``:

* reference: ``find_hedges(text)``, the default path;
* ``find_hedges(text, extra={})`` and ``extra=None`` (must cost the same as the reference);
* ``find_hedges(text, extra=N user phrases)`` (first call compiles; timed after warm-up);
* compiling the trie with N user phrases (a cold cache: once per session);
* ``analyse`` + ``to_html`` / ``to_markdown`` / ``to_json`` of the whole document.

Prints each time and its ratio to the reference. The detector rows run in interleaved
rounds so that load from other processes hits them alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_hedges import build_text
from reader.export import analyse, to_html, to_json, to_markdown
from reader.hedging import CATEGORIES, find_hedges
from reader.hedging import detector as detector_module


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def user_phrases(count: int) -> dict[str, str]:
    categories = list(CATEGORIES)
    return {
        f"custom phrase number {i} here": categories[i % len(categories)] for i in range(count)
    } | {"the jury is still out": "tentative", "world first": "booster"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--phrases", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    text = build_text(args.mb)
    extra = user_phrases(args.phrases)
    find_hedges(text)  # load the model and compile the default trie
    find_hedges(text, extra=extra)

    # interleaved rounds, so drift on a busy machine hits every workload alike
    workloads: list[tuple[str, Callable[[], object]]] = [
        ("find_hedges(text)  [reference]", lambda: find_hedges(text)),
        ("find_hedges(text, extra=None)", lambda: find_hedges(text, extra=None)),
        ("find_hedges(text, extra={})", lambda: find_hedges(text, extra={})),
        (f"find_hedges(text, extra={len(extra)} phrases)", lambda: find_hedges(text, extra=extra)),
    ]
    times: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, work in workloads:
            times[name] = min(times.get(name, float("inf")), best(1, work))
    rows: list[tuple[str, float]] = list(times.items())
    reference = rows[0][1]

    def cold_compile() -> None:
        detector_module._compiled.clear()
        find_hedges("warm", extra=extra)

    rows.append((f"compile the trie with {len(extra)} phrases", best(args.repeat, cold_compile)))
    find_hedges(text)
    marked = analyse("bench.txt", "Benchmark", text, extra=extra)
    rows.append(("analyse (marks + profile)", best(args.repeat, lambda: analyse("b", "B", text))))
    for name, render in (("html", to_html), ("md", to_markdown), ("json", to_json)):
        rows.append((f"render {name}", best(args.repeat, lambda render=render: render(marked))))

    size = len(text.encode("utf-8")) / 1e6
    print(f"{size:.2f} MB of text, {len(marked.hedges):,} marks, best of {args.repeat}")
    for name, seconds in rows:
        print(f"  {name:<42} {seconds * 1000:8.1f} ms   x{seconds / reference:5.2f}")


if __name__ == "__main__":
    main()
