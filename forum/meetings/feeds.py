"""Personal calendar feed tokens: the secret in a member's subscription URL.

Only the token's SHA-256 is stored, so the URL is shown once, right after it is made; a
member who loses it makes a new one, which ends the old.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime

from sqlalchemy import delete, select

from forum.extensions import db
from forum.meetings.models import CalendarToken
from forum.members.models import Member
from forum.members.service import may_log_in

TOKEN_MAX = 200


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_of(member: Member) -> CalendarToken | None:
    return db.session.scalar(select(CalendarToken).where(CalendarToken.member_id == member.id))


def regenerate(member: Member) -> str:
    """Make a new feed token for `member` (the old one stops working) and commit."""
    db.session.execute(delete(CalendarToken).where(CalendarToken.member_id == member.id))
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarToken(member_id=member.id, token_hash=_digest(token)))
    db.session.commit()
    return token


def revoke(member: Member) -> bool:
    """End the member's feed; True when there was one. Commits."""
    result = db.session.execute(delete(CalendarToken).where(CalendarToken.member_id == member.id))
    db.session.commit()
    return bool(result.rowcount)


def member_for_token(token: str, today: date) -> Member | None:
    """The member whose feed this is, while they may still log in; None otherwise."""
    if not token or len(token) > TOKEN_MAX:
        return None
    row = db.session.scalar(select(CalendarToken).where(CalendarToken.token_hash == _digest(token)))
    if row is None or not may_log_in(row.member, today):
        return None
    row.last_used_at = datetime.now(UTC)
    db.session.commit()
    return row.member
