"""The member's notifications: list, open, mark read."""
from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select, update

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.notify.models import Notification

PER_PAGE = 30


def page_of(member: Member, page: int) -> Pagination:
    query = (
        select(Notification)
        .where(Notification.member_id == member.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def own_notification(member: Member, notification_id: int) -> Notification | None:
    notification = db.session.get(Notification, notification_id)
    return notification if notification is not None and notification.member_id == member.id else None


def mark_read(notification: Notification) -> None:
    """Commits only when something changed (no write on every GET)."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()


def mark_all_read(member: Member) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.member_id == member.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
    return result.rowcount


def safe_target(url: str) -> str | None:
    """A stored link, when it is a path on this site."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    return url
