"""Spredningsguide phases, threads, posts, revisions, read state, watches, attachments."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin, utcnow
from forum.members.models import Member

ROUTES = ("share", "reuse")

thread_phase = Table(
    "thread_phase",
    Base.metadata,
    Column("thread_id", ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True),
    Column("phase_id", ForeignKey("phase.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Phase(Base):
    """A phase of COI's Spredningsguide. Data, seeded by a migration, edited by admins."""

    __tablename__ = "phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    label_da: Mapped[str] = mapped_column(String(80))
    label_en: Mapped[str] = mapped_column(String(80))
    description_da: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_da

    def description(self, language: str) -> str:
        return self.description_en if language == "en" else self.description_da


class Thread(TimestampMixin, Base):
    __tablename__ = "thread"
    __table_args__ = (
        Index("ix_thread_listing", "hidden", "pinned", "last_activity_at"),
        # Newest activity without the pinned split (dashboard): an ordered scan that stops early.
        Index("ix_thread_recent", "hidden", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    route: Mapped[str | None] = mapped_column(String(10), index=True)
    pinned: Mapped[bool] = mapped_column(default=False)
    locked: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Counts kept as columns so lists need no aggregate per row.
    post_count: Mapped[int] = mapped_column(default=0)
    last_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("post.id", use_alter=True, ondelete="SET NULL")
    )
    last_post_author_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    # Set when the opening post is deleted: the thread is then gone for everyone.
    deleted_at: Mapped[datetime | None]

    author: Mapped[Member] = relationship(foreign_keys=[author_id], lazy="joined")
    last_post_author: Mapped[Member | None] = relationship(foreign_keys=[last_post_author_id])
    phases: Mapped[list[Phase]] = relationship(
        secondary=thread_phase, order_by=Phase.position, lazy="selectin"
    )

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)


class Post(TimestampMixin, Base):
    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("thread_id", "number"),
        Index("ix_post_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"))
    # 1-based position in the thread; the first post is the thread's opening post.
    number: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    edited_at: Mapped[datetime | None]
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str] = mapped_column(String(500), default="")
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    hidden_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]

    thread: Mapped[Thread] = relationship(foreign_keys=[thread_id])
    author: Mapped[Member] = relationship(foreign_keys=[author_id])
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="post", order_by="Attachment.id"
    )

    @property
    def is_first(self) -> bool:
        return self.number == 1


class PostRevision(TimestampMixin, Base):
    """The source of a post as it was before an edit."""

    __tablename__ = "post_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    body_source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(200))

    editor: Mapped[Member] = relationship()


class ThreadRead(Base):
    """How far a member has read a thread."""

    __tablename__ = "thread_read"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True)
    last_read_number: Mapped[int] = mapped_column(default=0)
    read_at: Mapped[datetime] = mapped_column(default=utcnow)


class ThreadWatch(Base):
    """A member's choice to hear of new replies; `watching=False` remembers an unwatch."""

    __tablename__ = "thread_watch"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True, index=True)
    watching: Mapped[bool] = mapped_column(default=True)


class Attachment(TimestampMixin, Base):
    """A file on a post, stored under UPLOAD_DIR by its SHA-256, never by its uploaded name."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    uploader_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)

    post: Mapped[Post | None] = relationship(back_populates="attachments")
