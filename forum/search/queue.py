"""Applying queued index updates: after every commit, from `search apply`, after a rebuild.

The write lock is taken before the rows and the database state are read, so whoever holds
it writes the latest committed state: two workers applying the same object one after the
other cannot leave the older version in the index. When another process keeps the lock,
the rows simply stay pending for the next attempt.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from forum.db import utcnow
from forum.search.documents import doc_id, load_kinds
from forum.search.index import IndexBusy, SearchIndex
from forum.search.models import CASCADE, DELETE, SearchPending

logger = logging.getLogger(__name__)

BATCH = 500
KEEP_APPLIED = timedelta(days=1)


def pending_count(session: Session, *, queued_before=None) -> int:
    """Rows not yet applied (only those queued before `queued_before`, when given)."""
    query = select(func.count(SearchPending.id)).where(SearchPending.applied_at.is_(None))
    if queued_before is not None:
        query = query.where(SearchPending.created_at < queued_before)
    return session.scalar(query)


def last_row_id(session: Session) -> int:
    return session.scalar(select(func.max(SearchPending.id))) or 0


def apply_pending(index: SearchIndex, engine: Engine, *, timeout: float = 2.0) -> int:
    """Apply every pending row; returns how many. Raises IndexBusy when the lock stays taken."""
    applied = 0
    while True:
        with Session(engine) as session:
            if pending_count(session) == 0:
                return applied
        done = _apply_batch(index, engine, timeout, pending_only=True, after_id=0)
        applied += len(done)
        if len(done) < BATCH:
            return applied


def replay_since(index: SearchIndex, engine: Engine, after_id: int, *, timeout: float = 30.0) -> int:
    """Apply every row newer than `after_id`, applied or not (a rebuild missed them)."""
    replayed = 0
    while True:
        done = _apply_batch(index, engine, timeout, pending_only=False, after_id=after_id)
        replayed += len(done)
        if len(done) < BATCH:
            return replayed
        after_id = done[-1]


def _apply_batch(index: SearchIndex, engine: Engine, timeout: float, *, pending_only: bool,
                 after_id: int) -> list[int]:
    """Apply up to BATCH rows; returns their ids."""
    kinds = load_kinds()
    with index.writer(timeout) as writer, Session(engine) as session:
        query = select(SearchPending.id, SearchPending.kind, SearchPending.object_id, SearchPending.action)
        if pending_only:
            query = query.where(SearchPending.applied_at.is_(None))
        rows = session.execute(query.where(SearchPending.id > after_id).order_by(SearchPending.id).limit(BATCH)).all()
        if not rows:
            return []
        # Work out the final state first: Whoosh cannot replace a document added by the
        # same writer, so every document is written once, after the removals.
        removals: list[tuple[str, str]] = []
        final: dict[str, dict | None] = {}
        upserts: dict[str, set[int]] = {}
        for row in rows:
            kind = kinds.get(row.kind)
            if kind is None:
                logger.warning("search: no adapter for kind %r; row %s skipped", row.kind, row.id)
            elif row.action == DELETE:
                final[doc_id(row.kind, row.object_id)] = None
            elif row.action == CASCADE and kind.cascade is not None:
                field, value, documents = kind.cascade(session, row.object_id)
                removals.append((field, value))
                final.update((document["doc_id"], document) for document in documents)
            else:
                upserts.setdefault(row.kind, set()).add(row.object_id)
        for name, ids in upserts.items():
            documents = kinds[name].documents(session, sorted(ids))
            for object_id in ids:
                final[doc_id(name, object_id)] = documents.get(object_id)
        for field, value in removals:
            writer.delete_where(field, value)
        for key, document in final.items():
            if document is None:
                writer.delete(key)
            else:
                writer.upsert(document)
        ids = [row.id for row in rows]
    # The index is committed; now the rows. Dying in between only means applying them twice.
    with Session(engine) as session:
        now = utcnow()
        session.execute(update(SearchPending).where(SearchPending.id.in_(ids), SearchPending.applied_at.is_(None))
                        .values(applied_at=now))
        session.execute(delete(SearchPending).where(SearchPending.applied_at < now - KEEP_APPLIED))
        session.commit()
    return ids


__all__ = ["IndexBusy", "apply_pending", "last_row_id", "pending_count", "replay_since"]
