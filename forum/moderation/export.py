"""The flags a member has filed, for /profile/export (who flagged a member's own posts is not theirs)."""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from forum.moderation.models import Flag


def flags_export(member) -> tuple[str, list]:
    rows = db.session.scalars(select(Flag).where(Flag.reporter_id == member.id).order_by(Flag.id))
    return "flags", [
        {"post_id": f.post_id, "reason": f.reason, "status": f.status, "created_at": f.created_at.isoformat()}
        for f in rows
    ]
