"""The audit log of moderation and administration actions."""
from __future__ import annotations

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
