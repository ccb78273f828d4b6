"""Who may see and manage members."""
from sqlalchemy import Select, select

from forum.members.models import Member


def is_facilitator(member) -> bool:
    return bool(member and member.is_authenticated and member.is_facilitator)


def visible_members() -> Select:
    """Every member appears in the directory: the network is small and members-only."""
    return select(Member).where(Member.active.is_(True))
