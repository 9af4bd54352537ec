"""Document bodies, kept beside the index in SQLite and keyed by content hash.

Keeping bodies out of the Whoosh stored fields keeps the index small and listing
fast. Writes go in before the index commit that refers to them, so a kill between
the two leaves only an unreferenced row, never an index entry without its text.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path


def pack(body: str) -> bytes:
    """A body as stored: compressed, which workers can do before it reaches the writer."""
    return zlib.compress(body.encode("utf-8"), 1)


class TextStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._local = threading.local()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS texts (sha256 TEXT PRIMARY KEY, body BLOB)")

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._path, timeout=30)
            self._local.db = db
        return db

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        self.put_packed((sha, pack(body)) for sha, body in items)

    def put_packed(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Bodies already ``pack``ed, in one transaction."""
        rows = list(items)
        if rows:
            with self._connect() as db:
                db.executemany("INSERT OR IGNORE INTO texts VALUES (?, ?)", rows)

    def replace(self, items: Iterable[tuple[str, str]]) -> None:
        """New bodies under keys already there (a feed entry's article fetched later)."""
        rows = [(sha, pack(body)) for sha, body in items]
        if rows:
            with self._connect() as db:
                db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?)", rows)

    def get(self, sha256: str) -> str | None:
        row = (
            self._connect().execute("SELECT body FROM texts WHERE sha256 = ?", (sha256,)).fetchone()
        )
        return zlib.decompress(row[0]).decode("utf-8") if row else None

    def keep_only(self, wanted: set[str]) -> None:
        """Drop bodies no document refers to any more."""
        db = self._connect()
        stale = [sha for (sha,) in db.execute("SELECT sha256 FROM texts") if sha not in wanted]
        if stale:
            with db:
                db.executemany("DELETE FROM texts WHERE sha256 = ?", [(s,) for s in stale])

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
