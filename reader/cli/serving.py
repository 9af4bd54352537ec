"""textual-serve's ``Server``, made to stop cleanly and to need nothing from the internet.

textual-serve (1.1) as it comes:

* asks Google's font CDN for Roboto Mono on every page, though the font ships in its own
  static folder: here the page loads it from there (``@font-face``), so nothing leaves
  the machine;
* on SIGTERM with a tab connected, waits for the tab's app to answer a quit message and
  for aiohttp's 60 s shutdown grace, and a busy or stuck app is left running, orphaned:
  here every tab's app is asked to quit, then terminated, then killed, each within
  seconds, and the server exits;
* prints a traceback when a browser drops a download half-way: here one log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("textual-serve")

QUIT_GRACE = 2.0  # seconds a tab's app has to quit when asked, then it is terminated
KILL_GRACE = 2.0  # seconds after SIGTERM before SIGKILL
SHUTDOWN_TIMEOUT = 3.0  # seconds aiohttp waits for open requests when the server stops

_GOOGLE_FONT = """    <link
      rel="stylesheet"
      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"
    />"""
_LOCAL_FONT = """    <style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf");
      }
    </style>"""


def local_page(template: str) -> str:
    """textual-serve's page with its font loaded from the server's own static folder."""
    page = template.replace(_GOOGLE_FONT, _LOCAL_FONT)
    # any other stylesheet from a font CDN goes too (a later textual-serve may move it)
    lines = [
        line
        for line in page.split("\n")
        if "fonts.googleapis.com" not in line and "fonts.gstatic.com" not in line
    ]
    return "\n".join(lines)


class TabApp(AppService):
    """One browser tab's app process, started in its own process group so that stopping
    it stops everything it started, and never waited on for ever."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not in time."""
        task = self._task
        if task is None:
            return
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE)
        for sig, grace in ((None, QUIT_GRACE), (signal.SIGTERM, KILL_GRACE), (signal.SIGKILL, 5)):
            if sig is not None:
                self._signal(sig)
            done, _ = await asyncio.wait({task}, timeout=grace)
            if done:
                break
        if not task.done():
            task.cancel()
        self._task = None

    def _signal(self, sig: int) -> None:
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)


class ReaderServer(Server):
    """``Server`` that stops its tabs' apps on exit, serves its font itself and logs a
    dropped download in one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tabs: set[TabApp] = set()
        self._sockets: set[web.WebSocketResponse] = set()

    def page_template(self) -> str:
        return local_page((Path(self.templates_path) / "app_index.html").read_text("utf-8"))

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        loader = jinja2.DictLoader({"app_index.html": self.page_template()})
        aiohttp_jinja2.setup(app, loader=loader)
        return app

    def serve(self, debug: bool = False) -> None:
        """As ``Server.serve``, with a short grace for open requests on exit."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab and stop its app (aiohttp calls this on SIGTERM or Ctrl+C)."""
        for socket in list(self._sockets):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(socket.close(), 1.0)
        await asyncio.gather(*(tab.stop() for tab in list(self.tabs)), return_exceptions=True)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As ``Server.handle_websocket``, with the tab's app tracked and always stopped."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _number(request.query.get("width"), 80)
        height = _number(request.query.get("height"), 24)
        tab: TabApp | None = None
        try:
            await websocket.prepare(request)
            self._sockets.add(websocket)
            tab = TabApp(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.tabs.add(tab)
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as error:  # a broken tab: one line, the server goes on
            log.warning("browser tab closed: %s", error or type(error).__name__)
        finally:
            self._sockets.discard(websocket)
            if tab is not None:
                await tab.stop()
                self.tabs.discard(tab)
        return websocket

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """As ``Server.handle_download``; a browser that goes away mid-way is one log line."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text=f"Download with key {key!r} not found") from None
        response = web.StreamResponse()
        content_type = meta.mime_type
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f"{disposition}; filename={meta.file_name}"
        try:
            await response.prepare(request)
            async for chunk in self.download_manager.download(key):
                await response.write(chunk)
            await response.write_eof()
        except ConnectionError as error:
            log.info("download stopped by the browser (%s)", type(error).__name__)
        return response

    def app_pids(self) -> Iterator[int]:
        for tab in self.tabs:
            if tab.pid is not None:
                yield tab.pid


def _number(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default
