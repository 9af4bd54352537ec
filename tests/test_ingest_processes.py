"""Real processes: Ctrl-C, SIGKILL and two adds at once never damage the library.

Each ``add`` ends on a URL served from 127.0.0.1 that answers only when the test
says so: the adder is then provably mid-run (its files parsed, its lock held) when
the test interrupts it, kills it or starts a second one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library import Library
from tests.helpers import Gate, run_add, start_add, wait_for_gate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def texts(folder: Path, count: int, word: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{word}-{number:03d}.txt").write_text(
            f"{word.title()} note {number}\n\nThe {word} result may hold, or might not.\n",
            encoding="utf-8",
        )
    return folder


def test_ctrl_c_keeps_what_was_indexed_and_exits_cleanly(tmp_path: Path, gate: Gate):
    library = tmp_path / "lib"
    folder = texts(tmp_path / "docs", 20, "trial")
    adder = start_add(library, folder, gate.url)
    wait_for_gate(gate, adder)
    adder.send_signal(signal.SIGINT)
    _out, err = adder.communicate(timeout=60)
    assert adder.returncode == 130, err
    assert "interrupted; the library keeps what was saved" in err
    assert "Traceback" not in err
    lib = Library(library)
    assert len(lib) == 20  # everything parsed before Ctrl-C was committed
    assert lib.search("trial").total == 20
    lib.close()
    gate.release()
    again = run_add(library, folder, gate.url)
    assert again.returncode == 0, again.stderr
    assert "1 added, 0 updated, 20 unchanged, 0 failed" in again.stdout


def test_sigkill_leaves_the_last_commit_and_the_next_add_completes(tmp_path: Path, gate: Gate):
    library = tmp_path / "lib"
    first = run_add(library, texts(tmp_path / "first", 3, "cohort"))
    assert first.returncode == 0, first.stderr
    folder = texts(tmp_path / "docs", 20, "trial")
    adder = start_add(library, folder, gate.url)
    wait_for_gate(gate, adder)
    adder.send_signal(signal.SIGKILL)
    adder.communicate(timeout=60)
    assert adder.returncode == -signal.SIGKILL
    lib = Library(library)
    assert len(lib) == 3  # the last committed state, readable
    assert lib.search("cohort").total == 3
    for summary in lib.documents():
        assert lib.get(summary.path).body
    lib.close()
    gate.release()
    again = run_add(library, folder, gate.url)
    assert again.returncode == 0, again.stderr
    assert "21 added" in again.stdout
    listing = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json", "--library", str(library)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0 and listing.stdout.count('"path"') == 24


def test_a_second_add_waits_then_says_busy_and_nothing_is_lost(tmp_path: Path, gate: Gate):
    library = tmp_path / "lib"
    adder = start_add(library, texts(tmp_path / "a", 5, "trial"), gate.url)
    wait_for_gate(gate, adder)
    second = run_add(library, texts(tmp_path / "b", 5, "cohort"))
    assert second.returncode == 1
    assert "library is busy" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1 and "Traceback" not in second.stderr
    gate.release()
    out, err = adder.communicate(timeout=60)
    assert adder.returncode == 0, err
    assert "6 added" in out
    after = run_add(library, tmp_path / "b")
    assert after.returncode == 0 and "5 added" in after.stdout
    lib = Library(library)
    assert len(lib) == 11 and lib.search("cohort").total == 5
    lib.close()
