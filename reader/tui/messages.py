"""What the workers tell the screens: typed dataclass messages, nothing else.

Workers only post these; the handlers own the state. Progress messages replace an
unhandled older one of their kind in the queue (``can_replace``), so a fast worker never
floods the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.library import AddReport, Document, DocumentSummary, SearchResults
from reader.reading.analysis import Chunk
from reader.reading.opening import Failed, Marks, Opened, Step


@dataclass
class Progress(Message):
    """Work in steps (``done`` of ``total``); a newer one replaces an unhandled older one."""

    done: int
    total: int
    current: str = ""

    def can_replace(self, message: Message) -> bool:
        return type(message) is type(self)


class LibraryProgress(Progress):
    """First-run indexing of the sample documents."""


class IndexingProgress(Progress):
    """An ``a`` (add) run's progress."""


class FiguresProgress(Progress):
    """Re-analysing stored figures (the detector or the user's phrases changed)."""


@dataclass
class LibraryReady(Message):
    """The library is open; ``seeded`` reports the first-run indexing of the samples."""

    results: SearchResults
    seeded: AddReport | None


@dataclass
class LibraryFailed(Message):
    error: str


@dataclass
class SearchFinished(Message):
    """Results for search number ``generation``; older generations are dropped."""

    generation: int
    results: SearchResults


@dataclass
class MoreResults(Message):
    """The next page of search number ``generation``, fetched from ``offset``."""

    generation: int
    offset: int
    results: SearchResults


@dataclass
class SearchFailed(Message):
    generation: int
    error: str


@dataclass
class IndexingFinished(Message):
    """An add run ended; ``report`` says what was added, updated, unchanged and failed."""

    target: str
    report: AddReport


@dataclass
class IndexingFailed(Message):
    """The add run could not write the library (busy, disk full…); it keeps its last state."""

    target: str
    error: str


@dataclass
class ExportReady(Message):
    """An export rendered off the event loop, ready to hand to ``App.deliver_text``."""

    text: str
    filename: str
    fmt: str


@dataclass
class FiguresUpdated(Message):
    """Stored figures re-analysed: ``count`` documents changed (0: all were current)."""

    count: int
    error: str = ""


@dataclass
class SummaryRefreshed(Message):
    """The open document's summary as stored now (after its figures were updated)."""

    summary: DocumentSummary


@dataclass
class DocumentOpened(Message):
    """Opening number ``generation``: the text with its first chunk of marks;
    ``MarksFound`` brings the rest (``done`` 1.0 with the last)."""

    generation: int
    document: Document
    first: Chunk | None  # the marks of the first screen or so, shown with the text
    done: float
    wrapped: tuple[int, list[tuple[int, int]]] | None = None  # wrapped in the worker


@dataclass
class MarksFound(Message):
    """Marks for one more chunk of the open document (``Chunk`` offsets are absolute)."""

    generation: int
    chunk: Chunk
    done: float  # share of the text analysed so far, 0..1


@dataclass
class DocumentFailed(Message):
    """``gone``: the path no longer in the library; ``step``: the history move (-1 back,
    1 forward, 0 none) that led to it."""

    error: str
    gone: str | None = None
    step: int = 0


def opening_message(generation: int, step: Step, history_step: int = 0) -> Message:
    """The message for one step of ``reader.reading.opening.open_steps``."""
    if isinstance(step, Opened):
        return DocumentOpened(generation, step.document, step.first, step.done, step.wrapped)
    if isinstance(step, Marks):
        return MarksFound(generation, step.chunk, step.done)
    assert isinstance(step, Failed)
    return DocumentFailed(step.error, gone=step.gone, step=history_step)
