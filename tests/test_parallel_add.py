"""Adding many files through workers that write their own segments gives the library a
single-process add would, and a kill or Ctrl-C mid-run leaves it whole, with no stray files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from reader.library import Library, indexing, parallel
from tests.format_fixtures import write_broken, write_corpus
from tests.helpers import Gate, as_from_a_shell, run_add, wait_for_gate

QUERIES = ["vaccine", '"results suggest"', "patient*", "title:report", "hedges:>0", "cohort"]


def write_docs(folder: Path, count: int, word: str = "vaccines", start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        text = (
            f"Report {number}\n\n{word.title()} may help {number} patients; results suggest"
            f" more. " + "Further studies are needed. " * (number % 7)
        )
        (folder / f"r{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def stray_files(library: Path) -> list[str]:
    """Files in the library's folders no commit refers to (and any staging left)."""
    index = whoosh_index.open_dir(str(library / "index"))
    wanted = {segment.segment_id() for segment in index._segments()}
    index.close()
    stray = [
        name
        for name in os.listdir(library / "index")
        if name.startswith("MAIN_")
        and name != "MAIN_WRITELOCK"
        and name.split(".")[0] not in wanted
    ]
    if (library / "incoming").exists():
        stray.extend(str(p) for p in (library / "incoming").rglob("*"))
    return stray


@pytest.fixture
def small_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for a handful of files, and rounds (commits) of 12 files in chunks of 3."""
    monkeypatch.setattr(indexing, "POOL_THRESHOLD", 4)
    monkeypatch.setattr(parallel, "ROUND_FILES", 12)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 3)


@pytest.mark.parametrize("merge_below", [0, 500])
def test_workers_build_the_library_a_single_process_builds(
    tmp_path: Path, small_rounds, monkeypatch: pytest.MonkeyPatch, merge_below: int
):
    """Worker segments added to the index as they are (0), or, being small, merged into
    the commit's own segment (500)."""
    from reader.library import library as library_module

    monkeypatch.setattr(library_module, "_SMALL_SEGMENTS", merge_below)
    folder = write_docs(tmp_path / "docs", 60)
    # every format, a feed's entries among them (filed by the main process), and bad files
    write_corpus(folder / "formats")
    write_broken(folder / "formats-broken")
    sources = len([p for p in folder.rglob("*") if p.is_file()])
    inline_report = _inline_add(tmp_path / "inline", folder)
    pooled = Library(tmp_path / "pooled")
    progress: list[int] = []
    report = pooled.add([folder], progress=lambda p: progress.append(p.done))
    assert sorted(report.added) == sorted(inline_report.added) and len(report.added) > 65
    assert sorted(e.path for e in report.failed) == sorted(e.path for e in inline_report.failed)
    assert len(report.failed) >= 4
    assert progress == sorted(progress) and progress[-1] == sources  # in source order
    inline = Library(tmp_path / "inline")
    for query in QUERIES:
        ours, theirs = pooled.search(query, limit=None), inline.search(query, limit=None)
        assert ours.total == theirs.total
        assert sorted(h.summary.path for h in ours.hits) == sorted(
            h.summary.path for h in theirs.hits
        )
    # source order is kept: listing by title (ties in date) is the same
    assert [d.path for d in pooled.documents("title")] == [
        d.path for d in inline.documents("title")
    ]
    assert pooled.get(str(folder / "r007.txt")).body.startswith("Report 7")
    # rounds of 2 worker segments, merged as they pile up: few segments remain
    assert len(pooled._get_searcher().whoosh.reader().leaf_readers()) <= 4
    assert stray_files(tmp_path / "pooled") == []
    # changed files replace their documents; unchanged ones are recognised
    for number in (3, 30, 59):
        (folder / f"r{number:03d}.txt").write_text(f"Zebrafish {number}\n\nA zebrafish.", "utf-8")
    total = len(pooled)
    vaccine = pooled.search("vaccine").total
    again = pooled.add([folder])
    assert len(again.updated) == 3 and not again.added
    assert len(again.unchanged) == len(report.added) - 3
    assert len(pooled) == total and pooled.search("zebrafish").total == 3
    assert pooled.search("vaccine").total == vaccine - 3
    assert stray_files(tmp_path / "pooled") == []
    pooled.close()
    inline.close()


def _inline_add(path: Path, folder: Path) -> object:
    threshold = indexing.POOL_THRESHOLD
    indexing.POOL_THRESHOLD = 10**9
    try:
        library = Library(path)
        report = library.add([folder])
        library.close()
        return report
    finally:
        indexing.POOL_THRESHOLD = threshold


