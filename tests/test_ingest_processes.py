"""Real processes: Ctrl-C, SIGKILL and two adds at once never damage the library.

Each ``add`` ends on a URL served from 127.0.0.1 that answers only when the test
says so: the adder is then provably mid-run (its files parsed, its lock held) when
the test interrupts it, kills it or starts a second one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.library import Library
from tests.format_fixtures import article_html

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class Gate:
    """A local server whose ``/held`` page waits until ``release()``."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.released = threading.Event()
        gate = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                gate.arrived.set()
                gate.released.wait(60)
                body = article_html(title="Held article").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/held"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gate() -> Iterator[Gate]:
    server = Gate()
    yield server
    server.close()


def texts(folder: Path, count: int, word: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{word}-{number:03d}.txt").write_text(
            f"{word.title()} note {number}\n\nThe {word} result may hold, or might not.\n",
            encoding="utf-8",
        )
    return folder


def _as_from_a_shell() -> None:
    """Ctrl-C handled as in a terminal, whatever the test runner's own signal state: a full CI
    run once started the add with SIGINT not delivered, and the add waited out its URL."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_add(library: Path, *sources: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "add", "--library", str(library), *map(str, sources)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=_as_from_a_shell,
    )


def run_add(library: Path, *sources: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", "add", "--library", str(library)]
    return subprocess.run(
        [*command, *map(str, sources)], capture_output=True, text=True, timeout=120
    )


def wait_for_gate(gate: Gate, process: subprocess.Popen[str]) -> None:
    if not gate.arrived.wait(90):
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"the add never reached the held URL: {out} {err}")


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
