"""Issue and redeem single-use, expiring links (invitation, password reset)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from forum.auth.models import AuthToken
from forum.extensions import db
from forum.members.models import Member

INVITE = "invite"
RESET = "reset"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue(member: Member, purpose: str, ttl: timedelta) -> str:
    """Create a token for `member`; earlier unused tokens of the same purpose stop working."""
    now = datetime.now(UTC)
    db.session.execute(
        update(AuthToken)
        .where(AuthToken.member_id == member.id, AuthToken.purpose == purpose, AuthToken.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        AuthToken(member_id=member.id, purpose=purpose, token_hash=_digest(token), expires_at=now + ttl)
    )
    return token


def find_valid(token: str, purpose: str) -> AuthToken | None:
    if not token or len(token) > 200:
        return None
    row = db.session.scalar(
        select(AuthToken).where(AuthToken.token_hash == _digest(token), AuthToken.purpose == purpose)
    )
    if row is None or row.used_at is not None or row.expires_at <= datetime.now(UTC):
        return None
    return row


def redeem(row: AuthToken) -> None:
    row.used_at = datetime.now(UTC)
