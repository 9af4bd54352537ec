"""`serve` needs nothing from the internet, stops with its tabs' apps on SIGTERM, and a
download the browser drops is not a traceback."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from reader.cli.serving import ReaderServer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_the_page_loads_its_font_from_the_server_itself():
    server = ReaderServer("true", host="127.0.0.1", port=_free_port(), title="Hedge Reader")
    async with TestClient(TestServer(await server._make_app())) as client:
        page = await (await client.get("/")).text()
        assert "googleapis" not in page and "gstatic" not in page
        assert "fonts/RobotoMono-VariableFont_wght.ttf" in page
        external = [
            part.split('"')[0]
            for part in page.split('="')[1:]
            if part.startswith(("http://", "https://"))
        ]
        assert all(url.startswith(server.public_url) or "w3.org" in url for url in external)
        font = await client.get("/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert font.status == 200


def _children(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            for child in task.read_text().split():
                found.add(int(child))
                pending.append(int(child))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


async def test_sigterm_with_a_tab_connected_stops_the_server_and_its_app(tmp_path: Path):
    port = _free_port()
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("A note\n\nIt may work.\n")
    library = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "-m", "reader", "add", str(folder), "--library", str(library)],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--port", str(port), "--library", str(library)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(100):
                try:
                    async with session.get(f"http://127.0.0.1:{port}/"):
                        break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            url = f"ws://127.0.0.1:{port}/ws?width=80&height=24"
            async with session.ws_connect(url) as tab:
                received = 0
                deadline = time.monotonic() + 30
                while received < 2000 and time.monotonic() < deadline:  # the app draws
                    message = await asyncio.wait_for(tab.receive(), 30)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received += len(message.data)
                assert received >= 2000, "the tab's app never drew"
                apps = _children(server.pid)
                assert apps, "no app process for the tab"
                began = time.monotonic()
                server.send_signal(signal.SIGTERM)
                code = await asyncio.to_thread(server.wait, 20)
                took = time.monotonic() - began
        assert code == 0 and took < 15, took
        stderr = server.stderr.read().decode()
        assert "Traceback" not in stderr
        for _ in range(50):
            if not any(_alive(pid) for pid in apps):
                break
            await asyncio.sleep(0.1)
        assert not any(_alive(pid) for pid in apps), "an app process outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


async def test_a_download_the_browser_drops_is_one_log_line(monkeypatch, caplog):
    server = ReaderServer("true", host="127.0.0.1", port=_free_port())

    async def metadata(key):
        class Meta:
            mime_type = "text/html"
            encoding = "utf-8"
            open_method = "download"
            file_name = "export.html"

        return Meta()

    async def chunks(key):
        yield b"<html>"
        yield b"more"

    monkeypatch.setattr(server.download_manager, "get_download_metadata", metadata)
    monkeypatch.setattr(server.download_manager, "download", chunks)

    async def dropped(self, data):
        raise ConnectionResetError("Cannot write to closing transport")

    monkeypatch.setattr(web.StreamResponse, "write", dropped)
    caplog.set_level(logging.DEBUG)
    async with TestClient(TestServer(await server._make_app())) as client:
        with_error = await client.get("/download/abc")
        assert with_error.status in (200, 499)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [r for r in caplog.records if r.exc_info], logged  # no traceback logged
    assert "download stopped by the browser" in logged
