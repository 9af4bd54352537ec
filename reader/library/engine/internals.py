"""Every private Whoosh name the engine uses, in one list, for a canary test.

The speed layer (``codec``, ``blocks``, ``segments``, ``writer``, ``phrase``, ``evaluate``)
subclasses Whoosh's classes and reads their private state. That only holds for the
release it was written against, so ``whoosh-reloaded`` is pinned to it (pyproject) and
``tests/test_engine_internals.py`` checks that each name below still exists there: a new
release that renames one fails that test, naming it, before any index is written wrong.
Private module-level names are imported from here rather than from Whoosh.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import _lenfield

#: The whoosh-reloaded release these names were read from.
PINNED = "2.7.5"

#: A field's length column name (``_lenfield("body")``), for reading lengths in one go.
length_column_name = _lenfield

#: Whoosh class -> the private attributes and methods the engine reads, calls or
#: overrides on it (instance attributes are set by the class's own methods), and where.
ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "whoosh.codec.whoosh3.W3LeafMatcher": (
        ("_data", "blocks"),
        ("_ids", "blocks, phrase"),
        ("_weights", "blocks"),
        ("_values", "blocks, phrase"),
        ("_blocklength", "blocks"),
        ("_read_ids", "blocks, phrase"),
        ("_read_weights", "blocks"),
        ("_read_values", "blocks, phrase"),
        ("_read_data", "blocks"),
        ("_next_block", "evaluate, phrase"),
        ("_maxid", "evaluate"),
    ),
    "whoosh.codec.whoosh3.W3Codec": (
        ("_blocklimit", "codec"),
        ("_inlinelimit", "codec"),
        ("_compression", "codec"),
    ),
    "whoosh.codec.whoosh3.W3PostingsWriter": (
        ("_ids", "codec"),
        ("_weights", "codec"),
        ("_values", "codec"),
        ("_maxweight", "codec"),
        ("_minlength", "codec"),
        ("_maxlength", "codec"),
        ("_postfile", "codec"),
        ("_write_block", "codec"),
        ("_byteids", "blocks"),
        ("_mini_ids", "blocks"),
        ("_mini_weights", "blocks"),
        ("_mini_values", "blocks"),
    ),
    "whoosh.codec.whoosh3.W3FieldWriter": (
        ("_codec", "codec"),
        ("_fieldid", "codec"),
        ("_tindex", "codec"),
        ("_postfile", "codec"),
        ("_postwriter", "codec"),
    ),
    "whoosh.codec.whoosh3.W3TermsReader": (
        ("_tindex", "segments"),
        ("_fieldmap", "segments"),
        ("_fieldunmap", "segments"),
        ("_postfile", "segments"),
    ),
    "whoosh.codec.whoosh3.W3TermInfo": (("_struct", "codec, segments"),),
    "whoosh.codec.whoosh3.W3PerDocReader": (("_cached_reader", "evaluate"),),
    "whoosh.columns.FixedBytesColumn.Reader": (
        ("_dbfile", "evaluate"),
        ("_basepos", "evaluate"),
        ("_count", "evaluate"),
    ),
    "whoosh.reading.SegmentReader": (
        ("_perdoc", "evaluate, phrase"),
        ("_terms", "evaluate, phrase, segments"),
    ),
    "whoosh.scoring.BM25F": (("_field_B", "evaluate"),),
    "whoosh.writing.SegmentWriter": (
        ("_added", "writer"),
        ("_check_state", "writer"),
        ("_check_fields", "writer"),
        ("_finalize_segment", "writer"),
        ("_finish", "writer"),
        ("_flush_segment", "writer"),
        ("_close_segment", "writer"),
        ("_commit_toc", "writer"),
        ("_setup_doc_offsets", "index"),
        ("segments", "index"),
    ),
}
