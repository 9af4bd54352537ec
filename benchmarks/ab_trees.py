"""Two checkouts of the tree (before and after a change) measured back to back, interleaved.

    python benchmarks/ab_trees.py OLD_TREE NEW_TREE [--size 2000] [--rounds 5] [--builds 3]

On a shared machine the load changes by 2x within minutes, so timing one tree and then
the other compares the load more than the code. Here each tree runs in its own process
on a library its own code built (``bench_search.py --build``, the same corpus), and the
two answer the same query alternately (which goes first alternates too), so both see
the same load; the add rate is measured by builds taking turns. Printed: each tree's p50
and p95 per query kind, the new/old ratio, and the add rate and CPU per document
(median of the builds) with their ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_search import QUERIES, percentile  # noqa: E402

SERVE = """
import json, sys, time
sys.path.insert(0, {tree!r})
from reader.library import Library
library = Library({path!r})
library.search("warm", limit=10, snippets=10)
print("ready", flush=True)
for line in sys.stdin:
    query = json.loads(line)
    started, cpu = time.perf_counter(), time.process_time()
    library.search(query, limit=10, snippets=10)
    wall = (time.perf_counter() - started) * 1000
    print(wall, (time.process_time() - cpu) * 1000, flush=True)
"""


def build(tree: Path, folder: Path, size: int) -> dict[str, float]:
    script = tree / "benchmarks" / "bench_search.py"
    done = subprocess.run(
        [sys.executable, str(script), "--build", str(folder), str(size)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
    )
    figures: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return figures


def serve(tree: Path, path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(tree=str(tree), path=str(path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tree,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def ask(process: subprocess.Popen[str], query: str) -> tuple[float, float]:
    """(wall ms, CPU ms) of one search."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps(query) + "\n")
    process.stdin.flush()
    wall, cpu = process.stdout.readline().split()
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3, help="0: search only")
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    work = Path(tempfile.mkdtemp(prefix="ab-trees-"))
    built: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for turn in range(args.builds):
        order = ["old", "new"] if turn % 2 == 0 else ["new", "old"]
        for side in order:
            built[side].append(build(trees[side], work / f"{side}-{turn}", args.size))
            print(f"build {turn + 1} {side}: {built[side][-1]['rate']:.0f} docs/s", flush=True)
    if not args.builds:  # the libraries bench_search.py built (and cached) in each tree
        for side, tree in trees.items():
            shutil.copytree(
                tree / "benchmarks" / ".cache" / f"library-{args.size}", work / f"{side}-0"
            )
    servers = {side: serve(trees[side], work / f"{side}-0") for side in trees}
    times: dict[str, dict[str, list[float]]] = {side: {k: [] for k in QUERIES} for side in trees}
    cpu: dict[str, dict[str, list[float]]] = {side: {k: [] for k in QUERIES} for side in trees}
    turn = 0
    for _ in range(args.rounds):
        for kind, queries in QUERIES.items():
            for query in queries:
                order = ["old", "new"] if turn % 2 == 0 else ["new", "old"]
                turn += 1
                for side in order:
                    wall, used = ask(servers[side], query)
                    times[side][kind].append(wall)
                    cpu[side][kind].append(used)
    for process in servers.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
    print(f"\n{args.size} documents, {args.rounds} rounds, queries alternating")
    for label, table in (("wall", times), ("CPU", cpu)):
        print(
            f"{label + ' ms':8} {'old p50':>8} {'new p50':>8} {'old p95':>8} {'new p95':>8}", end=""
        )
        print(f" {'p95 new/old':>11}")
        for kind in [*QUERIES, "overall"]:
            old = table["old"].get(kind) or [t for v in table["old"].values() for t in v]
            new = table["new"].get(kind) or [t for v in table["new"].values() for t in v]
            o95, n95 = percentile(old, 0.95), percentile(new, 0.95)
            print(
                f"{kind:8} {statistics.median(old):8.1f} {statistics.median(new):8.1f} "
                f"{o95:8.1f} {n95:8.1f} {n95 / o95:11.3f}"
            )
    for figure, unit in (
        (("rate", "docs/s"), ("cpu_ms", "CPU ms a document")) if args.builds else ()
    ):
        old_value = statistics.median(b[figure] for b in built["old"])
        new_value = statistics.median(b[figure] for b in built["new"])
        print(
            f"add {unit}: old {old_value:.1f}, new {new_value:.1f} "
            f"(new/old {new_value / old_value:.3f}; median of {args.builds} builds each)"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
