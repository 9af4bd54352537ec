"""The query language: Whoosh's, plus the checks that turn a malformed query into one clear line.

Whoosh's parser forgives almost anything: an unmatched quote becomes a word, ``title:``
with nothing after it searches for "titl". A user who typed that meant something else,
so those cases are refused here with a message that says what to fix.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from whoosh import query as wq
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    FuzzyTermPlugin,
    GtLtPlugin,
    MultifieldParser,
)
from whoosh.qparser.dateparse import DateParserPlugin, DateRangeNode
from whoosh.util.times import adatetime, timespan

from reader.library.engine.phrase import FastPhrase
from reader.library.engine.vocabulary import near_words

#: One text for the help screen and the README's "Searching" section.
QUERY_HELP = """\
vaccine immunotherapy   both words (AND is implied); stemmed: vaccines finds vaccine
vaccine OR mRNA         either word;  vaccine NOT mouse  leaves out documents with mouse
(flu OR covid) vaccine  group with parentheses
"further studies"       an exact phrase, words in this order
title:cancer            only in titles (titles also weigh more in the ranking)
author:smith            also author:"Maria Chen"  path:*2021*  format:md (md, txt, pdf...)
immuno*                 words starting with immuno
vacine~   vacine~2      fuzzy: one (or two) letters off, so a typo still finds vaccine
date:2021               written in 2021;  date:[2019 to 2021]  published:<2020
added:>2026-01-01       added to the library after a date;  added:>yesterday
hedges:>20              hedges per 1,000 words;  boosters:>0  hedges:[5 to 10]
words:<500              short pieces (word count)
claims:causal           a finding stated as a cause ("reduces");  also claims:conditional
                        ("may reduce"), claims:correlational ("linked to"), claims:none
causal:>50              over half the findings stated as a cause;  causal:[20 to 80]
(empty)                 the whole library
When nothing matches, the status line suggests words the library does contain."""

#: Extra names a user may type for a field.
ALIASES = {"date": ["published", "written"], "collections": ["collection"]}

#: Fields a user can name in a query (the rest of the schema is internal).
QUERY_FIELDS = (
    "title",
    "body",
    "author",
    "path",
    "format",
    "date",
    "added",
    "hedges",
    "boosters",
    "hedged_share",
    "words",
    "categories",
    "claims",
    "causal",
    "source",
    "doi",
    "collections",
)

_FIELD_NAMES = QUERY_FIELDS + tuple(name for names in ALIASES.values() for name in names)
_EMPTY_FIELD = re.compile(
    r"(?<![\w:])(" + "|".join(_FIELD_NAMES) + r"):\s*(?:[<>]=?\s*)?(?=$|\s|\))", re.IGNORECASE
)
_QUOTED = re.compile(r'"[^"]*"')


class BadQuery(ValueError):
    """A query that cannot be run; ``str()`` is the one line that says what to fix."""


def parse(schema: Any, query: str) -> Any:
    """``query`` -> a Whoosh query; an empty one means every document. Raises ``BadQuery``."""
    if not query.strip():
        return wq.Every()
    _check_shape(query)
    parser = _parser(schema)
    try:
        parsed = parser.parse(query)
    except Exception as error:  # whoosh raises assorted errors for odd input
        raise BadQuery(f"cannot read the query {query!r}: {_reason(error)}") from None
    _check_tree(parsed, query)
    return _first_letter_fuzzy(parsed)


_PARSERS: dict[int, tuple[Any, Any]] = {}


def _parser(schema: Any) -> Any:
    """One parser per schema: building one compiles dozens of date patterns."""
    found = _PARSERS.get(id(schema))
    if found is None or found[0] is not schema:
        parser = MultifieldParser(["title", "body"], schema, group=AndGroup)
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(GtLtPlugin())
        parser.add_plugin(_DatePlugin(free=False))
        parser.add_plugin(FieldAliasPlugin(ALIASES))
        found = _PARSERS[id(schema)] = (schema, parser)
    parser = found[1]
    for plugin in parser.plugins:
        if isinstance(plugin, _DatePlugin):
            plugin.basedate = datetime.utcnow()  # "yesterday" is relative to now
    return parser


def expand(parsed: Any, reader: Any) -> Any:
    """Prefix, wildcard and fuzzy words -> the index words they match, found once.

    Whoosh would otherwise expand them once to search and again to mark the hits.
    """
    if type(parsed) is wq.Phrase and parsed.slop == 1:
        return FastPhrase(parsed.fieldname, parsed.words, boost=parsed.boost)
    if type(parsed) is wq.FuzzyTerm:
        found = near_words(
            reader, parsed.fieldname, parsed.text, parsed.maxdist, parsed.prefixlength
        )
        terms = [wq.Term(parsed.fieldname, word, boost=parsed.boost) for word in found]
        return wq.Or(terms) if terms else wq.NullQuery
    if isinstance(parsed, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)):
        terms = [wq.Term(field, text, boost=parsed.boost) for field, text in _words(parsed, reader)]
        return wq.Or(terms) if terms else wq.NullQuery
    if parsed.is_leaf():
        return parsed
    return parsed.apply(lambda child: expand(child, reader))


def _words(node: Any, reader: Any) -> list[tuple[str, str]]:
    return [
        (field, text.decode("utf-8") if isinstance(text, bytes) else text)
        for field, text in node.expanded_terms(reader)
    ]


def positive_terms(parsed: Any, reader: Any, fieldname: str) -> set[str]:
    """Index terms in ``fieldname`` a hit may contain: prefixes and fuzzy words expanded,
    words under NOT left out, a phrase as its index words joined by spaces."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if node.is_leaf():
            if getattr(node, "fieldname", None) != fieldname:
                return
            if isinstance(node, wq.Phrase) and len(node.words) > 1:
                found.add(" ".join(node.words))  # a phrase is marked only where it occurs
                return
            try:
                terms = node.expanded_terms(reader) if node.has_terms() else []
            except Exception:  # an odd leaf: no marks rather than no results
                terms = []
            for field, text in terms:
                if field == fieldname:
                    found.add(text.decode("utf-8") if isinstance(text, bytes) else text)
            return
        for child in node.children():
            walk(child)

    walk(parsed)
    return found