#: An add through workers (rounds of 40 files) that reports, when it reaches the held URL,
#: its worker processes' ids.
ADDER = """
import json, multiprocessing, sys
from reader.library import Library, indexing, parallel
indexing.POOL_THRESHOLD = 4
parallel.ROUND_FILES = 40
parallel.CHUNK_FILES = 4
def progress(p):
    if p.current == sys.argv[3]:
        print(json.dumps([c.pid for c in multiprocessing.active_children()]), flush=True)
try:
    print(Library(sys.argv[1]).add(sys.argv[2:], progress=progress).summary(), flush=True)
except KeyboardInterrupt:
    sys.exit(130)
"""


def start_pooled_add(library: Path, *sources: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", ADDER, str(library), *map(str, sources)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=as_from_a_shell,
    )


def cpu_ticks(pids: list[int]) -> int:
    """User and system CPU ticks the processes have used so far (0 for one that is gone)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def wait_until_filed(workers: list[int], quiet: float = 0.5, limit: float = 60.0) -> None:
    """Wait until the workers have filed what they were sent: each is blocked waiting for
    more (no CPU used for ``quiet`` seconds) while the add waits for the held URL. Not a
    fixed sleep: on a loaded machine the filing takes as long as it takes."""
    deadline = time.monotonic() + limit
    last, still_since = cpu_ticks(workers), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = cpu_ticks(workers)
        if now != last:
            last, still_since = now, time.monotonic()
        elif time.monotonic() - still_since >= quiet:
            return
    raise AssertionError("the workers were still busy after a minute")


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return "State:\tZ" in status.read()  # exited, not reaped
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, /proc")
def test_a_kill_while_workers_hold_segments_leaves_the_library_whole(tmp_path: Path, gate: Gate):
    library = tmp_path / "lib"
    first = run_add(library, write_docs(tmp_path / "first", 3, "cohort"))
    assert first.returncode == 0, first.stderr
    before = write_docs(tmp_path / "a", 30)
    after = write_docs(tmp_path / "b", 30, start=30)
    # one round: the files after the URL are filed by the workers while the main
    # process waits for the URL, and nothing is committed yet
    adder = start_pooled_add(library, before, gate.url, after)
    wait_for_gate(gate, adder)
    workers = json.loads(adder.stdout.readline())
    assert len(workers) >= 2
    wait_until_filed(workers)  # the files after the URL, held by the workers
    adder.send_signal(signal.SIGKILL)
    adder.communicate(timeout=60)
    deadline = time.monotonic() + 20
    while not all(map(gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(map(gone, workers)), "workers outlived the killed add"
    lib = Library(library)
    assert len(lib) == 3 and lib.search("cohort").total == 3  # the last commit
    lib.close()
    gate.release()
    again = start_pooled_add(library, before, gate.url, after)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert "61 added" in out
    assert stray_files(library) == []  # the killed run's files: its writer's, its workers'
    lib = Library(library)
    assert len(lib) == 64 and len({d.path for d in lib.documents()}) == 64
    lib.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, /proc")
def test_ctrl_c_commits_what_the_workers_filed(tmp_path: Path, gate: Gate):
    library = tmp_path / "lib"
    before = write_docs(tmp_path / "a", 30)
    after = write_docs(tmp_path / "b", 30, start=30)
    adder = start_pooled_add(library, before, gate.url, after)
    wait_for_gate(gate, adder)
    wait_until_filed(json.loads(adder.stdout.readline()))  # after the URL, not reported yet
    adder.send_signal(signal.SIGINT)
    _out, err = adder.communicate(timeout=60)
    assert adder.returncode == 130, err
    lib = Library(library)
    count = len(lib)
    assert count > 30  # everything reported before Ctrl-C, and what the workers had filed
    for summary in lib.documents():
        assert lib.get(summary.path).body.startswith("Report")
    lib.close()
    assert stray_files(library) == []
    gate.release()
    again = start_pooled_add(library, before, gate.url, after)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert f"{61 - count} added, 0 updated, {count} unchanged" in out
    lib = Library(library)
    assert len(lib) == 61 and len({d.path for d in lib.documents()}) == 61  # none twice
    lib.close()


def test_a_worker_that_cannot_write_its_segment_fails_the_add_cleanly(
    tmp_path: Path, small_rounds, monkeypatch: pytest.MonkeyPatch
):
    import multiprocessing

    from reader.library.engine.writer import BulkWriter
    from reader.library.errors import LibraryError

    library = Library(tmp_path / "lib")
    library.add([write_docs(tmp_path / "first", 3, "cohort")])
    calls = {"count": 0}

    def full_disk(self: BulkWriter) -> None:
        calls["count"] += 1
        raise OSError(28, "No space left on device")

    # forked workers inherit the patch
    monkeypatch.setattr(indexing, "context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(BulkWriter, "finish_segment", full_disk)
    with pytest.raises(LibraryError, match="No space left on device"):
        library.add([write_docs(tmp_path / "docs", 30)])
    assert len(library) == 3 and library.search("cohort").total == 3
    library.close()
    assert stray_files(tmp_path / "lib") == []
