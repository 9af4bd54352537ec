"""The Whoosh schema: searchable text plus the figures the list shows and sorts by.

The body is indexed but not stored here (the text store keeps it), so opening the
index and listing the library stay cheap however long the documents are.
"""

from __future__ import annotations

from typing import Any

from whoosh import columns
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from reader.library.engine.positions import ArrayPositions, decode_positions

SCHEMA_VERSION = 3


class FLOAT(NUMERIC):
    """A sortable float field.

    whoosh-reloaded 2.7.5 gives sortable float columns a NaN default that its
    integer column cannot pack; store the default in the column's own encoding.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(float, default=0.0, **kwargs)

    def default_column(self) -> columns.NumericColumn:
        return columns.NumericColumn(
            self.sortable_typecode, default=self.to_column_value(self.default)
        )


class PhraseText(TEXT):
    """Stemmed text with positions in the array encoding (``reader.library.positions``)."""

    def __init__(self, field_boost: float = 1.0, **kwargs: Any) -> None:
        super().__init__(field_boost=field_boost, **kwargs)
        self.format = ArrayPositions(field_boost=field_boost)


class BodyText(PhraseText):
    """Body text that also takes postings computed ahead in a worker process.

    ``reader.library.indexing`` tokenises bodies in parallel, positions array-encoded; a
    value with ``postings`` is used as is (re-encoded for a library made before the array
    encoding), anything else goes through the analyzer as usual.
    """

    def index(self, value: Any, **kwargs: Any) -> Any:
        postings = getattr(value, "postings", None)
        if postings is None:
            return super().index(value, **kwargs)
        if isinstance(self.format, ArrayPositions):
            return iter(postings)
        encode = self.format.encode
        return ((w, f, wt, encode(decode_positions(v).tolist())) for w, f, wt, v in postings)


def text_analyzer() -> StemmingAnalyzer:
    """Stemmed words with no stop list: "may" and "not" are what a hedge reader looks for."""
    return StemmingAnalyzer(stoplist=None)


def pre_analysed(schema: Schema) -> dict[str, tuple[float, bool]]:
    """Text fields a worker can analyse ahead (``reader.library.engine.tokens.text_postings``
    reproduces their analysis exactly): field name -> (field boost, whether positions
    are array-encoded, ``ArrayPositions``, rather than Whoosh's ``Positions``)."""
    from whoosh.formats import Positions

    found = {}
    for name in ("title", "body", "author"):
        field = schema[name] if name in schema else None  # noqa: SIM401 (no Schema.get)
        if (
            isinstance(field, TEXT)
            and type(field.format) in (Positions, ArrayPositions)
            and field.analyzer == text_analyzer()
            and not field.vector
        ):
            arrays = type(field.format) is ArrayPositions
            found[name] = (field.format.field_boost, arrays)
    return found


def pre_indexed(schema: Schema) -> dict[str, Any]:
    """Indexed fields other than text a worker can index ahead with the field itself:
    name -> field. Not unique ones: ``update_document`` needs their plain values."""
    text = pre_analysed(schema)
    return {
        name: field
        for name, field in schema.items()
        if field.indexed
        and name not in text
        and not field.unique
        and not isinstance(field, TEXT)
        and not field.separate_spelling()
    }


def make_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        title=PhraseText(stored=True, analyzer=analyzer, field_boost=2.0),
        body=BodyText(analyzer=analyzer),
        author=TEXT(stored=True, analyzer=analyzer),
        format=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        added=DATETIME(stored=True, sortable=True),
        title_sort=ID(sortable=True),
        words=NUMERIC(int, stored=True),
        hedges=FLOAT(stored=True, sortable=True),
        boosters=FLOAT(stored=True, sortable=True),
        hedged_share=FLOAT(stored=True, sortable=True),
        hedge_count=STORED,
        booster_count=STORED,
        categories=KEYWORD(stored=True, commas=True, lowercase=True),
        by_category=STORED,
        # Claim strength (reader.hedging.claims): the labels stated (``claims:causal``),
        # the percentage of finding sentences stated as a direct cause (``causal:>50``,
        # sorted by), and the counts per label. Absent in documents indexed before them.
        claims=KEYWORD(stored=True, commas=True, lowercase=True),
        causal=FLOAT(stored=True, sortable=True),
        claim_counts=STORED,
        outline=STORED,
        styles=STORED,  # Markdown's emphasis, code and links over the body
        sha256=ID(stored=True),
        size=STORED,
        mtime=STORED,
        source=ID(stored=True),
        analysis=STORED,  # which analysis made the figures (reader.library.figures)
        doi=ID(stored=True),
        collections=KEYWORD(stored=True, commas=True, lowercase=True),
        #: A feed entry whose article was fetched (``refresh --full-text``).
        full_text=STORED,
        #: Stretches of the body left out of the figures (a paper's references).
        excluded=STORED,
    )
