"""``hedge-reader serve``: the right textual-serve Server, safe defaults, and the warning."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from textual_serve.server import Server

from reader.cli.main import main
from reader.cli.serving import ReaderServer
from tests.helpers import run


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Server]:
    """Servers whose ``serve()`` was called, instead of blocking on a real web server."""
    started: list[Server] = []
    monkeypatch.setattr(ReaderServer, "serve", lambda self, debug=False: started.append(self))
    return started


def test_serve_defaults_to_this_machine_only(served, tmp_path: Path, capsys):
    assert main(["serve", "--library", str(tmp_path / "lib")]) == 0
    (server,) = served
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert shlex.split(server.command) == [
        sys.executable,
        "-m",
        "reader",
        "--library",
        str(tmp_path / "lib"),
    ]
    assert server.title == "Hedge Reader"
    err = capsys.readouterr().err
    assert "http://127.0.0.1:8000" in err
    assert "no authentication" in err
    assert "not this machine only" not in err


def test_serve_port_and_host_and_a_network_warning(served, tmp_path: Path, capsys):
    odd = tmp_path / "my lib; rm -rf x"
    assert main(["serve", "--port", "9123", "--host", "0.0.0.0", "--library", str(odd)]) == 0
    (server,) = served
    assert (server.host, server.port) == ("0.0.0.0", 9123)
    assert shlex.split(server.command)[-1] == str(odd)  # quoted, one argument
    assert "not this machine only" in capsys.readouterr().err


def test_serve_refuses_a_bad_config_before_starting(served, tmp_path, monkeypatch, capsys):
    config = tmp_path / "config.toml"
    config.write_text('[phrases]\nmodal = [""]\n', encoding="utf-8")
    monkeypatch.setenv("HEDGE_READER_CONFIG", str(config))
    assert main(["serve"]) == 2
    assert served == []
    assert f"{config}:2: empty phrase" in capsys.readouterr().err


def test_serve_help_says_it_has_no_authentication_and_bad_ports_are_usage_errors():
    result = run("serve", "--help")
    assert result.returncode == 0
    assert "no authentication" in " ".join(result.stdout.split())
    assert "127.0.0.1" in result.stdout
    bad = run("serve", "--port", "99999")
    assert bad.returncode == 2 and "port must be 1-65535" in bad.stderr
