"""The reading memory: positions, bookmarks and history survive a restart, are written
atomically, and a file that cannot be read or written never stops the reader."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.reading.memory import Memory, default_memory_path


def test_positions_bookmarks_and_history_round_trip(tmp_path: Path):
    path = tmp_path / "data" / "memory.json"
    memory = Memory.load(path)
    memory.remember_position("/a.txt", 120)
    assert memory.toggle_bookmark("/a.txt", 40) is True
    assert memory.toggle_bookmark("/a.txt", 10) is True
    memory.visit("/a.txt")
    memory.visit("/b.txt")
    assert memory.save()
    again = Memory.load(path)
    assert again.position("/a.txt") == 120 and again.position("/unknown") == 0
    assert again.bookmarks("/a.txt") == [10, 40]
    assert again.history == ["/a.txt", "/b.txt"]
    assert again.back() == "/a.txt" and again.back() is None
    assert again.forward() == "/b.txt" and again.forward() is None
    assert again.toggle_bookmark("/a.txt", 40) is False
    assert again.bookmarks("/a.txt") == [10]


def test_visiting_after_going_back_drops_the_forward_history(tmp_path: Path):
    memory = Memory(tmp_path / "m.json")
    for name in ("/a", "/b", "/c"):
        memory.visit(name)
    assert memory.back() == "/b"
    memory.visit("/d")
    assert memory.history == ["/a", "/b", "/d"]
    assert memory.forward() is None


def test_saving_is_atomic_and_leaves_no_temporary_files(tmp_path: Path):
    path = tmp_path / "memory.json"
    memory = Memory(path)
    memory.remember_position("/a", 5)
    assert memory.save()
    assert json.loads(path.read_text())["documents"]["/a"]["position"] == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_gives_an_error_naming_the_file(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        memory = Memory(folder / "memory.json")
        memory.remember_position("/a", 5)
        assert memory.save() is False
        assert "memory.json" in (memory.error or "")
    finally:
        folder.chmod(0o700)


def test_a_save_that_fails_midway_keeps_the_old_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "memory.json"
    memory = Memory(path)
    memory.remember_position("/a", 5)
    assert memory.save()
    memory.remember_position("/a", 9)

    def broken_dump(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json, "dump", broken_dump)
    assert memory.save() is False
    assert "No space left" in (memory.error or "")
    assert json.loads(path.read_text())["documents"]["/a"]["position"] == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.json"]


def test_a_file_of_the_wrong_shape_is_set_aside(tmp_path: Path):
    path = tmp_path / "memory.json"
    path.write_text('["a list, not an object"]')
    memory = Memory.load(path)
    assert memory.error and "set aside" in memory.error
    assert (tmp_path / "memory.json.bad").exists()
    assert memory.history == []


def test_the_default_file_is_in_the_user_data_dir(tmp_path: Path):
    assert str(default_memory_path()).startswith(os.environ["XDG_DATA_HOME"])


@pytest.mark.parametrize(("step", "expected"), [(-1, "/a"), (1, "/c")], ids=["back", "forward"])
def test_forgetting_a_gone_document_keeps_the_place_the_move_started(tmp_path, step, expected):
    memory = Memory(tmp_path / "m.json")
    for path in ("/a", "/b", "/c"):
        memory.visit(path)
    if step > 0:
        memory.back(), memory.back()
    assert (memory.back() if step < 0 else memory.forward()) == "/b"
    memory.forget("/b", step)
    assert memory.history == ["/a", "/c"]
    assert (memory.back() if step < 0 else memory.forward()) == expected
