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
    """A member may record their organization's reuse of a shared innovation they can see,
    unless their organization shared it (facilitators may still move other organizations')."""
    if not (can_view_thread(member, thread) and thread.route == SHARE_ROUTE):
        return False
    return bool(member.is_facilitator) or not is_sharing_organization(member.organization_id, thread)


def is_sharing_organization(organization_id: int, thread: Thread) -> bool:
    """The organization that shared an innovation does not reuse it: spreading happens elsewhere."""
    return thread.author is not None and thread.author.organization_id == organization_id


def can_move_reuse(member, organization_id: int) -> bool:
    """Only the organization's own members move its reuse record; facilitators may move any."""
    if member is None or not getattr(member, "is_authenticated", False):
        return False
    return bool(member.is_facilitator) or member.organization_id == organization_id
