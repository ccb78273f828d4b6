"""Who may flag, hide, restore, move, merge, split, suspend and read the audit log."""
from __future__ import annotations

from forum.members.models import Role
from forum.permissions.threads import can_moderate, can_view_post


def can_flag_post(member, post) -> bool:
    """Any member who sees a post may flag it, but not their own."""
    return can_view_post(member, post) and post.author_id != member.id


def can_hide_post(member, post) -> bool:
    return can_moderate(member) and can_view_post(member, post)


def can_view_moderation(member) -> bool:
    """The review queue, the audit log and the moderation tools: facilitators and admins."""
    return can_moderate(member)


def can_suspend(actor, target) -> bool:
    """Facilitators suspend members; only an admin suspends a facilitator; nobody an admin or themself."""
    if not can_moderate(actor) or target is None or target.id == actor.id:
        return False
    if target.role == Role.ADMIN:
        return False
    if target.role == Role.FACILITATOR:
        return actor.role == Role.ADMIN
    return True
