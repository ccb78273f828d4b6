"""Reuse records: which organizations reuse a shared innovation, and how far they have come."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin, utcnow
from forum.members.models import Member, Organization
from forum.threads.models import Phase, Thread

NOTE_MAX_LENGTH = 500


class ReuseRecord(TimestampMixin, Base):
    """One organization's reuse of the innovation a thread shares (route `share`).

    One record per organization and thread; `phase` is where the organization is now and
    `moved_at` when that last changed. The steps keep the whole history.
    """

    __tablename__ = "reuse_record"
    __table_args__ = (UniqueConstraint("thread_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"), index=True)
    moved_at: Mapped[datetime] = mapped_column(default=utcnow)

    thread: Mapped[Thread] = relationship()
    organization: Mapped[Organization] = relationship(lazy="joined")
    phase: Mapped[Phase] = relationship(lazy="joined")
    steps: Mapped[list[ReuseStep]] = relationship(
        back_populates="record", order_by="ReuseStep.id", cascade="all, delete-orphan"
    )


class ReuseStep(TimestampMixin, Base):
    """One entry in a reuse record's history: the phase it moved to (or stayed in) and a note."""

    __tablename__ = "reuse_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("reuse_record.id", ondelete="CASCADE"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"), index=True)
    # The phase before this step; None on the step that started the record.
    previous_phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id"))
    note: Mapped[str] = mapped_column(String(NOTE_MAX_LENGTH), default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)

    record: Mapped[ReuseRecord] = relationship(back_populates="steps")
    phase: Mapped[Phase] = relationship(foreign_keys=[phase_id], lazy="joined")
    member: Mapped[Member | None] = relationship(lazy="joined")
