"""The library: files -> documents -> an index you can search. No Textual here.

``Library(path)`` is the whole interface the TUI and the CLI use.
"""

from reader.library.documents import (
    Document,
    DocumentSummary,
    Heading,
    SearchHit,
    SearchResults,
    Snippet,
)
from reader.library.engine import QUERY_HELP, stem_word
from reader.library.errors import LibraryBusyError, LibraryError, QueryError
from reader.library.formats import SUFFIXES
from reader.library.hits import hit_spans
from reader.library.ingest import IngestError
from reader.library.library import AddProgress, AddReport, Library
from reader.library.one_document import document_text, read_document
from reader.library.paths import LIBRARY_ENV, default_library_path
from reader.library.search import SORTS

__all__ = [
    "LIBRARY_ENV",
    "QUERY_HELP",
    "SORTS",
    "SUFFIXES",
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
    "default_library_path",
    "document_text",
    "hit_spans",
    "read_document",
    "stem_word",
]
