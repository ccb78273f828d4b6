"""Rebuild the index from the database, and compare the two.

The rebuild writes a fresh folder while searches and updates keep using the current one,
then swaps it in under the old folder's write lock and replays every update queued since
it started, so nothing that happened during the rebuild is lost.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from forum.search.documents import load_kinds
from forum.search.index import SearchIndex, build_index, remove_folder
from forum.search.queue import last_row_id, pending_count, replay_since

# Below this, starting writer processes costs more than it saves.
PARALLEL_FROM = 20_000


def count_documents(engine: Engine) -> int:
    with Session(engine) as session:
        return sum(kind.count(session) for kind in load_kinds().values())


def rebuild(index: SearchIndex, engine: Engine, on_document: Callable[[], None] | None = None) -> int:
    """Rebuild from the database; returns the number of documents written."""
    kinds = load_kinds()
    with Session(engine) as session:
        mark = last_row_id(session)
        total = sum(kind.count(session) for kind in kinds.values())
    written = 0

    def counted():
        nonlocal written
        written += 1
        if on_document is not None:
            on_document()

    with Session(engine) as session:
        documents = chain.from_iterable(kind.all_documents(session) for kind in kinds.values())
        folder = build_index(index.path, documents, procs=2 if total >= PARALLEL_FROM else 1,
                             on_document=counted)
    with index.hold_write_lock():
        previous = index.swap(folder)
    replay_since(index, engine, mark)
    index.close()
    remove_folder(previous)
    return written


@dataclass
class CheckReport:
    missing: set[str]
    extra: set[str]
    pending: int

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def check(index: SearchIndex, engine: Engine) -> CheckReport:
    """Documents the database says should be in the index and are not, and the reverse."""
    with Session(engine) as session:
        expected = set(chain.from_iterable(kind.doc_ids(session) for kind in load_kinds().values()))
        pending = pending_count(session)
    actual = index.doc_ids()
    return CheckReport(missing=expected - actual, extra=actual - expected, pending=pending)
