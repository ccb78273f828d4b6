"""Read-only queries for member pages, through the permission filters."""
from __future__ import annotations

from forum.extensions import db
from forum.members import fees
from forum.members.models import Member
from forum.permissions import visible_members

PAGE_SIZE = 50


def directory_page(page: int):
    query = visible_members().order_by(Member.name, Member.id)
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


def visible_member(member_id: int) -> Member | None:
    return db.session.scalar(visible_members().where(Member.id == member_id))


def own_fees(member: Member) -> list[fees.FeeLine]:
    """The member's fee lines; a facilitator's free seat is no fee to show."""
    return [line for line in fees.fees_of_member(member) if line.fee_ex_vat]


__all__ = ["directory_page", "visible_member", "own_fees"]
