"""The library at a glance: counts, hedge density, sources and months, from stored figures.

Nothing is re-analysed: every figure comes from the fields each document was indexed
with. Reading every document's stored fields takes about a second for 20,000 documents,
so the result is kept in ``stats.json`` beside the index, stamped with the index's
generation (each commit makes a new one): when the stamp matches it is read back in a
few milliseconds, otherwise the figures are counted again (``fresh`` says which).

Every chart row carries the search that lists its documents (``hedges:[10 to 20}``,
``format:pdf``, ``date:[2024-03-01 to 2024-04-01}``, ``source:"…"``, ``path:…/*``).

Extra per-document figures: a field named in ``EXTRA_FIGURES`` (``causal_share``, the
share of a document's findings stated as a direct cause, derived from its stored claim
counts) is averaged per source over the documents that have it, and shown as one more
column.
"""

from __future__ import annotations

import heapq
import json
import os
import tempfile
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from reader.library.engine import Fields
from reader.library.library import Library

VERSION = 2  # bump when what is counted changes: saved figures are then counted again
CACHE_NAME = "stats.json"

#: Stored field -> column title, for per-document figures added by later analyses.
EXTRA_FIGURES: dict[str, str] = {"causal_share": "causal"}

#: Hedges per 1,000 words: the histogram's bin edges (the last bin is open-ended).
BINS = (0, 5, 10, 15, 20, 30, 40, 60)
TOP_SOURCES = 12
TOP_MONTHS = 24
TOP_DOCUMENTS = 5
#: Documents shorter than this are left out of "most hedged / boosted" (a two-line
#: abstract with one "may" is 50 per 1,000 words), unless the library has no longer ones.
MIN_WORDS = 100


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    query: str
    #: Averages over the bar's documents: hedges and boosters per 1,000 words, extras.
    hedges: float = 0.0
    boosters: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Ranked:
    path: str
    title: str
    value: float


@dataclass(slots=True)
class LibraryStats:
    documents: int = 0
    words: int = 0
    hedges_per_1k: float = 0.0
    boosters_per_1k: float = 0.0
    histogram: list[Bar] = field(default_factory=list)
    formats: list[Bar] = field(default_factory=list)
    sources: list[Bar] = field(default_factory=list)
    months: list[Bar] = field(default_factory=list)
    most_hedged: list[Ranked] = field(default_factory=list)
    most_boosted: list[Ranked] = field(default_factory=list)
    #: Extra figures present in the library (keys of ``EXTRA_FIGURES``).
    extras: list[str] = field(default_factory=list)
    generation: int = -1
    #: Counted now (True) or read back from the cache (False).
    fresh: bool = True

    def to_json(self) -> Fields:
        data = asdict(self)
        data.pop("fresh")
        return data

    @classmethod
    def from_json(cls, data: Fields) -> LibraryStats:
        bars = ("histogram", "formats", "sources", "months")
        ranked = ("most_hedged", "most_boosted")
        values = dict(data)
        for name in bars:
            values[name] = [Bar(**item) for item in data.get(name, [])]
        for name in ranked:
            values[name] = [Ranked(**item) for item in data.get(name, [])]
        return cls(**values, fresh=False)


