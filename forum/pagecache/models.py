"""The change counter: one row whose value goes up with every transaction that writes."""
from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from forum.db import Base


class ChangeCounter(Base):
    """Row 1 counts committed writing transactions (generation.py); a cached page is only
    served while the value it was rendered under is still current."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
