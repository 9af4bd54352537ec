"""A Zotero data folder -> documents with the metadata Zotero keeps for them.

``zotero.sqlite`` is opened read-only and immutable (``file:…?mode=ro&immutable=1``):
Zotero holds the database open and locked while it runs, and an immutable reader takes
no lock and writes nothing (not even a journal), so reading never disturbs Zotero nor
waits for it. Changes Zotero has not yet checkpointed from its write-ahead log are not
seen until it does (it does on quit).

Every PDF, HTML or EPUB attachment of a (not deleted) item becomes a document filed under
its file in ``storage/<key>/`` (or a linked file's own path), with the parent item's
title, authors, date, DOI and collections. Re-running re-reads changed files and re-tags
documents whose metadata changed in Zotero.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from reader.library.documents import Metadata
from reader.library.errors import LibraryError
from reader.library.formats import SUFFIXES
from reader.library.ingest import MAX_FILE_BYTES, IngestError
from reader.library.library import AddReport, Library, ProgressCallback

#: Where Zotero keeps its data unless told otherwise.
DEFAULT_FOLDER = Path("~/Zotero")

_CONTENT_TYPES = {"application/pdf", "text/html", "application/xhtml+xml", "application/epub+zip"}
_LINKED_URL = 3  # an attachment that is only a link: no file


class ZoteroError(LibraryError):
    """A Zotero folder or database that cannot be read; one line naming it."""


@dataclass(frozen=True, slots=True)
class Attachment:
    path: Path
    metadata: Metadata


@dataclass(slots=True)
class ZoteroItems:
    attachments: list[Attachment] = field(default_factory=list)
    #: Attachments whose file is not there (not synced, moved): one line each.
    missing: list[IngestError] = field(default_factory=list)


def is_zotero_folder(path: str | Path) -> bool:
    """Whether ``path`` is a Zotero data folder (it holds ``zotero.sqlite``)."""
    try:
        return (Path(path).expanduser() / "zotero.sqlite").is_file()
    except (OSError, ValueError):
        return False


def connect(database: Path) -> sqlite3.Connection:
    """``database`` opened read-only and immutable: no lock taken, nothing written."""
    uri = f"file:{quote(str(database.resolve()))}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


def read_zotero(folder: str | Path) -> ZoteroItems:
    """The attachments in the Zotero data folder ``folder``; raises ``ZoteroError``."""
    root = Path(folder).expanduser()
    database = root / "zotero.sqlite"
    if not database.is_file():
        raise ZoteroError(f"{root}: no zotero.sqlite here (pass Zotero's data folder)")
    try:
        connection = connect(database)
        try:
            return _read(connection, root)
        finally:
            connection.close()
    except sqlite3.Error as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise ZoteroError(f"{database}: cannot read the Zotero database ({reason})") from None


def _read(db: sqlite3.Connection, root: Path) -> ZoteroItems:
    deleted = _deleted(db)
    values = _field_values(db, ("title", "date", "DOI"))
    creators = _creators(db)
    collections = _collections(db)
    keys = dict(db.execute("SELECT itemID, key FROM items"))
    found = ZoteroItems()
    rows = db.execute(
        "SELECT itemID, parentItemID, linkMode, contentType, path FROM itemAttachments"
        " ORDER BY itemID"
    )
    for item, parent, mode, content_type, stored in rows:
        owner = parent if parent is not None else item
        if item in deleted or owner in deleted or mode == _LINKED_URL or not stored:
            continue
        path = _file_of(root, keys.get(item, ""), stored)
        if path is None:
            name = stored.partition(":")[2] or stored
            reason = (
                "a linked file relative to Zotero's base folder, which is not read"
                if stored.startswith("attachments:")
                else "an attachment without a storage key"
            )
            found.missing.append(IngestError(name, reason))
            continue
        if (content_type or "") not in _CONTENT_TYPES and path.suffix.lower() not in SUFFIXES:
            continue
        fields = values.get(owner, {})
        if not path.is_file():
            title = fields.get("title") or path.name
            found.missing.append(IngestError(path, f"attachment file missing (item {title!r})"))
            continue
        meta = Metadata(
            title=" ".join((fields.get("title") or "").split()),
            author=", ".join(creators.get(owner, ())),
            date=_zotero_date(fields.get("date") or ""),
            doi=(fields.get("DOI") or "").strip(),
            collections=tuple(sorted(collections.get(owner, ()))),
        )
        found.attachments.append(Attachment(path, meta))
    return found


def _file_of(root: Path, key: str, stored: str) -> Path | None:
    """``storage:name.pdf`` -> ``storage/<key>/name.pdf``; a linked file's own path; None
    for a path relative to the base folder set in Zotero (kept in Zotero's profile)."""
    if stored.startswith("storage:"):
        return root / "storage" / key / stored[len("storage:") :] if key else None
    if stored.startswith("attachments:"):  # relative to a base folder set in Zotero
        return None
    return Path(stored)


def _deleted(db: sqlite3.Connection) -> set[int]:
    if not _has_table(db, "deletedItems"):
        return set()
    return {row[0] for row in db.execute("SELECT itemID FROM deletedItems")}


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return db.execute(query, (name,)).fetchone() is not None


def _field_values(db: sqlite3.Connection, names: tuple[str, ...]) -> dict[int, dict[str, str]]:
    marks = ",".join("?" * len(names))
    rows = db.execute(
        "SELECT itemData.itemID, fields.fieldName, itemDataValues.value FROM itemData"
        " JOIN fields USING (fieldID) JOIN itemDataValues USING (valueID)"
        f" WHERE fields.fieldName IN ({marks})",
        names,
    )
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for item, name, value in rows:
        found[item][name] = str(value)
    return found


def _creators(db: sqlite3.Connection) -> dict[int, list[str]]:
    rows = db.execute(
        "SELECT itemCreators.itemID, creators.firstName, creators.lastName FROM itemCreators"
        " JOIN creators USING (creatorID) ORDER BY itemCreators.itemID, itemCreators.orderIndex"
    )
    found: dict[int, list[str]] = defaultdict(list)
    for item, first, last in rows:
        name = " ".join(part for part in (first or "", last or "") if part).strip()
        if name:
            found[item].append(name)
    return found


def _collections(db: sqlite3.Connection) -> dict[int, set[str]]:
    rows = db.execute(
        "SELECT collectionItems.itemID, collections.collectionName FROM collectionItems"
        " JOIN collections USING (collectionID)"
    )
    found: dict[int, set[str]] = defaultdict(set)
    for item, name in rows:
        cleaned = " ".join(str(name or "").replace(",", " ").split())
        if cleaned:
            found[item].add(cleaned)
    return found


def _zotero_date(value: str) -> datetime | None:
    """Zotero's ``2021-03-00 March 2021`` (unknown parts as 00) -> aware UTC."""
    head = value.strip()[:10]
    parts = head.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    year, month, day = (int(part) for part in parts)
    if year == 0:
        return None
    try:
        return datetime(year, month or 1, day or 1, tzinfo=timezone.utc)
    except ValueError:
        return None


def import_zotero(
    library: Library,
    folder: str | Path,
    *,
    progress: ProgressCallback | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    prune: bool = False,
) -> AddReport:
    """Add every attachment in ``folder`` to ``library`` with Zotero's metadata.

    New and changed files are indexed; unchanged ones whose metadata changed in Zotero
    are re-tagged (counted as updated); missing files are reported, one line each. With
    ``prune``, documents from the folder's ``storage/`` that are no longer attachments of
    a live item (deleted, binned, or their file gone) are dropped. Returns the ``AddReport``.
    """
    found = read_zotero(folder)
    metadata = {str(item.path.resolve()): item.metadata for item in found.attachments}
    report = AddReport()
    if metadata:
        paths = [item.path for item in found.attachments]
        report = library.add(paths, progress=progress, max_bytes=max_bytes, metadata=metadata)
    report.failed[:0] = found.missing
    unchanged = {path: metadata[path] for path in report.unchanged if path in metadata}
    retagged = set(library.retag(unchanged)) if unchanged else set()
    if retagged:
        report.unchanged = [path for path in report.unchanged if path not in retagged]
        report.updated.extend(sorted(retagged))
    if prune:
        storage = str((Path(folder).expanduser() / "storage").resolve()) + "/"
        files, _ = library.sources()
        gone = [path for path in files if path.startswith(storage) and path not in metadata]
        report.removed.extend(library.remove(gone) if gone else [])
    return report
