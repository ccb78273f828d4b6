"""The facilitators' dashboard panel: how many flags wait in the review queue."""
from __future__ import annotations

from sqlalchemy import func, select

from forum.extensions import db
from forum.moderation.models import Flag, FlagStatus
from forum.permissions.moderation import can_view_moderation
from forum.permissions.threads import visible_posts
from forum.threads.models import Post

DASHBOARD_TEMPLATE = "moderation/_dashboard.html"


def dashboard_panel(member) -> dict:
    """Empty for members: the template then shows nothing."""
    if not can_view_moderation(member):
        return {}
    visible = visible_posts(member).with_only_columns(Post.id)
    open_flags = db.session.scalar(
        select(func.count(func.distinct(Flag.post_id))).where(Flag.status == FlagStatus.OPEN, Flag.post_id.in_(visible))
    )
    return {"flagged_posts": open_flags}