def compute(rows: Iterable[Fields], generation: int = -1) -> LibraryStats:
    """Figures over every document's stored fields."""
    stats = LibraryStats(generation=generation)
    bins: Counter[int] = Counter()
    formats: dict[str, list[Fields]] = defaultdict(list)
    sources: dict[tuple[str, str], list[Fields]] = defaultdict(list)
    months: Counter[str] = Counter()
    # (value, path, title) tuples: 20,000 of them are cheaper than as dataclasses
    hedged: list[tuple[float, str, str]] = []
    boosted: list[tuple[float, str, str]] = []
    short_hedged: list[tuple[float, str, str]] = []
    short_boosted: list[tuple[float, str, str]] = []
    extra_names = tuple(EXTRA_FIGURES)
    extras: set[str] = set()
    hedge_sum = booster_sum = 0.0
    for row in rows:
        row = _with_causal_share(row)
        stats.documents += 1
        words = int(row.get("words") or 0)
        hedges = float(row.get("hedges") or 0.0)
        boosters = float(row.get("boosters") or 0.0)
        stats.words += words
        hedge_sum += float(row.get("hedge_count") or 0)
        booster_sum += float(row.get("booster_count") or 0)
        bins[max(bisect_right(BINS, hedges) - 1, 0)] += 1
        formats[str(row.get("format") or "?")].append(row)
        sources[_source_key(row)].append(row)
        date = row.get("date")
        if isinstance(date, datetime) and date.year > 1970:
            months[f"{date.year:04d}-{date.month:02d}"] += 1
        for name in extra_names:
            if row.get(name) is not None:
                extras.add(name)
        long_enough = words >= MIN_WORDS
        path, title = row["path"], row.get("title") or ""
        if hedges > 0:
            (hedged if long_enough else short_hedged).append((hedges, path, title))
        if boosters > 0:
            (boosted if long_enough else short_boosted).append((boosters, path, title))
    if stats.words:
        stats.hedges_per_1k = round(hedge_sum * 1000 / stats.words, 2)
        stats.boosters_per_1k = round(booster_sum * 1000 / stats.words, 2)
    stats.extras = sorted(extras)
    stats.histogram = [
        Bar(_bin_label(index), bins[index], _bin_query(index)) for index in range(len(BINS))
    ]
    stats.formats = [
        _bar(name, f"format:{name}", members, stats.extras)
        for name, members in sorted(formats.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    grouped = sorted(sources.items(), key=lambda item: (-len(item[1]), item[0]))
    stats.sources = [
        _bar(*_source_group(kind, where), members, stats.extras)
        for (kind, where), members in grouped[:TOP_SOURCES]
    ]
    recent = sorted(months)[-TOP_MONTHS:]
    stats.months = [Bar(month, months[month], _month_query(month)) for month in recent]
    stats.most_hedged = _top(hedged or short_hedged)
    stats.most_boosted = _top(boosted or short_boosted)
    return stats


def _top(items: list[tuple[float, str, str]]) -> list[Ranked]:
    best = heapq.nsmallest(TOP_DOCUMENTS, items, key=lambda item: (-item[0], item[2] or ""))
    return [Ranked(path, str(title or path), value) for value, path, title in best]


def _with_causal_share(row: Fields) -> Fields:
    """``row`` with ``causal_share``: of its finding sentences, the share stated as a direct
    cause (from the stored claim counts; absent when it has no findings or predates them)."""
    counts = row.get("claim_counts")
    if not isinstance(counts, dict):
        return row
    findings = sum(int(n or 0) for n in counts.values())
    if not findings:
        return row
    return {**row, "causal_share": int(counts.get("direct_causal") or 0) / findings}


def _bar(label: str, query: str, rows: list[Fields], extras: list[str]) -> Bar:
    count = len(rows)
    extra = {}
    for name in extras:
        values = [float(row[name]) for row in rows if row.get(name) is not None]
        if values:
            extra[name] = round(sum(values) / len(values), 4)
    return Bar(
        label,
        count,
        query,
        hedges=round(sum(float(r.get("hedges") or 0) for r in rows) / count, 2),
        boosters=round(sum(float(r.get("boosters") or 0) for r in rows) / count, 2),
        extra=extra,
    )


def _bin_label(index: int) -> str:
    if index == len(BINS) - 1:
        return f"{BINS[index]}+"
    return f"{BINS[index]}–{BINS[index + 1]}"


def _bin_query(index: int) -> str:
    if index == len(BINS) - 1:
        return f"hedges:>={BINS[index]}"
    return f"hedges:[{BINS[index]} to {BINS[index + 1]}}}"


def _month_query(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    following = f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"
    return f"date:[{month}-01 to {following}-01}}"


def _source_key(row: Fields) -> tuple[str, str]:
    """Where a document came from, cheaply: (``feed``, its URL), (``web``, the site),
    (``zotero``, the Zotero folder) or (``folder``, the folder)."""
    source = str(row.get("source") or row.get("path") or "")
    if "://" in source:
        if row.get("format") == "feed" or source != row.get("path"):
            return "feed", source
        scheme, _, rest = source.partition("://")
        return "web", f"{scheme}://{rest.split('/', 1)[0]}"
    folder = source.rpartition("/")[0] or "/"
    root, storage, key = folder.rpartition("/storage/")
    if storage and len(key) == 8 and key.isalnum() and key.isupper():
        return "zotero", root  # storage/<KEY>/: one folder per attachment
    return "folder", folder


def _source_group(kind: str, where: str) -> tuple[str, str]:
    """(label, search) for a source key."""
    if kind == "feed":
        return f"feed {_short_url(where)}", f'source:"{where}"'
    if kind == "web":
        return f"web {urlsplit(where).netloc or where}", _wildcard(where)
    if kind == "zotero":
        return f"zotero {_home(where)}", _wildcard(f"{where}/storage")
    shown = _home(where)
    if len(shown) > 18:
        shown = "…/" + "/".join(PurePosixPath(where).parts[-2:])
    return f"folder {shown}", _wildcard(where)


def _short_url(url: str) -> str:
    parts = urlsplit(url)
    text = (parts.netloc + parts.path).rstrip("/")
    return text if len(text) <= 40 else text[:39] + "…"


def _home(folder: str) -> str:
    home = str(Path.home())
    return "~" + folder[len(home) :] if folder.startswith(home + "/") else folder


def _wildcard(prefix: str) -> str:
    """``path:PREFIX/*``, or ``""`` when the query language cannot say it (a space, a
    bracket or a quote in the folder's name): that bar then searches nothing."""
    if any(char.isspace() or char in "()[]{}\"'^~" for char in prefix):
        return ""
    return f"path:{prefix.rstrip('/')}/*"


def bar_text(count: int, largest: int, width: int) -> str:
    """A horizontal bar in eighths of a cell: proportional, and never empty for a count."""
    eighths = round(count / largest * width * 8) if largest else 0
    if count and not eighths:
        eighths = 1
    full, part = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


# -- the cache ----------------------------------------------------------------------------


def library_stats(library: Library, *, use_cache: bool = True) -> LibraryStats:
    """The library's figures: from ``stats.json`` when it matches the index, else counted
    (and saved for next time)."""
    generation = library.generation()
    if use_cache:
        cached = cached_stats(library, generation)
        if cached is not None:
            return cached
    stats = compute(library.stored_fields(), generation)
    save(library, stats)
    return stats


def cached_stats(library: Library, generation: int | None = None) -> LibraryStats | None:
    """The saved figures when they are for ``generation`` (None: any), else None."""
    try:
        data = json.loads((library.path / CACHE_NAME).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        stats = LibraryStats.from_json(data["stats"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if generation is not None and stats.generation != generation:
        return None
    return stats


def save(library: Library, stats: LibraryStats) -> None:
    """Write the cache atomically; a library folder that cannot be written is fine."""
    payload = json.dumps({"version": VERSION, "stats": stats.to_json()}, default=str)
    try:
        handle, name = tempfile.mkstemp(dir=library.path, prefix=".stats-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload)
        os.replace(name, library.path / CACHE_NAME)
    except OSError:
        return
