"""The library: files -> documents -> a Whoosh index you can search. No Textual here.

``Library(path)`` is the whole interface the TUI and the CLI use.
"""

from reader.library.documents import (
    Document,
    DocumentSummary,
    Heading,
    SearchHit,
    SearchResults,
    Snippet,
    Span,
)
from reader.library.errors import LibraryBusyError, LibraryError, QueryError
from reader.library.ingest import FORMATS, IngestError
from reader.library.library import AddProgress, AddReport, Library
from reader.library.paths import LIBRARY_ENV, default_library_path
from reader.library.query import QUERY_HELP
from reader.library.search import SORTS

__all__ = [
    "FORMATS",
    "LIBRARY_ENV",
    "QUERY_HELP",
    "SORTS",
    "AddProgress",
    "AddReport",
    "Document",
    "DocumentSummary",
    "Heading",
    "IngestError",
    "Library",
    "LibraryBusyError",
    "LibraryError",
    "QueryError",
    "SearchHit",
    "SearchResults",
    "Snippet",
    "Span",
    "default_library_path",
]
