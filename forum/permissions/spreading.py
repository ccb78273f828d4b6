"""Who may see shared innovations and record or move an organization's reuse of one.

The same rules for one object (`can_*`) and for lists (`visible_shared_threads`): a shared
innovation is a thread with route `share` that the member may see.
"""
from __future__ import annotations

from sqlalchemy import Select

from forum.permissions.threads import can_view_thread, visible_threads
from forum.threads.models import Thread

SHARE_ROUTE = "share"


def visible_shared_threads(member) -> Select:
    """Threads that share an innovation (route `share`) and that the member may see."""
    return visible_threads(member).where(Thread.route == SHARE_ROUTE)


def can_record_reuse(member, thread: Thread | None) -> bool:
    """A member may record reuse on a shared innovation they can see."""
    return can_view_thread(member, thread) and thread.route == SHARE_ROUTE


def can_move_reuse(member, organization_id: int) -> bool:
    """Only the organization's own members move its reuse record; facilitators may move any."""
    if member is None or not getattr(member, "is_authenticated", False):
        return False
    return bool(member.is_facilitator) or member.organization_id == organization_id
