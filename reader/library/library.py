"""``Library``: the index of a user's documents, with add, search, get and remove.

One Whoosh index plus a text store in one folder. Every write is a Whoosh commit,
which replaces the table of contents atomically: a crash, a kill or a full disk
mid-write leaves the last committed library readable.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.reading import ReaderClosed, SegmentReader
from whoosh.writing import IndexWriter

from reader.hedging import find_hedges, profile
from reader.library.codec import merge_tiers
from reader.library.documents import (
    Document,
    DocumentSummary,
    Heading,
    ParsedDocument,
    SearchResults,
    Span,
    summary_from_fields,
)
from reader.library.errors import LibraryBusyError, LibraryError
from reader.library.formats.base import is_url
from reader.library.indexing import Analysed, Prepared, Preparing, Ready
from reader.library.ingest import MAX_FILE_BYTES, IngestError, PassedOver, Source, iter_sources
from reader.library.lock import Busy, exclusive
from reader.library.parallel import Segments, WorkerFailed, clear_staging
from reader.library.schema import make_schema, pre_analysed, pre_indexed
from reader.library.search import check_sort, run_search
from reader.library.textstore import TextStore
from reader.library.writer import BulkWriter

#: A commit (one new segment) after this many documents the writer itself added, or sooner
#: once it holds ``_HOLD_POSTINGS`` postings (about 60 MB): fewer, larger segments write and
#: search faster, and a kill loses at most one batch of work, never the library. Files
#: prepared by workers are committed a round at a time (``parallel.ROUND_FILES``).
_COMMIT_EVERY = 2000
_HOLD_POSTINGS = 1_000_000
#: Worker segments with fewer documents in all are merged into the commit's own segment
#: (a small add then searches as one made inline).
_SMALL_SEGMENTS = 500
_BUSY_WAIT = 5.0  # seconds a second ``add`` waits for the first before saying "busy"


@dataclass(slots=True)
class AddProgress:
    """Where an ``add`` run stands; passed to the progress callback after each file."""

    done: int
    total: int
    current: str


@dataclass(slots=True)
class AddReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Files in folders that are not documents (other suffixes), left alone.
    passed_over: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
        )
        text += f", {len(self.removed)} removed" if self.removed else ""
        if self.passed_over:
            kinds = Counter(Path(path).suffix.lower() or "(no suffix)" for path in self.passed_over)
            listed = ", ".join(f"{suffix} ×{n}" for suffix, n in kinds.most_common(3))
            more = ", …" if len(kinds) > 3 else ""
            text += f"; {len(self.passed_over)} other files passed over ({listed}{more})"
        return text


ProgressCallback = Callable[[AddProgress], None]


class _Batch:
    """Documents given to the writer since the last commit, and their texts to store first."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, bytes]] = []
        #: Documents added to the writer itself (not filed by a worker).
        self.added = 0

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, writer: IndexWriter, item: Ready, known: bool) -> None:
        self.texts.append((item.sha256, item.packed))
        assert item.fields is not None
        self.added += 1
        if known:
            writer.update_document(**item.fields)
        else:
            writer.add_document(**item.fields)


