"""Obsidian, zk and nb vaults: notes read with their tags as a plain line and wikilinks as
words; the vault's settings and attachment folders are not documents."""

from __future__ import annotations

import json
from pathlib import Path

from reader.library import Library
from reader.library.vault import plain_links

NOTE = """---
title: Statins and memory
tags:
  - cardiology
  - "to-read"
date: 2024-02-01
---
# Reading notes

Statins may be linked to memory complaints, see [[Chen 2021]] and
[[Wong 2019|the cohort study]]; compare [[Methods#Dosing]]. ![[figure1.png]]
"""


def make_vault(root: Path) -> Path:
    (root / ".obsidian").mkdir(parents=True)
    (root / ".obsidian" / "app.json").write_text(
        json.dumps({"attachmentFolderPath": "Files"}), encoding="utf-8"
    )
    (root / ".obsidian" / "workspace.md").write_text("# not a note", encoding="utf-8")
    (root / "Files").mkdir()
    (root / "Files" / "scan-notes.md").write_text("# attachment", encoding="utf-8")
    (root / "attachments").mkdir()
    (root / "attachments" / "clip.txt").write_text("an attachment", encoding="utf-8")
    (root / "papers").mkdir()
    (root / "papers" / "statins.md").write_text(NOTE, encoding="utf-8")
    (root / "inline.md").write_text(
        "---\ntags: [nutrition, coffee]\n---\nCoffee might help.", encoding="utf-8"
    )
    return root


def test_a_vaults_notes_are_read_and_its_machinery_skipped(tmp_path: Path):
    vault = make_vault(tmp_path / "vault")
    library = Library(tmp_path / "lib")
    report = library.add([vault])
    assert not report.failed
    names = sorted(Path(path).name for path in report.added)
    assert names == ["inline.md", "statins.md"]
    note = library.get(str((vault / "papers" / "statins.md").resolve()))
    assert note.title == "Statins and memory"
    assert note.body.startswith("Tags: cardiology, to-read\n\nReading notes\n\n")
    assert "see Chen 2021 and the cohort study; compare Methods › Dosing." in note.body
    assert "[[" not in note.body and "figure1.png" not in note.body
    assert [h.title for h in note.outline] == ["Reading notes"]
    assert note.body[note.outline[0].offset :].startswith("Reading notes")
    inline = library.get(str((vault / "inline.md").resolve()))
    assert inline.body == "Tags: nutrition, coffee\n\nCoffee might help."
    library.close()


def test_attachment_folders_are_read_in_a_folder_that_is_no_vault(tmp_path: Path):
    folder = tmp_path / "notes"
    (folder / "attachments").mkdir(parents=True)
    (folder / "attachments" / "clip.txt").write_text("It may help.", encoding="utf-8")
    report = Library(tmp_path / "lib").add([folder])
    assert [Path(path).name for path in report.added] == ["clip.txt"]


def test_wikilinks_become_their_words():
    assert plain_links("[[A]] [[B|b]] [[C#D]] [[#E]] ![[x.png]]") == "A b C › D E "
