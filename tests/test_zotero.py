"""``hedge-reader add --zotero DIR``: a Zotero library's attachments with Zotero's metadata,
updated on a re-run; a locked database is still read, a damaged one is one line."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.library import Library
from tests.format_fixtures import write_pdf
from tests.zotero_fixtures import Paper, make_zotero, retitle

ARTICLE = (
    "<html><head><title>snapshot</title></head><body><article><h1>Statins</h1>"
    + "".join(
        f"<p>Paragraph {n}: statins may be associated with a lower risk of dementia, "
        "although the evidence remains limited and further trials are needed.</p>"
        for n in range(8)
    )
    + "</article></body></html>"
)


@pytest.fixture
def zotero(tmp_path: Path) -> Path:
    pdf = write_pdf(tmp_path / "a.pdf", ["Aspirin may reduce the risk of heart attacks."])
    papers = [
        Paper(
            key="PARENT01",
            title="Aspirin and the heart: a cohort",
            authors=[("Rosa", "Chen"), ("Ali", "Khan")],
            date="2021-03-00 March 2021",
            doi="10.1000/aspirin.2021",
            collections=["Cardiology", "To read"],
            files=[("ATTACH01", "Chen 2021.pdf", "application/pdf", pdf.read_bytes())],
        ),
        Paper(
            key="PARENT02",
            title="Statins and memory",
            authors=[("Li", "Wong")],
            date="2019-11-05 2019-11-05",
            collections=["Neurology"],
            files=[("ATTACH02", "snapshot.html", "text/html", ARTICLE.encode())],
        ),
        Paper(
            key="PARENT03",
            title="Never synced",
            authors=[],
            date="",
            files=[("ATTACH03", "missing.pdf", "application/pdf", None)],
        ),
        Paper(
            key="PARENT04",
            title="In the bin",
            authors=[],
            date="",
            deleted=True,
            files=[("ATTACH04", "binned.pdf", "application/pdf", pdf.read_bytes())],
        ),
    ]
    return make_zotero(tmp_path / "Zotero", papers)


def run(*argv: str) -> int:
    return main(list(argv))


def test_attachments_become_documents_with_zoteros_metadata(tmp_path: Path, zotero, capsys):
    status = run("add", "--zotero", str(zotero), "--library", str(tmp_path / "lib"))
    captured = capsys.readouterr()
    assert status == 1  # one attachment's file is missing
    missing = zotero / "storage" / "ATTACH03" / "missing.pdf"
    assert captured.err.strip().splitlines() == [
        f"hedge-reader: skipped {missing}: attachment file missing (item 'Never synced')"
    ]
    assert captured.out.startswith("2 added, 0 updated, 0 unchanged, 1 failed")
    library = Library(tmp_path / "lib")
    pdf = library.get(str((zotero / "storage" / "ATTACH01" / "Chen 2021.pdf").resolve()))
    assert pdf.title == "Aspirin and the heart: a cohort"
    assert pdf.summary.author == "Rosa Chen, Ali Khan"
    assert pdf.summary.date == datetime(2021, 3, 1, tzinfo=timezone.utc)
    assert "Aspirin may reduce the risk" in pdf.body
    html = library.get(str((zotero / "storage" / "ATTACH02" / "snapshot.html").resolve()))
    assert html.title == "Statins and memory" and html.summary.author == "Li Wong"
    titles = lambda query: [hit.summary.title for hit in library.search(query).hits]  # noqa: E731
    assert titles('collection:"to read"') == ["Aspirin and the heart: a cohort"]
    assert titles("collections:neurology") == ["Statins and memory"]
    assert titles('doi:"10.1000/aspirin.2021"') == ["Aspirin and the heart: a cohort"]
    assert titles("title:bin") == []  # the deleted item
    library.close()


def test_a_rerun_updates_only_what_changed_in_zotero(tmp_path: Path, zotero, capsys):
    lib = str(tmp_path / "lib")
    run("add", "--zotero", str(zotero), "--library", lib)
    capsys.readouterr()
    retitle(zotero, "PARENT02", "Statins and memory in older adults")
    run("add", "--zotero", str(zotero), "--library", lib)
    assert capsys.readouterr().out.startswith("0 added, 1 updated, 1 unchanged, 1 failed")
    library = Library(tmp_path / "lib")
    html = library.get(str((zotero / "storage" / "ATTACH02" / "snapshot.html").resolve()))
    assert html.title == "Statins and memory in older adults"
    assert "statins may be associated" in html.body  # text kept, hedge figures kept
    assert html.summary.hedges > 0
    assert [h.summary.title for h in library.search("title:older").hits] == [html.title]
    library.close()
    run("add", "--zotero", str(zotero), "--library", lib)
    assert capsys.readouterr().out.startswith("0 added, 0 updated, 2 unchanged, 1 failed")


def test_a_database_zotero_holds_locked_is_still_read(tmp_path: Path, zotero, capsys):
    holder = sqlite3.connect(zotero / "zotero.sqlite")
    holder.execute("BEGIN EXCLUSIVE")  # as Zotero does while it writes
    try:
        status = run("add", "--zotero", str(zotero), "--library", str(tmp_path / "lib"))
    finally:
        holder.rollback()
        holder.close()
    assert status == 1 and capsys.readouterr().out.startswith("2 added")


def test_a_damaged_database_is_one_line_and_the_library_keeps_its_documents(
    tmp_path: Path, zotero, capsys
):
    lib = str(tmp_path / "lib")
    run("add", "--zotero", str(zotero), "--library", lib)
    capsys.readouterr()
    database = zotero / "zotero.sqlite"
    database.write_bytes(b"this is not a database at all" * 100)
    status = run("add", "--zotero", str(zotero), "--library", lib)
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert err == [
        f"hedge-reader: {database}: cannot read the Zotero database (file is not a database)"
    ]
    assert len(Library(tmp_path / "lib")) == 2


def test_a_folder_without_a_zotero_database_says_so(tmp_path: Path, capsys):
    status = run("add", "--zotero", str(tmp_path), "--library", str(tmp_path / "lib"))
    assert status == 1
    assert capsys.readouterr().err == (
        f"hedge-reader: {tmp_path}: no zotero.sqlite here (pass Zotero's data folder)\n"
    )


def test_linked_files_are_read_where_they_are_and_base_relative_ones_are_one_line(
    tmp_path: Path, zotero, capsys
):
    (tmp_path / "elsewhere").mkdir()
    linked = write_pdf(tmp_path / "elsewhere" / "linked.pdf", ["It might be linked."])
    db = sqlite3.connect(zotero / "zotero.sqlite")
    for item, key, path in ((90, "LINKED01", str(linked)), (91, "LINKED02", "attachments:x.pdf")):
        db.execute("INSERT INTO items (itemID, itemTypeID, key) VALUES (?, 2, ?)", (item, key))
        db.execute(
            "INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path)"
            " VALUES (?, 1, 2, 'application/pdf', ?)",
            (item, path),
        )
    db.commit()
    db.close()
    run("add", "--zotero", str(zotero), "--library", str(tmp_path / "lib"))
    captured = capsys.readouterr()
    assert "hedge-reader: skipped x.pdf: a linked file relative to Zotero's base folder" in (
        captured.err
    )
    library = Library(tmp_path / "lib")
    assert library.get(str(linked.resolve())).title == "Aspirin and the heart: a cohort"
    library.close()


async def test_a_zotero_folder_added_in_the_app_brings_zoteros_metadata(
    tmp_path: Path, zotero, library
):
    from reader.tui.app import HedgeReaderApp
    from tests.helpers import SIZE, record_notifications, settle, type_and_submit

    app = HedgeReaderApp(library)
    sent = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_and_submit(pilot, str(zotero))
        await settle(pilot)
        await settle(pilot)
        notes = sent
        assert any("2 added" in note for note in notes), notes
        hits = app.library.search('collection:"to read"').hits
        assert [hit.summary.title for hit in hits] == ["Aspirin and the heart: a cohort"]


def test_prune_drops_what_zotero_no_longer_holds(tmp_path: Path, zotero, capsys):
    lib = str(tmp_path / "lib")
    run("add", "--zotero", str(zotero), "--library", lib)
    db = sqlite3.connect(zotero / "zotero.sqlite")
    (item,) = db.execute("SELECT itemID FROM items WHERE key = 'PARENT02'").fetchone()
    db.execute("INSERT INTO deletedItems (itemID) VALUES (?)", (item,))  # to Zotero's bin
    db.commit()
    db.close()
    capsys.readouterr()
    run("add", "--zotero", str(zotero), "--library", lib)
    assert len(Library(tmp_path / "lib")) == 2  # without --prune nothing is dropped
    run("add", "--zotero", str(zotero), "--prune", "--library", lib)
    assert ", 1 removed" in capsys.readouterr().out.splitlines()[-1]
    library = Library(tmp_path / "lib")
    assert [hit.summary.title for hit in library.search("").hits] == [
        "Aspirin and the heart: a cohort"
    ]
    library.close()