class _DatePlugin(DateParserPlugin):
    """Whoosh's dates, with ``>2021`` meaning after 2021 and ``<2021`` before it.

    Whoosh turns a one-sided range into the period's first moment either way, so
    ``date:>2021`` would include all of 2021.
    """

    def range_to_dt(self, node: Any) -> Any:
        result = super().range_to_dt(node)
        if not isinstance(result, DateRangeNode):
            return result
        if node.start and node.end and self._bounds(node.start)[0] > self._bounds(node.end)[1]:
            return self.errorize("range runs backwards: put the earlier date first", node)
        if node.start and not node.end and node.startexcl:
            result.start = self._bounds(node.start)[1] + timedelta(microseconds=1)
        elif node.end and not node.start and node.endexcl:
            result.end = self._bounds(node.end)[0] - timedelta(microseconds=1)
        return result

    def _bounds(self, text: str) -> tuple[datetime, datetime]:
        found = self.dateparser.get_parser().date_from(text, self.basedate)
        if isinstance(found, timespan):
            found = found.disambiguated(self.basedate)
            return _floor(found.start), _ceil(found.end)
        return _floor(found), _ceil(found)


def _floor(moment: Any) -> datetime:
    return moment.floor() if isinstance(moment, adatetime) else moment


def _ceil(moment: Any) -> datetime:
    return moment.ceil() if isinstance(moment, adatetime) else moment


def _check_shape(query: str) -> None:
    if query.count('"') % 2:
        raise BadQuery(f'unbalanced quote in {query!r}: close the phrase with another "')
    outside = _QUOTED.sub("_", query)  # a phrase is a value: author:"Maria Chen"
    depth = 0
    for char in outside:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise BadQuery(f"unbalanced parenthesis in {query!r}")
    if outside.count("[") + outside.count("{") != outside.count("]") + outside.count("}"):
        raise BadQuery(f"unclosed range in {query!r}: write it like date:[2020 to 2022]")
    empty = _EMPTY_FIELD.search(outside)
    if empty:
        name = empty.group(1)
        raise BadQuery(
            f"nothing after {name}: in {query!r}; write it with no space, like {_example(name)}"
        )


_NUMBER_FIELDS = {"hedges", "boosters", "hedged_share", "words", "causal"}
#: What ``claims:`` takes (reader.library.documents.CLAIM_WORDS, and "none").
CLAIM_VALUES = ("causal", "conditional", "correlational", "none")
_CLAIM_WORDS = {*CLAIM_VALUES, "direct_causal", "conditional_causal"}
_DATE_FIELDS = {"date", "added", *ALIASES["date"]}


def _example(name: str) -> str:
    """What a value looks like for the field ``name``: a number, a date or a word."""
    if name.lower() in _NUMBER_FIELDS:
        return f"{name}:>20"
    if name.lower() in _DATE_FIELDS:
        return f"{name}:2021"
    return f"{name}:word"


def _check_tree(parsed: Any, query: str) -> None:
    for node in _nodes(parsed):
        error = getattr(node, "error", None)
        if error:
            raise BadQuery(f"cannot read the query {query!r}: {_reason(error)}")
        claim = isinstance(node, wq.Term) and node.fieldname == "claims"
        if claim and node.text not in _CLAIM_WORDS:
            raise BadQuery(
                f"unknown claim strength {node.text!r} in {query!r}; "
                f"use claims:{', claims:'.join(CLAIM_VALUES)}"
            )
        start, end = getattr(node, "start", None), getattr(node, "end", None)
        ranged = isinstance(node, (wq.DateRange, wq.NumericRange))
        if ranged and start is not None and end is not None and start > end:
            raise BadQuery(f"range runs backwards in {query!r}: put the smaller end first")


def _first_letter_fuzzy(parsed: Any) -> Any:
    """Fuzzy words keep their first letter: typos rarely hit it, and it spares a scan of
    the whole vocabulary."""
    if isinstance(parsed, wq.FuzzyTerm) and parsed.prefixlength < 1:
        return wq.FuzzyTerm(
            parsed.fieldname,
            parsed.text,
            boost=parsed.boost,
            maxdist=parsed.maxdist,
            prefixlength=1,
        )
    if parsed.is_leaf():
        return parsed
    return parsed.apply(_first_letter_fuzzy)


def _nodes(node: Any) -> list[Any]:
    found = [node]
    if not node.is_leaf():
        for child in node.children():
            found.extend(_nodes(child))
    return found


def _reason(error: Any) -> str:
    text = str(error).strip()
    if isinstance(error, ValueError) and ("literal" in text or "date" in text.lower()):
        return "a date it cannot read (try 2021, 2021-06, 2021-06-30 or yesterday)"
    return text.splitlines()[0] if text else type(error).__name__
