"""The member's notifications and mail choices, for /profile/export."""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from forum.notify import preferences
from forum.notify.models import Notification


def notifications_export(member) -> tuple[str, dict]:
    rows = db.session.scalars(
        select(Notification).where(Notification.member_id == member.id).order_by(Notification.id)
    )
    return "notifications", {
        "mail_choices": preferences.choices(member),
        "items": [
            {"kind": n.kind, "text": n.text, "url": n.url, "created_at": n.created_at.isoformat(),
             "read_at": n.read_at.isoformat() if n.read_at else None}
            for n in rows
        ],
    }
