"""The queue of index updates, written in the same transaction as the change."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from forum.db import Base, utcnow

# What applying a row does; the document itself is always rebuilt from the database.
UPSERT = "upsert"    # index the object as it is now, or drop it when it is gone or hidden
DELETE = "delete"    # the object was deleted from the database
CASCADE = "cascade"  # a thread changed in a way its posts' documents carry (title, phases, hidden)
ACTIONS = (UPSERT, DELETE, CASCADE)


class SearchPending(Base):
    """One index update. Applied rows are kept a day so a rebuild can replay what it missed."""

    __tablename__ = "search_pending"
    __table_args__ = (Index("ix_search_pending_applied_at", "applied_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<SearchPending {self.action} {self.kind}:{self.object_id}>"
