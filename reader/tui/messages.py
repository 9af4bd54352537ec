"""What the workers tell the app. Workers only post these; the app's handlers own the state."""

from __future__ import annotations

from textual.message import Message

from reader.library import AddReport, Document, DocumentSummary, SearchResults
from reader.reading.analysis import Chunk


class LibraryProgress(Message):
    """Indexing progress; a newer one replaces an unhandled older one in the queue."""

    def __init__(self, done: int, total: int, current: str) -> None:
        self.done = done
        self.total = total
        self.current = current
        super().__init__()

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LibraryProgress)


class LibraryReady(Message):
    """The library is open; ``seeded`` reports the first-run indexing of the samples."""

    def __init__(self, results: SearchResults, seeded: AddReport | None) -> None:
        self.results = results
        self.seeded = seeded
        super().__init__()


class LibraryFailed(Message):
    def __init__(self, error: str) -> None:
        self.error = error
        super().__init__()


class SearchFinished(Message):
    """Results for search number ``generation``; older generations are dropped."""

    def __init__(self, generation: int, results: SearchResults) -> None:
        self.generation = generation
        self.results = results
        super().__init__()


class MoreResults(Message):
    """The next page of search number ``generation``, fetched from ``offset``."""

    def __init__(self, generation: int, offset: int, results: SearchResults) -> None:
        self.generation = generation
        self.offset = offset
        self.results = results
        super().__init__()


class SearchFailed(Message):
    def __init__(self, generation: int, error: str) -> None:
        self.generation = generation
        self.error = error
        super().__init__()


class DocumentFailed(Message):
    """``gone``: the path no longer in the library; ``step``: the history move (-1 back,
    1 forward, 0 none) that led to it."""

    def __init__(self, error: str, *, gone: str | None = None, step: int = 0) -> None:
        self.error = error
        self.gone = gone
        self.step = step
        super().__init__()


class IndexingProgress(Message):
    """An ``a`` (add) run's progress; a newer one replaces an unhandled older one."""

    def __init__(self, done: int, total: int, current: str) -> None:
        self.done = done
        self.total = total
        self.current = current
        super().__init__()

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexingProgress)


class IndexingFinished(Message):
    """An add run ended; ``report`` says what was added, updated, unchanged and failed."""

    def __init__(self, target: str, report: AddReport) -> None:
        self.target = target
        self.report = report
        super().__init__()


class IndexingFailed(Message):
    """The add run could not write the library (busy, disk full…); it keeps its last state."""

    def __init__(self, target: str, error: str) -> None:
        self.target = target
        self.error = error
        super().__init__()


class ExportReady(Message):
    """An export rendered off the event loop, ready to hand to ``App.deliver_text``."""

    def __init__(self, text: str, filename: str, fmt: str) -> None:
        self.text = text
        self.filename = filename
        self.fmt = fmt
        super().__init__()


class FiguresProgress(Message):
    """Re-analysing stored figures (the detector or the user's phrases changed)."""

    def __init__(self, done: int, total: int) -> None:
        self.done = done
        self.total = total
        super().__init__()

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FiguresProgress)


class FiguresUpdated(Message):
    """Stored figures re-analysed: ``count`` documents changed (0: all were current)."""

    def __init__(self, count: int, error: str = "") -> None:
        self.count = count
        self.error = error
        super().__init__()


class SummaryRefreshed(Message):
    """The open document's summary as stored now (after its figures were updated)."""

    def __init__(self, summary: DocumentSummary) -> None:
        self.summary = summary
        super().__init__()


class DocumentOpened(Message):
    """A document's text with its first chunk of marks; ``MarksFound`` brings the rest
    (``done`` 1.0 with the last)."""

    def __init__(
        self,
        generation: int,
        document: Document,
        first: Chunk | None,
        done: float,
        wrapped: tuple[int, list[tuple[int, int]]] | None = None,
    ) -> None:
        self.generation = generation
        self.wrapped = wrapped  # (width, visual lines), wrapped in the worker
        self.document = document
        self.first = first  # the marks of the first screen or so, shown with the text
        self.done = done
        super().__init__()


class MarksFound(Message):
    """Marks for one more chunk of the open document (``Chunk`` offsets are absolute)."""

    def __init__(self, generation: int, chunk: Chunk, done: float) -> None:
        self.generation = generation
        self.chunk = chunk
        self.done = done  # share of the text analysed so far, 0..1
        super().__init__()
