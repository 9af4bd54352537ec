"""A small Zotero data folder: ``zotero.sqlite`` with Zotero's own table layout (the
tables the importer reads, with their real column names) and ``storage/<key>/`` files."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = """
CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT);
CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT NOT NULL,
    dateAdded TIMESTAMP, dateModified TIMESTAMP, libraryID INT NOT NULL DEFAULT 1,
    key TEXT NOT NULL, version INT NOT NULL DEFAULT 0);
CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT);
CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value UNIQUE);
CREATE TABLE itemData (itemID INT, fieldID INT, valueID INT, PRIMARY KEY (itemID, fieldID));
CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT,
    fieldMode INT);
CREATE TABLE itemCreators (itemID INT, creatorID INT, creatorTypeID INT DEFAULT 1,
    orderIndex INT DEFAULT 0, PRIMARY KEY (itemID, creatorID, creatorTypeID, orderIndex));
CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY, parentItemID INT, linkMode INT,
    contentType TEXT, charsetID INT, path TEXT, syncState INT DEFAULT 0);
CREATE TABLE collections (collectionID INTEGER PRIMARY KEY, collectionName TEXT NOT NULL,
    parentCollectionID INT DEFAULT NULL, libraryID INT NOT NULL DEFAULT 1, key TEXT);
CREATE TABLE collectionItems (collectionID INT, itemID INT, orderIndex INT DEFAULT 0,
    PRIMARY KEY (collectionID, itemID));
CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY, dateDeleted DEFAULT CURRENT_TIMESTAMP);
INSERT INTO itemTypes VALUES (1, 'journalArticle'), (2, 'attachment'), (3, 'note');
INSERT INTO fields VALUES (1, 'title'), (2, 'date'), (3, 'DOI'), (4, 'url'),
    (5, 'publicationTitle');
"""


@dataclass
class Paper:
    key: str
    title: str
    authors: list[tuple[str, str]]
    date: str  # as Zotero stores it: "2021-03-00 March 2021"
    doi: str = ""
    collections: list[str] = field(default_factory=list)
    #: (attachment key, file name, content type, bytes); None bytes: no file on disk.
    files: list[tuple[str, str, str, bytes | None]] = field(default_factory=list)
    deleted: bool = False


def make_zotero(folder: Path, papers: list[Paper]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / "zotero.sqlite")
    db.executescript(SCHEMA)
    collection_ids: dict[str, int] = {}
    next_item = 1
    for paper in papers:
        item = next_item
        next_item += 1
        db.execute(
            "INSERT INTO items (itemID, itemTypeID, key) VALUES (?, 1, ?)", (item, paper.key)
        )
        for field_id, value in ((1, paper.title), (2, paper.date), (3, paper.doi)):
            if value:
                set_field(db, item, field_id, value)
        for order, (first, last) in enumerate(paper.authors):
            cursor = db.execute(
                "INSERT INTO creators (firstName, lastName, fieldMode) VALUES (?, ?, 0)",
                (first, last),
            )
            db.execute(
                "INSERT INTO itemCreators (itemID, creatorID, orderIndex) VALUES (?, ?, ?)",
                (item, cursor.lastrowid, order),
            )
        for name in paper.collections:
            if name not in collection_ids:
                collection_ids[name] = len(collection_ids) + 1
                db.execute(
                    "INSERT INTO collections (collectionID, collectionName, key) VALUES (?, ?, ?)",
                    (collection_ids[name], name, f"C{collection_ids[name]}"),
                )
            db.execute("INSERT INTO collectionItems VALUES (?, ?, 0)", (collection_ids[name], item))
        if paper.deleted:
            db.execute("INSERT INTO deletedItems (itemID) VALUES (?)", (item,))
        for key, name, content_type, data in paper.files:
            attachment = next_item
            next_item += 1
            db.execute(
                "INSERT INTO items (itemID, itemTypeID, key) VALUES (?, 2, ?)", (attachment, key)
            )
            db.execute(
                "INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path)"
                " VALUES (?, ?, 0, ?, ?)",
                (attachment, item, content_type, f"storage:{name}"),
            )
            if data is not None:
                (folder / "storage" / key).mkdir(parents=True, exist_ok=True)
                (folder / "storage" / key / name).write_bytes(data)
    # a web link attachment (no file) and a note: neither is a document
    db.execute(
        "INSERT INTO items (itemID, itemTypeID, key) VALUES (?, 2, 'LINKONLY')", (next_item,)
    )
    db.execute(
        "INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path)"
        " VALUES (?, 1, 3, 'text/html', NULL)",
        (next_item,),
    )
    db.execute(
        "INSERT INTO items (itemID, itemTypeID, key) VALUES (?, 3, 'NOTE1')", (next_item + 1,)
    )
    db.commit()
    db.close()
    return folder


def set_field(db: sqlite3.Connection, item: int, field_id: int, value: str) -> None:
    db.execute("INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)", (value,))
    (value_id,) = db.execute(
        "SELECT valueID FROM itemDataValues WHERE value = ?", (value,)
    ).fetchone()
    db.execute("INSERT OR REPLACE INTO itemData VALUES (?, ?, ?)", (item, field_id, value_id))


def retitle(folder: Path, key: str, title: str) -> None:
    """Edit an item's title as Zotero would."""
    db = sqlite3.connect(folder / "zotero.sqlite")
    (item,) = db.execute("SELECT itemID FROM items WHERE key = ?", (key,)).fetchone()
    set_field(db, item, 1, title)
    db.commit()
    db.close()
