"""Network meetings, RSVPs, reminders sent and personal calendar feed tokens."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin, utcnow
from forum.members.models import Member, Organization
from forum.threads.models import Thread

STATUSES = ("planned", "held", "cancelled")
DEFAULT_STARTS = time(10, 0)
DEFAULT_ENDS = time(15, 30)


class Meeting(TimestampMixin, Base):
    """A network meeting, 10:00-15:30 local time (Europe/Copenhagen) unless set otherwise.

    The host is a member organization (`host_organization_id`) when there is one by that
    name, else only the free-text `host_name` (Republikken, INSP! are not members).
    """

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_status_date", "status", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column()
    starts: Mapped[time] = mapped_column(Time, default=DEFAULT_STARTS)
    ends: Mapped[time] = mapped_column(Time, default=DEFAULT_ENDS)
    host_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    host_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    room: Mapped[str] = mapped_column(String(200), default="")
    agenda_source: Mapped[str] = mapped_column(Text, default="")
    agenda_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    notes_thread_id: Mapped[int | None] = mapped_column(ForeignKey("thread.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    host_organization: Mapped[Organization | None] = relationship()
    notes_thread: Mapped[Thread | None] = relationship()
    rsvps: Mapped[list[Rsvp]] = relationship(back_populates="meeting", cascade="all, delete-orphan")

    @property
    def host(self) -> str:
        return self.host_organization.name if self.host_organization else self.host_name


class Rsvp(Base):
    """A member's answer to one meeting: attending yes or no."""

    __tablename__ = "meeting_rsvp"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    attending: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="rsvps")
    member: Mapped[Member] = relationship()


class MeetingReminder(Base):
    """That a member has been reminded of a meeting: one reminder per member per meeting."""

    __tablename__ = "meeting_reminder"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarToken(TimestampMixin, Base):
    """The secret of a member's calendar feed URL. Only its SHA-256 is stored."""

    __tablename__ = "calendar_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    last_used_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship()

