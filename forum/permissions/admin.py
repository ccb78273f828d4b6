"""Who may use the administration pages, and which roles they may hand out."""
from __future__ import annotations

from forum.members.models import Role


def _signed_in(member) -> bool:
    return bool(member is not None and getattr(member, "is_authenticated", False))


def can_administer(member) -> bool:
    """Facilitators and admins reach /admin: applications, memberships, fees."""
    return _signed_in(member) and bool(member.is_facilitator)


def is_admin(member) -> bool:
    return _signed_in(member) and bool(member.is_admin)


def can_edit_phases(member) -> bool:
    return is_admin(member)


def can_change_role(actor, target, new_role: str) -> bool:
    """Admins change any role; facilitators move members to and from facilitator.

    Nobody grants or takes away the admin role but an admin, and nobody changes their
    own role (an admin cannot lock the installation out by accident).
    """
    if not can_administer(actor) or target is None or target.id == actor.id:
        return False
    if is_admin(actor):
        return True
    return Role.ADMIN not in (target.role, new_role)
