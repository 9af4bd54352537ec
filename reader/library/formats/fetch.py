"""``http(s)://`` sources: fetched with httpx, with timeouts, a size cap, redirects and
content-type checks, so a slow, huge or odd server costs one failed line, no more.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from reader import __version__
from reader.library.formats.base import is_url

__all__ = ["FetchError", "Fetched", "fetch", "is_url"]

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
DEADLINE = 120.0  # seconds for a whole download: a server trickling bytes is cut off
MAX_REDIRECTS = 5
USER_AGENT = f"hedge-reader/{__version__} (+https://github.com/hedge-reader)"

#: Content types worth downloading; anything else is refused before the body is read.
ACCEPTED = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/epub+zip": "epub",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "",
    "application/xml": "",
    "text/xml": "",
    "text/plain": "",
    "text/markdown": "md",
    "application/octet-stream": "",
}


class FetchError(Exception):
    """The one line saying why a URL could not be fetched."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    final_url: str
    data: bytes
    content_type: str
    format_hint: str


def fetch(url: str, max_bytes: int, *, timeout: httpx.Timeout | None = None) -> Fetched:
    """GET ``url`` following redirects; raise ``FetchError`` with a one-line reason."""
    timeout = timeout or TIMEOUT
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and content_type not in ACCEPTED:
                raise FetchError(f"unsupported content type {content_type!r}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_big(int(declared), max_bytes))
            chunks: list[bytes] = []
            size = 0
            started = time.monotonic()
            for chunk in response.iter_bytes():
                if time.monotonic() - started > DEADLINE:
                    raise FetchError(f"download took longer than {DEADLINE:g} s")
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_big(size, max_bytes, more=True))
                chunks.append(chunk)
            return Fetched(
                url=url,
                final_url=str(response.url),
                data=b"".join(chunks),
                content_type=content_type,
                format_hint=ACCEPTED.get(content_type, ""),
            )
    except httpx.TimeoutException:
        raise FetchError(f"timed out (no answer within {timeout.read:g} s)") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.InvalidURL as error:
        raise FetchError(f"not a valid URL ({error})") from None
    except httpx.UnsupportedProtocol:
        raise FetchError("not an http or https URL") from None
    except httpx.ConnectError as error:
        raise FetchError(f"could not connect ({_reason(error)})") from None
    except httpx.HTTPError as error:
        raise FetchError(f"download failed ({_reason(error)})") from None


def _too_big(size: int, limit: int, more: bool = False) -> str:
    mb = 1024 * 1024
    if more:
        return f"response is larger than the {limit / mb:.1f} MB limit"
    return f"response is {size / mb:.1f} MB, over the {limit / mb:.1f} MB limit"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:120] or type(error).__name__
