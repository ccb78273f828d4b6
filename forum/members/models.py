"""Organizations, members and their yearly memberships."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin


class Role(StrEnum):
    MEMBER = "member"
    FACILITATOR = "facilitator"
    ADMIN = "admin"


def role_facilitates(role: str) -> bool:
    """Facilitators and admins moderate (also for rows read without the ORM)."""
    return role in (Role.FACILITATOR, Role.ADMIN)


class Organization(TimestampMixin, Base):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    members: Mapped[list[Member]] = relationship(back_populates="organization")

    def __repr__(self) -> str:
        return f"<Organization {self.name!r}>"


class Member(UserMixin, TimestampMixin, Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(20), default=Role.MEMBER.value)
    language: Mapped[str] = mapped_column(String(5), default="da")
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Bumped on password change and logout-everywhere: old sessions stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    show_email: Mapped[bool] = mapped_column(default=False)
    show_phone: Mapped[bool] = mapped_column(default=False)
    suspended_until: Mapped[datetime | None]
    suspension_reason: Mapped[str] = mapped_column(String(500), default="")
    last_login_at: Mapped[datetime | None]

    organization: Mapped[Organization] = relationship(back_populates="members", lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="member", order_by="Membership.year", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_facilitator(self) -> bool:
        return role_facilitates(self.role)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<Member {self.email!r}>"


class Membership(TimestampMixin, Base):
    """A member's seat for one membership year (the calendar year)."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("member_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    starts: Mapped[date]
    ends: Mapped[date]

    member: Mapped[Member] = relationship(back_populates="memberships")
    organization: Mapped[Organization] = relationship()

    def covers(self, day: date) -> bool:
        return self.starts <= day <= self.ends
