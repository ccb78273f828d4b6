"""A member's request to be deleted, and how an admin carried it out."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin
from forum.members.models import Member


class DeletionStatus:
    PENDING = "pending"
    DONE = "done"


class PostChoice:
    """What happens to the member's posts when they are anonymised."""

    KEEP = "keep"
    REMOVE = "remove"


class DeletionRequest(TimestampMixin, Base):
    __tablename__ = "deletion_request"
    __table_args__ = (Index("ix_deletion_request_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(20), default=DeletionStatus.PENDING)
    posts: Mapped[str | None] = mapped_column(String(10))
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship(foreign_keys=[member_id])
    handled_by: Mapped[Member | None] = relationship(foreign_keys=[handled_by_id])
