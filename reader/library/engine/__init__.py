"""The search engine under the library: Whoosh and the parts of it made faster here.

The only package that imports ``whoosh``; it imports nothing else of ``reader``. The
rest of the library uses this face: an ``Index`` (open or create), its ``Writer`` (add,
replace, delete, add segments, commit, cancel) and ``Searcher`` (stored fields, ranked
search), and the tokeniser. ``internals`` names every private Whoosh symbol used.
"""

from reader.library.engine.index import (
    Field,
    Fields,
    Index,
    IndexLocked,
    Ranked,
    Schema,
    Searcher,
    Segment,
    Writer,
    segment_files_prefix,
    segment_size,
)
from reader.library.engine.query import QUERY_FIELDS, QUERY_HELP, BadQuery
from reader.library.engine.tokens import WORD, stem_word, text_postings
from reader.library.engine.writer import PreAnalyzed

__all__ = [
    "QUERY_FIELDS",
    "QUERY_HELP",
    "WORD",
    "BadQuery",
    "Field",
    "Fields",
    "Index",
    "IndexLocked",
    "PreAnalyzed",
    "Ranked",
    "Schema",
    "Searcher",
    "Segment",
    "Writer",
    "segment_files_prefix",
    "segment_size",
    "stem_word",
    "text_postings",
]
