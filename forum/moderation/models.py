"""The audit log, flags on posts, and where merged threads went."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin
from forum.members.models import Member


class AuditEntry(TimestampMixin, Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_created", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(String(1000), default="")

    actor: Mapped[Member | None] = relationship()


class FlagStatus:
    OPEN = "open"
    HIDDEN = "hidden"  # resolved by hiding the post
    DISMISSED = "dismissed"
    EDITED = "edited"  # resolved by a facilitator's edit of the post


class Flag(TimestampMixin, Base):
    """A member's report of a post; one open flag per member and post."""

    __tablename__ = "flag"
    __table_args__ = (Index("ix_flag_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    reason: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20), default=FlagStatus.OPEN)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    resolved_at: Mapped[datetime | None]

    reporter: Mapped[Member] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[Member | None] = relationship(foreign_keys=[resolved_by_id])


class ThreadMerge(TimestampMixin, Base):
    """Where a merged thread's posts went: the old thread stays, hidden and empty."""

    __tablename__ = "thread_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), unique=True)
    target_thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