class Library:
    """A folder holding the index and the texts. Safe to share between threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self._index_dir = self.path / "index"
        self._lock = threading.RLock()
        self._index: whoosh_index.Index | None = None
        self._searcher: Any = None
        self._texts: TextStore | None = None

    # -- opening -----------------------------------------------------------------

    def exists(self) -> bool:
        """Whether an index was ever created here (an empty library still exists)."""
        return whoosh_index.exists_in(str(self._index_dir))

    def _open(self, create: bool) -> whoosh_index.Index | None:
        if self._index is not None:
            return self._index
        try:
            if self.exists():
                self._index = _with_current_fields(whoosh_index.open_dir(str(self._index_dir)))
            elif create:
                self._index_dir.mkdir(parents=True, exist_ok=True)
                self._index = whoosh_index.create_in(str(self._index_dir), make_schema())
            else:
                return None
            self._texts = TextStore(self.path / "texts.sqlite")
        except Exception as error:  # whoosh raises many kinds on a damaged index
            raise LibraryError(f"{self.path}: cannot open the library ({_reason(error)})") from None
        return self._index

    def _get_searcher(self) -> Any:
        index = self._open(create=False)
        if index is None:
            return None
        if self._searcher is None:
            self._searcher = index.searcher()
        elif not self._searcher.up_to_date():
            self._searcher = self._refreshed(index, self._searcher)
        return self._searcher

    @staticmethod
    def _refreshed(index: whoosh_index.Index, searcher: Any) -> Any:
        """A searcher on the latest commit.

        Not ``Searcher.refresh()``: it reuses a segment's reader by segment id and so
        misses deletions, and it fails on a searcher opened on an empty index.
        """
        searcher.close()
        return index.searcher()

    def close(self) -> None:
        """Release the index and the text store; closing twice, or after a failed open, is fine."""
        with self._lock:
            if self._searcher is not None:
                with contextlib.suppress(ReaderClosed):  # its readers were closed already
                    self._searcher.close()
                self._searcher = None
            if self._texts is not None:
                self._texts.close()
            if self._index is not None:
                self._index.close()
                self._index = None

    def __len__(self) -> int:
        with self._lock:
            searcher = self._get_searcher()
            return searcher.doc_count() if searcher is not None else 0

    # -- writing -----------------------------------------------------------------

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        progress: ProgressCallback | None = None,
        max_bytes: int = MAX_FILE_BYTES,
        prune: bool = False,
    ) -> AddReport:
        """Index new and changed files and URLs under ``paths``; unchanged ones are skipped.

        Bad sources are reported in ``AddReport.failed`` and the rest goes on. With
        ``prune``, documents whose files under ``paths`` are gone are dropped.
        """
        report = AddReport()
        paths = list(paths)
        sources: list[Source] = []
        for item in iter_sources(paths):
            if isinstance(item, IngestError):
                report.failed.append(item)
            elif isinstance(item, PassedOver):
                report.passed_over.append(str(item.path))
            else:
                sources.append(item)
        with self._lock, self._add_lock():
            index = self._open(create=True)
            assert index is not None and self._texts is not None
            clear_staging(self.path)  # what a killed add's workers left
            known = self._known_sources()
            pre_analyse = Analysed(pre_analysed(index.schema), pre_indexed(index.schema))
            writer = self._writer(index)
            batch = _Batch()
            #: Paths of documents filed by workers that replace indexed ones: deleted in
            #: the commit that adds the workers' segments, not before.
            replaced: list[str] = []
            preparing: Preparing | None = None
            try:
                preparing = Preparing(
                    sources,
                    known,
                    _index_fields,
                    max_bytes,
                    pre_analyse,
                    library=self.path,
                    schema=index.schema,
                )
                for done, source in enumerate(sources, 1):
                    if progress is not None:  # before the wait: a URL may take a while
                        progress(AddProgress(done - 1, len(sources), str(source.path)))
                    outcome = preparing.next(source)
                    if isinstance(outcome, IngestError):
                        report.failed.append(outcome)
                    else:
                        self._file(outcome, known, writer, batch, replaced, report)
                    segments = preparing.take()
                    if segments is not None:
                        self._commit(writer, batch, segments, replaced)
                        writer, batch, replaced = self._writer(index), _Batch(), []
                    elif batch.added >= _COMMIT_EVERY or writer.held >= _HOLD_POSTINGS:
                        self._commit(writer, batch)
                        writer, batch = self._writer(index), _Batch()
                if progress is not None:
                    progress(AddProgress(len(sources), len(sources), ""))
            except KeyboardInterrupt:
                segments = None
                if preparing is not None:
                    segments, rest = preparing.interrupt()
                    for outcome in rest:  # in those segments, not reported yet
                        if not isinstance(outcome, IngestError):
                            self._file(outcome, known, None, batch, replaced, AddReport())
                self._commit(writer, batch, segments, replaced)
                raise
            except (OSError, sqlite3.Error, WorkerFailed) as error:
                writer.cancel()
                raise LibraryError(
                    f"{self.path}: could not write the library ({_reason(error)}); "
                    "it keeps its last saved state"
                ) from None
            except BaseException:
                writer.cancel()
                raise
            finally:
                if preparing is not None:
                    preparing.close()
            self._commit(writer, batch)
            if prune:
                report.removed.extend(self._prune(paths))
        return report

    @staticmethod
    def _file(
        outcome: Prepared,
        known: dict[str, tuple[str, int, float]],
        writer: IndexWriter | None,
        batch: _Batch,
        replaced: list[str],
        report: AddReport,
    ) -> None:
        """One source's documents into the batch (or, filed by a worker, only their texts);
        ``writer`` None: worker-filed documents only."""
        report.unchanged.extend(outcome.unchanged)
        for ready in outcome.documents:
            if ready.fields is None:  # in a worker's segment
                batch.texts.append((ready.sha256, ready.packed))
                if ready.path in known:
                    replaced.append(ready.path)
            elif writer is None:
                continue
            else:
                old = known.get(ready.path)
                if old is not None and old[0] == ready.sha256:
                    # a worker sees only its file's own entry: a feed's entries
                    # are checked against the library here
                    report.unchanged.append(ready.path)
                    continue
                batch.add(writer, ready, ready.path in known)
            (report.updated if ready.path in known else report.added).append(ready.path)
            known[ready.path] = (ready.sha256, ready.size, ready.mtime)

    def refresh(
        self,
        *,
        progress: ProgressCallback | None = None,
        max_bytes: int = MAX_FILE_BYTES,
        prune: bool = False,
    ) -> AddReport:
        """Re-check every source in the library (files, URLs, feeds) and re-index changes.

        A file that is gone is a failure, or with ``prune`` its documents are dropped.
        """
        files, urls = self.sources()
        present = [path for path in files if Path(path).exists() or Path(path).is_symlink()]
        kept = set(present)
        gone = [path for path in files if path not in kept]
        report = self.add([*present, *urls], progress=progress, max_bytes=max_bytes)
        if gone and prune:
            report.removed.extend(self.remove(gone))
        elif gone:
            report.failed.extend(
                IngestError(path, "no longer exists (refresh --prune drops it)") for path in gone
            )
        return report

    def sources(self) -> tuple[list[str], list[str]]:
        """Every file and every URL (pages and feeds) the library's documents came from."""
        with self._lock:
            searcher = self._get_searcher()
            if searcher is None:
                return [], []
            found = {f.get("source") or f["path"] for f in searcher.all_stored_fields()}
        urls = sorted(source for source in found if is_url(source))
        return sorted(found - set(urls)), urls

    def _prune(self, paths: list[str | Path]) -> list[str]:
        """Drop documents whose source file lies under ``paths`` and no longer exists."""
        roots = [str(Path(p).expanduser().resolve()) for p in paths if not is_url(str(p))]
        files, _ = self.sources()
        gone = [
            path
            for path in files
            if not Path(path).exists()
            and any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)
        ]
        return self.remove(gone) if gone else []

    def _add_lock(self) -> contextlib.AbstractContextManager[None]:
        @contextlib.contextmanager
        def held() -> Iterator[None]:
            try:
                with exclusive(self.path / "add.lock", wait=_BUSY_WAIT):
                    yield
            except Busy:
                raise LibraryBusyError(
                    f"{self.path}: library is busy (another hedge-reader is adding documents)"
                ) from None
            except OSError as error:
                reason = _reason(error)
                raise LibraryError(f"{self.path}: cannot lock the library ({reason})") from None

        return held()

    def _writer(self, index: whoosh_index.Index) -> BulkWriter:
        try:
            return BulkWriter(index, timeout=5.0)
        except LockError:
            raise LibraryBusyError(
                f"{self.path}: library is busy (another hedge-reader is adding documents)"
            ) from None

    def _commit(
        self,
        writer: IndexWriter,
        batch: _Batch | None = None,
        segments: Segments | None = None,
        replaced: list[str] | None = None,
    ) -> None:
        """Texts first, then the index commit that refers to them (with the workers'
        segments, and the deletion of the documents they replace)."""
        try:
            if batch is not None and batch.texts:
                assert self._texts is not None
                self._texts.put_packed(batch.texts)
            if segments:
                for path in replaced or ():
                    writer.delete_by_term("path", path)
                segments.move_into(self._index_dir)
                if segments.doc_count() < _SMALL_SEGMENTS:
                    for segment in segments.segments:  # one segment, as adding them inline
                        reader = SegmentReader(writer.storage, writer.schema, segment)
                        writer.add_reader(reader)
                        reader.close()
                else:
                    writer.segments.extend(segments.segments)
                    writer._setup_doc_offsets()
            writer.commit(mergetype=merge_tiers)
        except (OSError, sqlite3.Error) as error:
            writer.cancel()
            raise LibraryError(
                f"{self.path}: could not save the index ({_reason(error)}); "
                "the library keeps its last saved state"
            ) from None
        if self._searcher is not None and self._index is not None:
            self._searcher = self._refreshed(self._index, self._searcher)

    def _known_sources(self) -> dict[str, tuple[str, int, float]]:
        searcher = self._get_searcher()
        if searcher is None:
            return {}
        return {
            fields["path"]: (fields["sha256"], fields["size"], fields["mtime"])
            for fields in searcher.all_stored_fields()
        }

    def _origins(self) -> dict[str, str]:
        """Document path -> the source it came from (itself, or its feed)."""
        searcher = self._get_searcher()
        if searcher is None:
            return {}
        return {f["path"]: f.get("source") or f["path"] for f in searcher.all_stored_fields()}

    def remove(self, paths: Iterable[str | Path]) -> list[str]:
        """Drop documents whose path or source (file, URL, feed) is, or lies under, one of
        ``paths``."""
        wanted = [str(p) if is_url(str(p)) else str(Path(p).expanduser().resolve()) for p in paths]
        with self._lock:
            index = self._open(create=False)
            if index is None:
                return []
            known = self._known_sources()
            origins = self._origins()
            doomed = [
                path
                for path in known
                if any(_within(path, w) or _within(origins.get(path, path), w) for w in wanted)
            ]
            if not doomed:
                return []
            writer = self._writer(index)
            try:
                for path in doomed:
                    writer.delete_by_term("path", path)
            except BaseException:
                writer.cancel()
                raise
            self._commit(writer)
            assert self._texts is not None
            gone = set(doomed)
            self._texts.keep_only({sha for path, (sha, _, _) in known.items() if path not in gone})
            return doomed

    # -- reading -----------------------------------------------------------------

    def get(self, path: str | Path) -> Document | None:
        with self._lock:
            searcher = self._get_searcher()
            if searcher is None:
                return None
            fields = searcher.document(path=str(path))
            if fields is None:
                return None
            assert self._texts is not None
            body = self._texts.get(fields["sha256"]) or ""
        outline = tuple(Heading(*item) for item in fields.get("outline") or ())
        styles = tuple(Span(*item) for item in fields.get("styles") or ())
        return Document(
            summary=summary_from_fields(fields), body=body, outline=outline, styles=styles
        )

    def documents(self, sort: str = "date", reverse: bool = False) -> list[DocumentSummary]:
        """Every document, as the list shows them."""
        found = self.search("", limit=None, sort=sort, snippets=0, reverse=reverse)
        return [hit.summary for hit in found.hits]

    def search(
        self,
        query: str,
        limit: int | None = 10,
        sort: str = "relevance",
        snippets: int | None = None,
        offset: int = 0,
        reverse: bool = False,
    ) -> SearchResults:
        """Ranked results with snippets; an empty query lists the whole library.

        ``offset`` skips that many top hits (a list fetching its next page); ``snippets``
        caps how many of the returned hits get one (None: all); ``reverse`` turns a sort
        round (not relevance). Raises ``QueryError`` for a query that cannot be parsed or
        an unknown sort.
        """
        with self._lock:
            searcher = self._get_searcher()
            if searcher is None:
                check_sort(sort)
                return SearchResults(query=query, total=0, hits=[])
            assert self._texts is not None
            return run_search(
                searcher,
                self._texts.get,
                query,
                limit=limit,
                sort=sort,
                snippets=snippets,
                offset=offset,
                reverse=reverse,
            )


