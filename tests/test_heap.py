"""Full garbage collections wait for the user's pauses (reader/tui/heap.py)."""

from __future__ import annotations

import gc

import pytest

from reader.library import Library
from reader.tui import heap
from reader.tui.app import HedgeReaderApp
from tests.helpers import settle


class FakeApp:
    def set_interval(self, interval, callback, name=None):
        return None


@pytest.fixture
def clock(monkeypatch):
    """The keeper's clock and Python's count of middle-generation collections, by hand."""
    state = {"now": 1000.0, "middle": 0}
    monkeypatch.setattr(heap, "monotonic", lambda: state["now"])
    monkeypatch.setattr(heap, "_middle_collections", lambda: state["middle"])
    return state


def test_full_collections_wait_for_a_pause(clock, monkeypatch):
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation))
    before = gc.get_threshold()
    keeper = heap.HeapKeeper()
    keeper.start(FakeApp())
    try:
        assert gc.get_threshold()[:2] == before[:2]  # young collections as before
        assert gc.get_threshold()[2] > 10**9  # full ones no longer set off by counts
        assert gc.get_freeze_count() > 0

        clock["middle"] = before[2] + 1  # enough has piled up for a full collection
        for _ in range(10):  # the user keeps pressing keys, a tenth of a second apart
            keeper.busy()
            clock["now"] += 0.1
            keeper._check()
        assert collected == [1]  # only the young collection before the freeze

        clock["now"] += heap.QUIET  # a pause
        keeper._check()
        assert collected == [1, 2]
        keeper._check()  # nothing new piled up: no second one
        assert collected == [1, 2]
    finally:
        keeper.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_non_stop_use_still_gets_a_full_collection(clock, monkeypatch):
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation))
    keeper = heap.HeapKeeper()
    keeper.start(FakeApp())
    try:
        clock["middle"] = 100
        steps = int(heap.LONGEST / 0.5) + 1
        for _ in range(steps):
            keeper.busy()
            clock["now"] += 0.5
            keeper._check()
        assert collected.count(2) == 1
    finally:
        keeper.stop()


async def test_the_app_keeps_the_heap_while_it_runs_and_restores_it(library: Library):
    before = gc.get_threshold()
    app = HedgeReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.05)
        assert app.heap.started
        assert gc.get_threshold()[2] > 10**9
    assert not app.heap.started
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
