"""Outgoing mail waiting for delivery, and in-app notifications."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from forum.db import Base, TimestampMixin, utcnow


class OutboxMail(TimestampMixin, Base):
    """A mail written in the same transaction as the change that causes it."""

    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(1000), default="")


class Notification(TimestampMixin, Base):
    """Something that concerns a member, shown at /notifications."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_member_unread", "member_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[str] = mapped_column(String(40))
    # Plain text, escaped on display; written in the recipient's language when it is created.
    text: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(String(300))
    read_at: Mapped[datetime | None]


class NotificationPreference(Base):
    """How a member hears of one kind of event by mail: immediately, in the daily digest, or never.

    A missing row means the kind's default (see forum.notify.preferences.KINDS).
    """

    __tablename__ = "notification_preference"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(10))


class DigestState(Base):
    """When a member's last daily digest was queued, so each event is in one digest only."""

    __tablename__ = "digest_state"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    last_sent_at: Mapped[datetime]
