"""The reading core's opening pipeline, without Textual or Pilot: what the reading pane is
handed, step by step, when a document opens."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from reader.hedging import find_hedges
from reader.hedging.claims import find_claims
from reader.library import Library
from reader.reading import opening as opening_module
from reader.reading.analysis_pool import AnalysisPool
from reader.reading.opening import Failed, Marks, Opened, Opening, open_steps
from tests.helpers import seed_text

PHRASE = "in our admittedly rough view"


def library_with(tmp_path: Path, text: str, name: str = "doc.txt") -> tuple[Library, str]:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    library = Library(tmp_path / "lib")
    library.add([folder])
    return library, library.search("").hits[0].summary.path


def painted() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


def collected(steps) -> tuple[Opened, list[Marks]]:
    steps = list(steps)
    assert isinstance(steps[0], Opened)
    assert all(isinstance(step, Marks) for step in steps[1:])
    return steps[0], steps[1:]


def marks_of(opened: Opened, marks: list[Marks]):
    chunks = [opened.first, *(m.chunk for m in marks)]
    hedges = [(h.start, h.end, h.category) for c in chunks if c for h in c.hedges]
    findings = [(f.start, f.end, f.label) for c in chunks if c for f in c.findings]
    return sorted(hedges), sorted(findings)


def test_the_text_comes_first_then_every_mark_of_the_whole_text(tmp_path):
    text = seed_text(60_000)
    library, path = library_with(tmp_path, text)
    opened, marks = collected(
        open_steps(library, path, Opening(phrases={PHRASE: "tentative"}, painted=painted()))
    )
    body = opened.document.body
    assert opened.first is not None and opened.first.findings == []  # claims follow the paint
    assert opened.first.end < len(body) and 0 < opened.done < 1
    assert marks[-1].done == 1.0
    assert [m.done for m in marks] == sorted(m.done for m in marks)
    hedges, findings = marks_of(opened, marks)
    assert hedges == sorted((h.start, h.end, h.category) for h in find_hedges(body))
    whole = sorted((f.start, f.end, f.label) for f in find_claims(body))
    assert findings == whole and findings
    library.close()


def test_the_users_phrases_and_the_search_terms_are_marked(tmp_path):
    library, path = library_with(tmp_path, f"Aspirin helps, {PHRASE}.\n\nAspirin again.\n")
    opening = Opening(terms=("aspirin",), phrases={PHRASE: "tentative"}, painted=painted())
    opened, _ = collected(open_steps(library, path, opening))
    assert opened.first is not None
    body = opened.document.body
    assert [body[h.start : h.end] for h in opened.first.hedges] == [PHRASE]
    assert [body[a:b].lower() for a, b in opened.first.hits] == ["aspirin", "aspirin"]
    library.close()


def test_the_text_is_wrapped_for_the_pane_in_the_worker(tmp_path):
    library, path = library_with(tmp_path, "One short line.\n\nAnother one.\n")
    calls = []

    def wrap(text: str, width: int) -> list[tuple[int, int]]:
        calls.append(width)
        return [(0, len(text))]

    opened, _ = collected(
        open_steps(library, path, Opening(width=33, wrap=wrap, painted=painted()))
    )
    assert calls == [33] and opened.wrapped is not None and opened.wrapped[0] == 33
    library.close()


def test_the_rest_waits_for_the_first_paint(tmp_path):
    library, path = library_with(tmp_path, seed_text(30_000))
    event = threading.Event()
    steps = open_steps(library, path, Opening(painted=event))
    assert isinstance(next(steps), Opened)
    got: list[object] = []
    thread = threading.Thread(target=lambda: got.append(next(steps)))
    thread.start()
    thread.join(0.3)
    assert not got  # still waiting for the paint
    event.set()
    thread.join(5)
    assert got and isinstance(got[0], Marks)
    library.close()


def test_a_cancelled_opening_stops_between_chunks(tmp_path):
    library, path = library_with(tmp_path, seed_text(120_000))
    stop = threading.Event()
    opening = Opening(painted=painted(), cancelled=stop.is_set)
    steps = open_steps(library, path, opening)
    assert isinstance(next(steps), Opened)
    assert isinstance(next(steps), Marks)  # the first chunk's claims
    stop.set()
    assert list(steps) == []
    library.close()


def test_a_document_gone_from_the_library_fails_with_its_path(tmp_path):
    library, _ = library_with(tmp_path, "Some text.\n")
    steps = list(open_steps(library, "/nowhere/gone.txt", Opening(painted=painted())))
    assert steps == [
        Failed("/nowhere/gone.txt: no longer in the library", gone="/nowhere/gone.txt")
    ]
    library.close()


def test_an_empty_document_opens_with_nothing_to_mark(tmp_path, monkeypatch):
    library, path = library_with(tmp_path, "Title only\n")
    document = library.get(path)
    assert document is not None
    monkeypatch.setattr(library, "get", lambda _: replace(document, body=""))
    steps = list(open_steps(library, path, Opening(painted=painted())))
    assert len(steps) == 1 and isinstance(steps[0], Opened)
    assert steps[0].first is None and steps[0].done == 1.0
    library.close()


@pytest.mark.parametrize("process", [True, False], ids=["process", "thread"])
def test_a_long_rest_gives_the_same_marks_in_the_process_as_here(tmp_path, monkeypatch, process):
    text = seed_text(200_000)
    library, path = library_with(tmp_path, text)
    here: list[int] = []
    analyse = opening_module.analyse

    def counted(text, start, end, *args, **kwargs):
        here.append(start)
        return analyse(text, start, end, *args, **kwargs)

    monkeypatch.setattr(opening_module, "analyse", counted)
    pool = AnalysisPool() if process else None
    try:
        opened, marks = collected(open_steps(library, path, Opening(painted=painted()), pool))
    finally:
        if pool is not None:
            pool.shutdown()
    body = opened.document.body
    hedges, _ = marks_of(opened, marks)
    assert hedges == sorted((h.start, h.end, h.category) for h in find_hedges(body))
    if process:
        assert here == [0]  # only the first screen here, the rest in the process
    else:
        assert len(here) > 5
    library.close()