def _with_current_fields(index: whoosh_index.Index) -> whoosh_index.Index:
    """Add fields a newer release introduced, so a library made by an older one keeps working.

    Documents indexed before simply have no value there until they are re-indexed.
    """
    current = make_schema()
    missing = [name for name in current.names() if name not in index.schema]
    if missing:
        writer = index.writer(timeout=5.0)
        for name in missing:
            writer.add_field(name, current[name])
        writer.commit()
        index = index.refresh()
    return index


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _index_fields(parsed: ParsedDocument) -> dict[str, Any]:
    """One parsed document -> the index's fields, with its hedge figures."""
    figures = profile(parsed.body, find_hedges(parsed.body))
    return {
        "path": parsed.path,
        "title": parsed.title,
        "body": parsed.body,
        "author": parsed.author,
        "format": parsed.format,
        "date": _naive_utc(parsed.date),
        "added": _naive_utc(datetime.now(timezone.utc)),
        "title_sort": parsed.title.casefold()[:200],
        "words": figures.words,
        "hedges": round(figures.hedges_per_1k, 3),
        "boosters": round(figures.boosters_per_1k, 3),
        "hedged_share": round(figures.hedged_share, 4),
        "hedge_count": figures.hedges,
        "booster_count": figures.boosters,
        "categories": ",".join(sorted(figures.by_category)),
        "by_category": dict(figures.by_category),
        "outline": [(h.offset, h.level, h.title) for h in parsed.outline],
        "styles": [(s.start, s.end, s.kind, s.target) for s in parsed.styles],
        "sha256": parsed.sha256,
        "size": parsed.size,
        "mtime": parsed.mtime,
        "source": parsed.source or parsed.path,
    }
