"""The Whoosh index: a schema, a searcher per process, writers, highlights.

This module knows Whoosh and nothing of the forum. Callers hand it plain documents
(dicts with the fields of `SCHEMA_FIELDS`) and get plain hits back.

Layout on disk: the configured folder holds versioned index folders and a `current`
symlink to the one in use (`search-index/current` -> `index-20261129T230000-1a2b3c`). A
rebuild writes a new folder and swaps the link atomically, so searches keep working while
it runs; deleting the configured folder removes everything.

Segments are always written with `compound=False`: opening a searcher on compound
segments copies the whole index into memory (FACTS.md: 459 ms and +622 MB per process).

Pages of hits are kept for the searcher's generation (result_cache.py): the same search on
an unchanged index is not scored again. Callers still check every hit against the member.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LanguageAnalyzer
from whoosh.collectors import TimeLimit, WrappingCollector
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.qparser import (
    GroupPlugin,
    MultifieldParser,
    OperatorsPlugin,
    PhrasePlugin,
    SingleQuotePlugin,
    WhitespacePlugin,
)
from whoosh.qparser import syntax as qsyntax
from whoosh.query import NullQuery, Query

from forum.search import whoosh_speedups
from forum.search.highlights import highlight_text
from forum.search.result_cache import ResultCache
from forum.search.segments import (
    SegmentFilterCollector,
    SegmentSets,
    close_searcher,
    difference,
    open_searcher,
    segment_id,
)

whoosh_speedups.install()  # faster posting-list reads; same hits (whoosh_speedups.py)

__all__ = ["Hit", "HitPage", "IndexBusy", "SearchIndex", "build_index", "make_schema"]

TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 2.0
# Visibility tokens: "all" for what every member sees; directed documents get
# "restricted" plus one "member:<id>" token for each member who may see them.
VISIBLE_TO_ALL = "all"
RESTRICTED = "restricted"
CURRENT = "current"
NOT_NAMED = "not named"  # the result cache's audience of members named on no document


class IndexBusy(Exception):  # noqa: N818 - a state, not a failure
    """Another process holds the index's write lock."""


def make_schema() -> Schema:
    danish = LanguageAnalyzer("da")
    return Schema(
        doc_id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        object_id=STORED(),
        thread_id=ID(stored=True),
        title=TEXT(analyzer=danish, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=danish),
        phases=KEYWORD(),
        author=ID(),
        organization=ID(),
        created=DATETIME(sortable=True),
        visibility=KEYWORD(),
    )


def member_token(member_id: int) -> str:
    return f"member:{member_id}"


@dataclass(frozen=True)
class Hit:
    doc_id: str
    kind: str
    object_id: int


@dataclass(frozen=True)
class HitPage:
    hits: list[Hit]
    has_next: bool
    query: Query
    partial: bool = False  # the time budget ran out: the best hits among those scored


def _prepare(document: dict) -> dict:
    """Whoosh wants naive UTC datetimes and strings for ID fields."""
    fields = dict(document)
    created = fields.get("created")
    if isinstance(created, datetime) and created.tzinfo is not None:
        fields["created"] = created.astimezone(UTC).replace(tzinfo=None)
    for name in ("thread_id", "author", "organization"):
        if fields.get(name) is not None:
            fields[name] = str(fields[name])
        else:
            fields.pop(name, None)
    for name in ("phases", "visibility"):
        value = fields.get(name)
        if isinstance(value, list | tuple | set | frozenset):
            fields[name] = " ".join(sorted(value))
    return fields


class DeadlineCollector(WrappingCollector):
    """Stops scoring when the time is up; the child keeps the best hits found so far.

    It sits under the FilterCollector (filters and masks still apply) and counts the
    matches it is handed. Whoosh's TimeLimitCollector uses a timer thread (or SIGALRM),
    which fires late on a busy machine; reading the clock every 16 matches is exact enough.
    """

    def __init__(self, child, seconds: float):
        self.child = child
        self.seconds = seconds
        self.deadline = 0.0
        self.counted = 0

    def prepare(self, top_searcher, q, context):
        self.child.prepare(top_searcher, q, context)
        self.deadline = time.perf_counter() + self.seconds
        self.counted = 0

    def collect_matches(self):
        for sub_docnum in self.child.matches():
            self.collect(sub_docnum)

    def collect(self, sub_docnum):
        self.counted += 1
        if not self.counted & 15 and time.perf_counter() > self.deadline:
            raise TimeLimit
        return self.child.collect(sub_docnum)


