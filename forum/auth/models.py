"""Single-use tokens for invitations and password resets. Only their hash is stored."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db import Base, TimestampMixin
from forum.members.models import Member


class AuthToken(TimestampMixin, Base):
    __tablename__ = "auth_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # "invite" or "reset"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship()
