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
    Span,
)
from reader.library.engine import QUERY_HELP, stem_word
from reader.library.errors import LibraryBusyError, LibraryError, QueryError
from reader.library.formats import SUFFIXES
from reader.library.fulltext import fetch_articles
from reader.library.hits import hit_spans
from reader.library.ingest import IngestError
from reader.library.library import AddProgress, AddReport, Library
from reader.library.one_document import document_text, read_document
from reader.library.opml import Feed, expand_lists, write_opml
from reader.library.paths import LIBRARY_ENV, default_library_path
from reader.library.search import SORTS
from reader.library.stats import (
    EXTRA_FIGURES,
    Bar,
    LibraryStats,
    Ranked,
    bar_text,
    cached_stats,
    library_stats,
)
from reader.library.zotero import DEFAULT_FOLDER as ZOTERO_FOLDER
from reader.library.zotero import import_zotero, is_zotero_folder

__all__ = [
    "EXTRA_FIGURES",
    "LIBRARY_ENV",
    "QUERY_HELP",
    "SORTS",
    "SUFFIXES",
    "ZOTERO_FOLDER",
    "AddProgress",
    "AddReport",
    "Bar",
    "Document",
    "DocumentSummary",
    "Feed",
    "Heading",
    "IngestError",
    "Library",
    "LibraryBusyError",
    "LibraryError",
    "LibraryStats",
    "QueryError",
    "Ranked",
    "SearchHit",
    "SearchResults",
    "Snippet",
    "Span",
    "bar_text",
    "cached_stats",
    "default_library_path",
    "document_text",
    "expand_lists",
    "fetch_articles",
    "hit_spans",
    "import_zotero",
    "is_zotero_folder",
    "library_stats",
    "read_document",
    "stem_word",
    "write_opml",
]