class DocumentWriter:
    """What a caller may do while it holds the write lock."""

    def __init__(self, writer):
        self._writer = writer
        self.touched = False

    def upsert(self, document: dict) -> None:
        self.touched = True
        self._writer.update_document(**_prepare(document))

    def delete(self, doc_id: str) -> None:
        self.touched = True
        self._writer.delete_by_term("doc_id", doc_id)

    def delete_where(self, field: str, value) -> None:
        self.touched = True
        self._writer.delete_by_term(field, str(value))


class _SearcherState:
    """The open searcher, kept apart so a finalizer can close its files."""

    def __init__(self):
        self.ix = None
        self.searcher = None
        self.generation = None
        self.identity = None
        self.sets = SegmentSets()

    def close(self) -> None:
        close_searcher(self.searcher)
        self.searcher = None
        self.generation = None
        self.identity = None
        self.sets.clear()


class SearchIndex:
    """One per process and index path: the searcher, its filter cache and a lock for threads.

    `result_cache_size` > 0 keeps that many pages of hits for the searcher's generation
    (result_cache.py); 0 scores every search.
    """

    def __init__(self, path: str | os.PathLike, *, result_cache_size: int = 0):
        self.path = Path(path)
        self.link = self.path / CURRENT
        self.schema = make_schema()
        self._lock = threading.RLock()
        self._state = _SearcherState()
        self.result_cache = ResultCache(result_cache_size)
        self._known_folder: Path | None = None
        weakref.finalize(self, self._state.close)

    # -- folders ---------------------------------------------------------------------

    def ensure(self) -> Path:
        """The real folder of the current index, created empty when there is none."""
        real = self._real_folder()
        if real is not None:
            return real
        folder = new_folder(self.path)
        whoosh_index.create_in(str(folder), self.schema)
        swap_in(self.link, folder)
        return Path(os.path.realpath(self.link))

    def swap(self, folder: Path) -> Path | None:
        """Make `folder` (from `build_index`) current; returns the folder it replaced."""
        return swap_in(self.link, folder)

    def _real_folder(self) -> Path | None:
        real = Path(os.path.realpath(self.link))
        if real == self._known_folder and real.is_dir():
            return real  # checked before; `exists_in` reads the whole table of contents
        if real.is_dir() and whoosh_index.exists_in(str(real)):
            self._known_folder = real
            return real
        return None

    # -- reading ---------------------------------------------------------------------

    @contextmanager
    def searcher(self):
        """The process's searcher, current with the latest commit, held under the lock."""
        with self._lock:
            yield self._current_searcher()

    def _current_searcher(self):
        state = self._state
        folder = self.ensure()
        identity = (os.getpid(), str(folder))
        if state.searcher is not None and identity == state.identity:
            if state.ix.latest_generation() == state.generation:
                return state.searcher
            # A commit since: keep the unchanged segments' readers and filter sets (segments.py).
            state.searcher, state.generation = open_searcher(state.ix, state.searcher)
        else:
            state.close()
            state.ix = whoosh_index.open_dir(str(folder), schema=self.schema)
            state.searcher, state.generation = open_searcher(state.ix, None)
            state.identity = identity
        state.sets.keep_only({segment_id(sub) for sub, _offset in state.searcher.leaf_searchers()})
        return state.searcher

    def close(self) -> None:
        with self._lock:
            self._state.close()

    def parse(self, text: str, *, all_words: bool = True, plain: bool = False) -> Query:
        """A query over title and body. `plain` ignores every operator and quote."""
        group = qsyntax.AndGroup if all_words else qsyntax.OrGroup
        parser = MultifieldParser(list(TEXT_FIELDS), self.schema, group=group, plugins=[])
        if plain:
            parser.add_plugin(WhitespacePlugin())
        else:
            for plugin in (WhitespacePlugin(), SingleQuotePlugin(), PhrasePlugin(), GroupPlugin(),
                           OperatorsPlugin()):
                parser.add_plugin(plugin)
        return parser.parse(text)

    def search(self, query: Query, *, phase: str | None = None, kind: str | None = None,
               member_id: int | None = None, newest_first: bool = False,
               offset: int = 0, limit: int = 20, time_limit: float | None = None) -> HitPage:
        """One page of hits. `member_id=None` means every document may be shown.

        No exact total: counting every match of a frequent word costs ~1 s (FACTS.md);
        we collect one hit more than the page to know whether a next page exists.
        `time_limit` (seconds) caps the scoring of a word found in tens of thousands of
        documents: the page then holds the best hits among those scored (`partial`).
        """
        if query is None or query is NullQuery:
            return HitPage([], False, query)
        try:
            return self._search(query, phase, kind, member_id, newest_first, offset, limit, time_limit)
        except (OSError, whoosh_index.IndexError):
            # The folder was swapped by a rebuild between the stat and the read: reopen once.
            self.close()
            return self._search(query, phase, kind, member_id, newest_first, offset, limit, time_limit)

    def _search(self, query, phase, kind, member_id, newest_first, offset, limit, time_limit) -> HitPage:
        with self.searcher() as searcher:
            # Every option that changes the hits is in the key. The generation is the searcher's:
            # a commit or a swapped folder makes every older entry unreachable (and dropped).
            generation = (self._state.identity, self._state.generation)
            audience = self._audience(searcher, member_id)
            key = (repr(query), phase, kind, audience, newest_first, offset, limit, time_limit)
            cached = self.result_cache.get(generation, key)
            if cached is not None:
                hits, has_next, partial = cached
                return HitPage(list(hits), has_next, query, partial)
            page = self._score(searcher, query, phase, kind, member_id, newest_first, offset, limit, time_limit)
            if not page.partial or len(page.hits) == limit:
                # A partial page that is not even full was cut short, mostly by a cold worker
                # building its filter sets inside the time budget: scored again next time.
                self.result_cache.put(generation, key, (tuple(page.hits), page.has_next, page.partial))
            return page

    @staticmethod
    def _audience(searcher, member_id: int | None):
        """Whose hits these are, for the result cache: None (every document may be shown), the
        member's id when some document names them, else NOT_NAMED. The member filter hides the
        restricted documents the member is not named on, so every member named on none of them
        gets the same hits, and they share entries (the deleted documents count: never less safe)."""
        if member_id is None:
            return None
        return member_id if searcher.doc_frequency("visibility", member_token(member_id)) else NOT_NAMED

    def _score(self, searcher, query, phase, kind, member_id, newest_first, offset, limit, time_limit) -> HitPage:
        options = {"sortedby": "created", "reverse": True} if newest_first else {}
        collector = searcher.collector(limit=offset + limit + 1, **options)
        if time_limit:
            collector = DeadlineCollector(collector, time_limit)
        if phase or kind or member_id is not None:
            collector = SegmentFilterCollector(collector, self._filter_for(phase, kind, member_id))
        partial = False
        try:
            searcher.search_with_collector(query, collector)
        except TimeLimit:
            partial = True
        results = collector.results()
        stored = [results[i] for i in range(offset, min(results.scored_length(), offset + limit))]
        hits = [Hit(doc_id=f["doc_id"], kind=f["kind"], object_id=int(f["object_id"])) for f in stored]
        return HitPage(hits, results.scored_length() > offset + limit or (partial and bool(hits)), query,
                       partial)

    def _filter_for(self, phase: str | None, kind: str | None, member_id: int | None):
        """(allow, restrict) for one segment: the filters as cached doc sets, which cost nothing
        per query once built (FACTS.md), and the restricted documents the member is not named on."""
        sets = self._state.sets

        def filter_for(subsearcher):
            if phase and kind:
                allow = sets.both(subsearcher, ("phases", phase), ("kind", kind))
            elif phase or kind:
                allow = sets.get(subsearcher, *(("phases", phase) if phase else ("kind", kind)))
            else:
                allow = None
            hidden = None
            if member_id is not None:
                restricted = sets.get(subsearcher, "visibility", RESTRICTED)
                if restricted:
                    # Never cached: one member's set must not outlive their request.
                    named = sets.get(subsearcher, "visibility", member_token(member_id), cache=False)
                    hidden = difference(restricted, named) or None
            return allow, hidden

        return filter_for

    def highlight(self, query: Query, text: str, *, maxchars: int = 240, top: int = 2) -> str:
        """HTML of `text` (up to about `maxchars` of it) with the query's words in <mark>.

        The text is escaped. Returns "" when no word of the query occurs in the text.
        `top` is kept for the PostgreSQL backend's signature; one fragment is shown.
        """
        words = {term for field, term in _query_terms(query) if field in TEXT_FIELDS}
        if not words or not text:
            return ""
        return highlight_text(text, words, maxchars=maxchars)

    def doc_ids(self) -> set[str]:
        with self.searcher() as searcher:
            return {fields["doc_id"] for fields in searcher.all_stored_fields()}

    def doc_count(self) -> int:
        with self.searcher() as searcher:
            return searcher.doc_count()

    # -- writing ---------------------------------------------------------------------

    @contextmanager
    def writer(self, timeout: float = 2.0):
        """Hold the write lock of the current folder; commit on success, cancel on error.

        Raises IndexBusy when another process keeps the lock longer than `timeout`.
        If a rebuild swapped the folder while we waited for the lock, we let go and take
        the lock of the new folder, so nothing is written into a folder about to be deleted.
        """
        for _attempt in range(3):
            folder = self.ensure()
            ix = whoosh_index.open_dir(str(folder), schema=self.schema)
            try:
                writer = ix.writer(timeout=timeout, delay=0.02, compound=False)
            except LockError as error:
                raise IndexBusy(str(folder)) from error
            if Path(os.path.realpath(self.link)) != folder:
                writer.cancel()
                continue
            documents = DocumentWriter(writer)
            try:
                yield documents
            except BaseException:
                writer.cancel()
                raise
            if documents.touched:
                writer.commit(merge=True)
            else:
                writer.cancel()  # a commit would write a new generation for nothing
            return
        raise IndexBusy(str(self.path))

    @contextmanager
    def hold_write_lock(self, timeout: float = 30.0):
        """Hold the current folder's write lock without writing (rebuild swap, tests)."""
        folder = self.ensure()
        lock = whoosh_index.open_dir(str(folder), schema=self.schema).lock("WRITELOCK")
        waited = 0.0
        while not lock.acquire(blocking=False):
            if waited >= timeout:
                raise IndexBusy(str(folder))
            threading.Event().wait(0.05)
            waited += 0.05
        try:
            yield folder
        finally:
            lock.release()


