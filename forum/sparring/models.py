"""Sparring requests, the offers that answer them, and each member's sparring profile."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin, utcnow
from forum.members.models import Member
from forum.threads.models import Phase

# How two members can spar (SPEC §2); stored comma-joined in this order.
CHANNELS = ("phone", "mail", "meeting")


class SparringStatus(StrEnum):
    OPEN = "open"
    MATCHED = "matched"
    CLOSED = "closed"


sparring_request_phase = Table(
    "sparring_request_phase",
    Base.metadata,
    Column("request_id", ForeignKey("sparring_request.id", ondelete="CASCADE"), primary_key=True),
    Column("phase_id", ForeignKey("phase.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# The members a directed request is addressed to; none means open to all members.
sparring_recipient = Table(
    "sparring_recipient",
    Base.metadata,
    Column("request_id", ForeignKey("sparring_request.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True),
)

sparring_profile_phase = Table(
    "sparring_profile_phase",
    Base.metadata,
    Column("member_id", ForeignKey("sparring_profile.member_id", ondelete="CASCADE"), primary_key=True),
    Column("phase_id", ForeignKey("phase.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class SparringRequest(TimestampMixin, Base):
    """A member asking peers for advice on their innovation work at given phases."""

    __tablename__ = "sparring_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    channels: Mapped[str] = mapped_column(String(40))
    # Kept as a column (not derived from the recipients) so lists filter without a subquery.
    open_to_all: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(10), default=SparringStatus.OPEN.value, index=True)
    answer_by: Mapped[date | None]
    matched_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    # "What did you learn?", asked on closing; may become a thread (learning_thread_id).
    learning_source: Mapped[str] = mapped_column(Text, default="")
    learning_html: Mapped[str] = mapped_column(Text, default="")
    learning_thread_id: Mapped[int | None] = mapped_column(ForeignKey("thread.id", ondelete="SET NULL"))

    requester: Mapped[Member] = relationship(foreign_keys=[requester_id], lazy="joined")
    phases: Mapped[list[Phase]] = relationship(
        secondary=sparring_request_phase, order_by=Phase.position, lazy="selectin"
    )
    recipients: Mapped[list[Member]] = relationship(
        secondary=sparring_recipient, order_by=Member.name, lazy="selectin"
    )
    offers: Mapped[list[SparringOffer]] = relationship(
        back_populates="request", order_by="SparringOffer.id", cascade="all, delete-orphan"
    )

    @property
    def channel_list(self) -> list[str]:
        return [channel for channel in self.channels.split(",") if channel]

    @property
    def is_open(self) -> bool:
        return self.status == SparringStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SparringStatus.CLOSED

    @property
    def accepted_offer(self) -> SparringOffer | None:
        return next((offer for offer in self.offers if offer.accepted), None)

    def __repr__(self) -> str:
        return f"<SparringRequest {self.id} {self.status}>"


class SparringOffer(TimestampMixin, Base):
    """A member's answer to a request: "I can help, here is how"."""

    __tablename__ = "sparring_offer"
    __table_args__ = (UniqueConstraint("request_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("sparring_request.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    accepted: Mapped[bool] = mapped_column(default=False)

    request: Mapped[SparringRequest] = relationship(back_populates="offers")
    member: Mapped[Member] = relationship(lazy="joined")


class SparringProfile(Base):
    """Which phases a member can give sparring on, and whether they are open for it now.

    Its own table, so the sparring domain adds to a member without changing `Member`.
    """

    __tablename__ = "sparring_profile"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    open_now: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member] = relationship()
    phases: Mapped[list[Phase]] = relationship(
        secondary=sparring_profile_phase, order_by=Phase.position, lazy="selectin"
    )
