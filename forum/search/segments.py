"""Per-segment Whoosh machinery: a searcher that keeps unchanged segments open across
commits, filter sets cached per segment, and the collector that applies them.

Every reply commits a small new segment. Reopening the whole index for it cost each worker
a fresh reader on the 200,000-document segments and threw away every cached filter set
(the phase filter: 26 ms to build again, "replies only": 96 ms). A segment never changes
except for its deletions, so readers and filter sets are kept per segment id and only what
changed is opened or built.

Whoosh's own `Searcher.refresh()` is not used: in whoosh-reloaded 2.7.5 it keeps a segment
reader whose deletions changed (a hidden post stays findable) and adds segments a merge
has removed. Here a reader is reused only when its segment's deletions are the same.
This module knows Whoosh and nothing of the forum.
"""
from __future__ import annotations

from collections.abc import Callable

from whoosh.collectors import FilterCollector
from whoosh.idsets import BitSet
from whoosh.query import Term
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

# (allow, restrict) for one segment, in its own document numbers; None means no filter.
SegmentFilter = tuple[BitSet | frozenset | None, BitSet | frozenset | None]


def _deletions(segment) -> frozenset:
    return frozenset(segment.deleted_docs()) if segment.deleted_count() else frozenset()


def open_searcher(ix, previous: Searcher | None) -> tuple[Searcher, int]:
    """A searcher on the index's latest generation, reusing `previous`'s segment readers
    whose segments are unchanged; returns (searcher, generation).

    `previous` must not be used afterwards (readers it no longer needs are closed).
    """
    toc = ix._read_toc()  # noqa: SLF001 - the segments and their deletions, as Index.reader() reads them
    reusable = {}
    if previous is not None:
        for reader, _offset in previous.reader().leaf_readers():
            segment = reader.segment() if hasattr(reader, "segment") else None
            if segment is not None:
                reusable[segment.segment_id()] = reader
    readers = []
    for segment in toc.segments:
        old = reusable.get(segment.segment_id())
        if old is not None and _deletions(old.segment()) == _deletions(segment):
            del reusable[segment.segment_id()]
            readers.append(old)
        else:
            readers.append(SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation))
    for reader in reusable.values():
        try:
            reader.close()
        except OSError:
            pass  # the folder may be gone after a rebuild
    if not readers:
        reader = EmptyReader(toc.schema)
    elif len(readers) == 1:
        reader = readers[0]
    else:
        reader = MultiReader(readers, generation=toc.generation)
    return Searcher(reader, fromindex=ix), toc.generation


def close_searcher(searcher: Searcher | None) -> None:
    if searcher is not None:
        try:
            searcher.close()
        except OSError:
            pass  # the folder may be gone after a rebuild


def segment_id(subsearcher: Searcher) -> str | None:
    reader = subsearcher.reader()
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else None


SMALL_SET = 4096  # up to this many documents a set is a frozenset, beyond it a bit set


def _doc_set(docnums: list[int], size: int):
    """A frozenset for few documents (membership, emptiness and difference cost nothing),
    a BitSet for many (12.5 KB per 100,000 documents). Both answer `in` and `len`/`bool`."""
    if len(docnums) <= SMALL_SET:
        return frozenset(docnums)
    return BitSet(docnums, size=max(size, 1))


def _intersection(first, second):
    if isinstance(first, BitSet) and isinstance(second, BitSet):
        return first.intersection(second)
    small, large = (first, second) if not isinstance(first, BitSet) else (second, first)
    return frozenset(docnum for docnum in small if docnum in large)


def difference(first, second):
    """`first` without the documents of `second` (the restricted minus the member's own)."""
    if isinstance(first, BitSet):
        return BitSet((docnum for docnum in first if docnum not in second), size=first.byte_count() * 8)
    return first - second if isinstance(second, frozenset) else frozenset(d for d in first if d not in second)


class SegmentSets:
    """Document sets per segment and term, kept while the segment exists.

    A set may still hold documents deleted since it was built; that is harmless, because a
    deleted document never matches a query.
    """

    def __init__(self):
        self._sets: dict[tuple, BitSet | frozenset] = {}

    def get(self, subsearcher: Searcher, field: str, value: str, *, cache: bool = True):
        key = (segment_id(subsearcher), field, value)
        found = self._sets.get(key) if cache and key[0] is not None else None
        if found is None:
            found = _doc_set(list(subsearcher.docs_for_query(Term(field, value))), subsearcher.doc_count_all())
            if cache and key[0] is not None:
                self._sets[key] = found
        return found

    def both(self, subsearcher: Searcher, first: tuple[str, str], second: tuple[str, str]):
        key = (segment_id(subsearcher), "&", first, second)
        found = self._sets.get(key) if key[0] is not None else None
        if found is None:
            found = _intersection(self.get(subsearcher, *first), self.get(subsearcher, *second))
            if key[0] is not None:
                self._sets[key] = found
        return found

    def keep_only(self, segment_ids: set[str]) -> None:
        """Forget the sets of segments that are gone (merged away)."""
        self._sets = {key: value for key, value in self._sets.items() if key[0] in segment_ids}

    def clear(self) -> None:
        self._sets = {}


class SegmentFilterCollector(FilterCollector):
    """Like Whoosh's FilterCollector, with sets per segment from `filter_for(subsearcher)`.

    A segment whose allow set is empty is skipped; (None, None) collects unfiltered.
    """

    def __init__(self, child, filter_for: Callable[[Searcher], SegmentFilter]):
        super().__init__(child)
        self.filter_for = filter_for

    def prepare(self, top_searcher, q, context):
        self.child.prepare(top_searcher, q, context)
        self._allow = self._restrict = None
        self.filtered_count = 0

    def set_subsearcher(self, subsearcher, offset):
        self._allow, self._restrict = self.filter_for(subsearcher)
        if self._allow is not None and not self._allow:
            self.subsearcher, self.offset = subsearcher, offset
            return  # nothing in this segment may be shown: do not even build a matcher
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self):
        allow, restrict = self._allow, self._restrict
        if allow is not None and not allow:
            return
        if allow is None and restrict is None:
            self.child.collect_matches()
            return
        child = self.child
        for sub_docnum in child.matches():
            if (allow is not None and sub_docnum not in allow) or (restrict is not None and sub_docnum in restrict):
                self.filtered_count += 1
                continue
            child.collect(sub_docnum)