def _query_terms(query: Query) -> Iterator[tuple[str, str]]:
    for field, term in query.iter_all_terms(phrases=True):
        yield field, term.decode("utf-8") if isinstance(term, bytes) else term


# -- building and swapping folders ---------------------------------------------------------

def new_folder(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    folder = Path(path) / f"index-{stamp}-{uuid.uuid4().hex[:6]}"
    folder.mkdir(parents=True)
    return folder


def build_index(path: Path, documents: Iterable[dict], *, procs: int = 1,
                on_document=None) -> Path:
    """Write every document into a fresh folder inside `path`; returns the folder.

    `procs > 1` writes one segment per process (FACTS.md: 184 s instead of ~380 s for
    200,000 posts). The caller makes it current with `SearchIndex.swap`.
    """
    folder = new_folder(path)
    schema = make_schema()
    ix = whoosh_index.create_in(str(folder), schema)
    options = {"compound": False, "limitmb": 256}
    if procs > 1:
        options.update(procs=procs, multisegment=True)
    writer = ix.writer(**options)
    try:
        for document in documents:
            writer.add_document(**_prepare(document))
            if on_document is not None:
                on_document()
    except BaseException:
        writer.cancel()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    writer.commit(merge=False)
    return folder


def swap_in(link: Path, folder: Path) -> Path | None:
    """Point the symlink `link` at `folder` (its sibling) atomically; returns the old target."""
    link = Path(link)
    previous = Path(os.path.realpath(link)) if link.is_symlink() else None
    temporary = link.parent / f".{link.name}-{uuid.uuid4().hex[:6]}"
    os.symlink(folder.name, temporary)
    if link.is_dir() and not link.is_symlink():
        # A plain folder (made by hand): move it aside first.
        aside = link.parent / f"{link.name}.old-{uuid.uuid4().hex[:6]}"
        os.rename(link, aside)
        previous = aside
    os.replace(temporary, link)
    if previous is not None and not previous.exists():
        previous = None
    return previous


def remove_folder(folder: Path | None) -> None:
    if folder is not None and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
