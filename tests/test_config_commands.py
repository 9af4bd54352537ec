"""Every command that reads the config refuses the same mistakes the same way: exit 2 and
one line, whether the app, hedges, export or serve (nothing is served)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.helpers import run

BAD = {
    "theme": ('theme = "nord-ish"\n', "unknown theme 'nord-ish'"),
    "binding id": ('[keys]\n"app.nope" = "x"\n', "unknown binding id 'app.nope'"),
    "clash": ('[keys]\n"app.search" = "q"\n', "q would do two things"),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("mistake", list(BAD))
def test_every_command_refuses_a_bad_config_alike(tmp_path: Path, samples, mistake: str):
    text, message = BAD[mistake]
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    env = {"HEDGE_READER_CONFIG": str(config)}
    plain = str(samples["plain"])
    lines = set()
    for args in (
        [],  # the app
        ["hedges", plain],
        ["export", plain],
        ["serve", "--port", str(_free_port())],
    ):
        result = run(*args, library=tmp_path / "lib", env=env, stdin="")
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == "" and "Serving" not in result.stderr
        lines.add(result.stderr)
    assert len(lines) == 1  # word for word the same line from each
    assert run("hedges", "--jsonl", env=env, stdin="").returncode == 2


def test_the_app_without_a_terminal_says_so_and_exits_2(tmp_path: Path):
    """Piped (cron, a script, ``| less``): one line on stderr, no escapes, no hang."""
    result = run(library=tmp_path / "lib", stdin="")
    assert result.returncode == 2
    assert result.stderr.startswith("hedge-reader: the app needs a terminal")
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not (tmp_path / "lib").exists()  # nothing was started or built
