"""``Library``: the index of a user's documents, with add, search, get and remove.

One index (``reader.library.engine``) plus a text store in one folder. Every write is
an index commit, which replaces the table of contents atomically: a crash, a kill or a full disk
mid-write leaves the last committed library readable.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from reader.library.documents import (
    Document,
    DocumentSummary,
    Heading,
    Metadata,
    ParsedDocument,
    SearchResults,
    Span,
    summary_from_fields,
)
from reader.library.engine import Fields, Index, IndexLocked, Searcher, Writer
from reader.library.errors import LibraryBusyError, LibraryError
from reader.library.figures import figure_fields, fingerprint
from reader.library.formats.base import is_url
from reader.library.indexing import Analysed, Prepared, Preparing, Ready, analyse
from reader.library.ingest import MAX_FILE_BYTES, IngestError, PassedOver, Source, iter_sources
from reader.library.lock import Busy, exclusive
from reader.library.parallel import Segments, WorkerFailed, clear_staging
from reader.library.search import check_sort, run_search
from reader.library.textstore import TextStore

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

    def add(self, writer: Writer, item: Ready, known: bool) -> None:
        self.texts.append((item.sha256, item.packed))
        assert item.fields is not None
        self.added += 1
        if known:
            writer.replace(item.fields)
        else:
            writer.add(item.fields)


class Library:
    """A folder holding the index and the texts. Safe to share between threads."""

    def __init__(self, path: str | Path, phrases: Mapping[str, str] | None = None) -> None:
        """``phrases``: the user's own cue phrases (phrase -> category), counted in every
        document's figures as they are marked on screen."""
        self.path = Path(path).expanduser()
        self.phrases: dict[str, str] = dict(phrases or {})
        self._index_dir = self.path / "index"
        self._lock = threading.RLock()
        self._index: Index | None = None
        self._searcher: Searcher | None = None
        self._texts: TextStore | None = None

    # -- opening -----------------------------------------------------------------

    def exists(self) -> bool:
        """Whether an index was ever created here (an empty library still exists)."""
        return Index.exists(self._index_dir)

    def _open(self, create: bool) -> Index | None:
        if self._index is not None:
            return self._index
        try:
            if self.exists():
                self._index = Index.open(self._index_dir)
            elif create:
                self._index = Index.create(self._index_dir)
            else:
                return None
            self._texts = TextStore(self.path / "texts.sqlite")
        except Exception as error:  # whoosh raises many kinds on a damaged index
            raise LibraryError(f"{self.path}: cannot open the library ({_reason(error)})") from None
        return self._index

    def _get_searcher(self) -> Searcher | None:
        index = self._open(create=False)
        if index is None:
            return None
        if self._searcher is None:
            self._searcher = index.searcher()
        elif not self._searcher.up_to_date():
            self._searcher = self._refreshed(index, self._searcher)
        return self._searcher

    @staticmethod
    def _refreshed(index: Index, searcher: Searcher) -> Searcher:
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
        metadata: Mapping[str, Metadata] | None = None,
    ) -> AddReport:
        """Index new and changed files and URLs under ``paths``; unchanged ones are skipped.

        Bad sources are reported in ``AddReport.failed`` and the rest goes on. With
        ``prune``, documents whose files under ``paths`` are gone are dropped.
        ``metadata`` (resolved path -> ``Metadata``) wins over what the files say.
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
            for path in self._without_claims():  # indexed before claim strength was stored:
                known[path] = ("", *known[path][1:])  # re-index them as changed
            pre_analyse = Analysed(index.text_fields(), index.other_fields())
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
                    partial(_index_fields_with, dict(metadata), dict(self.phrases))
                    if metadata
                    else partial(_index_fields, phrases=dict(self.phrases)),
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
        writer: Writer | None,
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
            found = {f.get("source") or f["path"] for f in searcher.all_fields()}
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

    def _writer(self, index: Index) -> Writer:
        try:
            return index.writer(timeout=5.0)
        except IndexLocked:
            raise LibraryBusyError(
                f"{self.path}: library is busy (another hedge-reader is adding documents)"
            ) from None

    def _commit(
        self,
        writer: Writer,
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
                    writer.delete("path", path)
                segments.move_into(self._index_dir)
                small = segments.doc_count() < _SMALL_SEGMENTS
                writer.add_segments(segments.segments, rewrite=small)
            writer.commit()
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
            for fields in searcher.all_fields()
        }

    def _without_claims(self) -> list[str]:
        """Documents indexed before the library stored claim strength."""
        searcher = self._get_searcher()
        if searcher is None:
            return []
        return [f["path"] for f in searcher.all_fields() if "claim_counts" not in f]

    def _origins(self) -> dict[str, str]:
        """Document path -> the source it came from (itself, or its feed)."""
        searcher = self._get_searcher()
        if searcher is None:
            return {}
        return {f["path"]: f.get("source") or f["path"] for f in searcher.all_fields()}

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
                    writer.delete("path", path)
            except BaseException:
                writer.cancel()
                raise
            self._commit(writer)
            assert self._texts is not None
            gone = set(doomed)
            self._texts.keep_only({sha for path, (sha, _, _) in known.items() if path not in gone})
            return doomed

    # -- one analysis -----------------------------------------------------------------

    def stale(self) -> int:
        """How many documents have figures from another analysis than the current one
        (the detector changed, or the user's phrases): ``reanalyse`` updates them."""
        with self._lock:
            searcher = self._get_searcher()
            if searcher is None:
                return 0
            current = fingerprint(self.phrases)
            return sum(1 for fields in searcher.all_fields() if fields.get("analysis") != current)

    def reanalyse(self, *, progress: ProgressCallback | None = None) -> int:
        """Recompute the figures of every stale document from its stored text (the text
        and everything else stay as they are); returns how many were updated. Commits a
        batch at a time, so an interrupted run keeps what it did. Searches go on meanwhile
        (on the last commit), as during an ``add`` by another process."""
        with self._add_lock():
            with self._lock:
                index = self._open(create=False)
                searcher = self._get_searcher()
                if index is None or searcher is None:
                    return 0
                texts = self._texts
                assert texts is not None
                current = fingerprint(self.phrases)
                stale = [f for f in searcher.all_fields() if f.get("analysis") != current]
            pre_analyse = Analysed(index.text_fields(), index.other_fields())
            writer = self._writer(index)
            done = 0
            try:
                for done, stored in enumerate(stale, 1):
                    if progress is not None:
                        progress(AddProgress(done - 1, len(stale), stored["path"]))
                    body = texts.get(stored["sha256"]) or ""
                    fields = {**stored, **_index_fields(_parsed_from(stored, body), self.phrases)}
                    fields["added"] = stored.get("added") or fields["added"]
                    writer.replace(analyse(fields, pre_analyse))
                    if done % _COMMIT_EVERY == 0:
                        with self._lock:
                            self._commit(writer)
                        writer = self._writer(index)
            except BaseException:
                writer.cancel()
                raise
            with self._lock:
                self._commit(writer)
            if progress is not None and stale:
                progress(AddProgress(len(stale), len(stale), ""))
            return done

    def retag(self, metadata: Mapping[str, Metadata]) -> list[str]:
        """Give indexed documents new metadata without re-reading their files (a title
        edited in Zotero); returns the paths whose stored metadata changed."""
        with self._lock, self._add_lock():
            index = self._open(create=False)
            searcher = self._get_searcher()
            if index is None or searcher is None:
                return []
            assert self._texts is not None
            changed = []
            for path, meta in metadata.items():
                stored = searcher.document(path=path)
                if stored is None:
                    continue
                fields = _with_metadata(dict(stored), meta)
                if all(
                    (stored.get(name) or "") == (fields.get(name) or "") for name in _META_FIELDS
                ):
                    continue
                fields["body"] = self._texts.get(stored["sha256"]) or ""
                fields["title_sort"] = fields["title"].casefold()[:200]
                changed.append((path, fields))
            if not changed:
                return []
            writer = self._writer(index)
            try:
                for _, fields in changed:
                    writer.replace(fields)
            except BaseException:
                writer.cancel()
                raise
            self._commit(writer)
            return [path for path, _ in changed]

    def set_texts(self, texts: Mapping[str, tuple[str, tuple[Heading, ...]] | None]) -> list[str]:
        """Give indexed documents a new text (a feed entry's article, fetched later), their
        metadata and hash kept, hedge figures counted again; ``None`` only marks an entry
        as fetched. Returns the paths whose text changed."""
        with self._lock, self._add_lock():
            index = self._open(create=False)
            searcher = self._get_searcher()
            if index is None or searcher is None:
                return []
            assert self._texts is not None
            changed: list[tuple[str, Fields, str | None]] = []
            for path, replacement in texts.items():
                stored = searcher.document(path=path)
                if stored is None:
                    continue
                fields = dict(stored)
                body = self._texts.get(stored["sha256"]) or ""
                if replacement is not None:
                    body, outline = replacement
                    fields.update(_index_fields(_parsed_from(stored, body, outline), self.phrases))
                    fields["added"] = stored.get("added") or fields["added"]
                fields.update(full_text=True, body=body)
                fields["title_sort"] = (fields.get("title") or "").casefold()[:200]
                changed.append((path, fields, body if replacement is not None else None))
            if not changed:
                return []
            self._texts.replace((f["sha256"], new) for _, f, new in changed if new is not None)
            writer = self._writer(index)
            try:
                for _, fields, _ in changed:
                    writer.replace(fields)
            except BaseException:
                writer.cancel()
                raise
            self._commit(writer)
            return [path for path, _, new in changed if new is not None]

    # -- reading -----------------------------------------------------------------

    def generation(self) -> int:
        """The index's commit number (-1 before the first): figures kept beside the index
        (``reader.library.stats``) are current while it is unchanged."""
        with self._lock:
            index = self._open(create=False)
            return -1 if index is None else index.generation()

    def stored_fields(self) -> list[Fields]:
        """Every document's stored fields: figures, metadata, no text."""
        with self._lock:
            searcher = self._get_searcher()
            return [] if searcher is None else [dict(f) for f in searcher.all_fields()]

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


def _parsed_from(
    stored: Fields, body: str, outline: tuple[Heading, ...] | None = None
) -> ParsedDocument:
    """A stored document as the parser gave it, for analysing it again (with a new text
    and ``outline``, for a feed entry's article fetched later)."""
    if outline is None:
        outline = tuple(Heading(*item) for item in stored.get("outline") or ())
        excluded = tuple(tuple(pair) for pair in stored.get("excluded") or ())
    else:
        excluded = ()
    epoch = datetime(1970, 1, 1)
    return ParsedDocument(
        path=stored["path"],
        title=stored.get("title") or "",
        body=body,
        format=stored.get("format") or "",
        date=(stored.get("date") or epoch).replace(tzinfo=timezone.utc),
        sha256=stored["sha256"],
        size=stored.get("size") or 0,
        mtime=stored.get("mtime") or 0.0,
        outline=outline,
        author=stored.get("author") or "",
        source=stored.get("source") or stored["path"],
        excluded=excluded,
    )


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


_META_FIELDS = ("title", "author", "date", "doi", "collections")


def _with_metadata(fields: Fields, meta: Metadata) -> Fields:
    """Index fields with a reference manager's metadata over the file's own."""
    if meta.title:
        fields["title"] = meta.title
        fields["title_sort"] = meta.title.casefold()[:200]
    if meta.author:
        fields["author"] = meta.author
    if meta.date is not None:
        fields["date"] = _naive_utc(meta.date)
    fields["doi"] = meta.doi
    fields["collections"] = ",".join(meta.collections)
    return fields


def _index_fields_with(
    metadata: dict[str, Metadata], phrases: Mapping[str, str], parsed: ParsedDocument
) -> Fields:
    """``_index_fields``, then ``metadata``'s entry for the document's file (picklable)."""
    fields = _index_fields(parsed, phrases)
    meta = metadata.get(parsed.path)
    return _with_metadata(fields, meta) if meta is not None else fields


def _counted_text(parsed: ParsedDocument) -> str:
    """The body without its ``excluded`` stretches: what the hedge figures count."""
    if not parsed.excluded:
        return parsed.body
    parts, position = [], 0
    for start, end in sorted(parsed.excluded):
        parts.append(parsed.body[position:start])
        position = max(position, end)
    parts.append(parsed.body[position:])
    return "".join(parts)


def _index_fields(parsed: ParsedDocument, phrases: Mapping[str, str] | None = None) -> Fields:
    """One parsed document -> the index's fields, with its hedge figures (counting the
    user's ``phrases``; a paper's references left out of them)."""
    counted = _counted_text(parsed)
    return {
        "path": parsed.path,
        "title": parsed.title,
        "body": parsed.body,
        "author": parsed.author,
        "format": parsed.format,
        "date": _naive_utc(parsed.date),
        "added": _naive_utc(datetime.now(timezone.utc)),
        "title_sort": parsed.title.casefold()[:200],
        **figure_fields(counted, phrases),
        "outline": [(h.offset, h.level, h.title) for h in parsed.outline],
        "styles": [(s.start, s.end, s.kind, s.target) for s in parsed.styles],
        "sha256": parsed.sha256,
        "size": parsed.size,
        "mtime": parsed.mtime,
        "source": parsed.source or parsed.path,
        "excluded": [list(pair) for pair in parsed.excluded],
    }
