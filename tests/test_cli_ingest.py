"""``add`` and ``refresh`` on the command line: summaries, exit status, plain progress."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from tests.format_fixtures import write_broken, write_corpus
from tests.helpers import Gate, error_lines, run, start_add


def test_add_every_format_then_broken_files_exit_1_with_one_line_each(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus")
    broken = write_broken(tmp_path / "broken")
    library = tmp_path / "lib"
    good = run("add", str(corpus["pdf"].parent), library=library)
    assert good.returncode == 0, good.stderr
    assert "6 added, 0 updated, 0 unchanged, 0 failed" in good.stdout
    bad = run("add", str(corpus["pdf"].parent), str(broken["pdf"].parent), library=library)
    assert bad.returncode == 1
    lines = error_lines(bad.stderr)
    assert len(lines) == 5 and "Traceback" not in bad.stderr
    for path in broken.values():
        assert sum(path.name in line for line in lines) == 1
    assert "0 added, 0 updated, 6 unchanged, 5 failed" in bad.stdout
    listing = json.loads(run("list", "--json", library=library).stdout)["documents"]
    assert sorted({doc["format"] for doc in listing}) == ["epub", "feed", "html", "pdf", "txt"]


def test_max_size_flag_raises_the_limit(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus")
    refused = run("add", "--max-size", "0.001", str(corpus["pdf"]), library=tmp_path / "lib")
    assert refused.returncode == 1 and "over the 0.0 MB limit (see --max-size)" in refused.stderr
    accepted = run("add", "--max-size", "5", str(corpus["pdf"]), library=tmp_path / "lib")
    assert accepted.returncode == 0 and "1 added" in accepted.stdout


def test_refresh_and_prune(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus")
    library = tmp_path / "lib"
    assert run("add", str(corpus["pdf"].parent), library=library).returncode == 0
    corpus["latin1"].write_text("Changed: it may differ now.\n", encoding="utf-8")
    corpus["html"].unlink()
    refreshed = run("refresh", library=library)
    assert refreshed.returncode == 1
    assert "article.html: no longer exists (refresh --prune drops it)" in refreshed.stderr
    assert "0 added, 1 updated, 4 unchanged, 1 failed" in refreshed.stdout
    pruned = run("add", "--prune", str(corpus["pdf"].parent), library=library)
    assert pruned.returncode == 0
    assert "0 added, 0 updated, 5 unchanged, 0 failed, 1 removed (5 documents" in pruned.stdout


def test_piped_progress_is_plain_lines_with_counts_and_rate(tmp_path: Path):
    gate = Gate()
    try:
        folder = tmp_path / "docs"
        folder.mkdir()
        for number in range(3):
            (folder / f"n{number}.txt").write_text(f"Note {number}\n\nIt may.\n", encoding="utf-8")
        last = tmp_path / "last.txt"
        last.write_text("Last\n\nIt might.\n", encoding="utf-8")
        adder = start_add(tmp_path / "lib", folder, gate.url, last)
        assert gate.arrived.wait(90)
        threading.Timer(2.5, gate.release).start()
        out, err = adder.communicate(timeout=90)
    finally:
        time.sleep(0.1)
        gate.close()
    assert adder.returncode == 0, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("indexing 4/5 sources (") and "/s): last.txt" in lines[0]
    assert "\x1b" not in err  # no escape codes when piped
    assert "5 added, 0 updated, 0 unchanged, 0 failed" in out


def test_removing_a_feed_file_drops_its_entries(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus")
    library = tmp_path / "lib"
    assert run("add", str(corpus["feed"]), str(corpus["pdf"]), library=library).returncode == 0
    removed = run("remove", str(corpus["feed"]), library=library)
    assert removed.returncode == 0, removed.stderr
    assert "2 removed (1 documents" in removed.stdout
    missing = run("remove", str(corpus["feed"]), library=library)
    assert missing.returncode == 1 and "news.rss: not in the library" in missing.stderr


def test_a_bad_max_size_is_a_usage_error(tmp_path: Path):
    for value in ("0", "-3", "inf", "lots"):
        result = run("add", "--max-size", value, str(tmp_path), library=tmp_path / "lib")
        assert result.returncode == 2 and "--max-size" in result.stderr


def test_on_a_terminal_a_progress_bar_shows_counts_and_rate(tmp_path: Path):
    import os
    import pty
    import subprocess
    import sys

    gate = Gate()
    master, slave = pty.openpty()
    captured = bytearray()
    try:
        folder = tmp_path / "docs"
        folder.mkdir()
        for number in range(3):
            (folder / f"n{number}.txt").write_text(f"Note {number}\n\nIt may.\n", encoding="utf-8")
        command = [sys.executable, "-m", "reader", "add", "--library", str(tmp_path / "lib")]
        adder = subprocess.Popen(
            [*command, str(folder), gate.url],
            stdout=subprocess.PIPE,
            stderr=slave,
            text=True,
            env={**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"},
        )
        os.close(slave)

        def drain() -> None:
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    return
                if not chunk:
                    return
                captured.extend(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        assert gate.arrived.wait(90)
        # the bar redraws while the held URL is fetched: release it once that is on screen
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            shown = captured.decode("utf-8", "replace")
            if "3/4" in shown and "held" in shown and "/s" in shown:
                break
            time.sleep(0.02)
        gate.release()
        out, _ = adder.communicate(timeout=90)
        reader.join(5)
    finally:
        os.close(master)
        gate.close()
    screen = captured.decode("utf-8", "replace")
    assert adder.returncode == 0
    assert "Indexing" in screen and "3/4" in screen and "/s" in screen
    assert "held" in screen  # the source being read
    assert "4 added, 0 updated, 0 unchanged, 0 failed" in out
