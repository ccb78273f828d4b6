"""Fees per organization and membership year, computed from the seats (SPEC §2)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from sqlalchemy import select

from forum.extensions import db
from forum.members import rules
from forum.members.models import Member, Membership, Organization, Role


@dataclass(frozen=True)
class FeeLine:
    year: int
    organization: str
    member_id: int
    member_name: str
    fee_ex_vat: Decimal

    @property
    def vat(self) -> Decimal:
        return rules.vat(self.fee_ex_vat)

    @property
    def total(self) -> Decimal:
        return self.fee_ex_vat + self.vat


@dataclass(frozen=True)
class OrganizationFees:
    year: int
    organization: str
    lines: list[FeeLine]

    @property
    def fee_ex_vat(self) -> Decimal:
        return sum((line.fee_ex_vat for line in self.lines), Decimal(0))

    @property
    def vat(self) -> Decimal:
        return rules.vat(self.fee_ex_vat)

    @property
    def total(self) -> Decimal:
        return self.fee_ex_vat + self.vat


def _seat_rows(year: int, organization_id: int | None = None):
    query = (
        select(Membership, Member, Organization)
        .join(Member, Membership.member_id == Member.id)
        .join(Organization, Membership.organization_id == Organization.id)
        .where(Membership.year == year)
        .order_by(Organization.name, Organization.id, Membership.created_at, Membership.id)
    )
    if organization_id is not None:
        query = query.where(Membership.organization_id == organization_id)
    return db.session.execute(query).all()


def fees_for_year(year: int, organization_id: int | None = None) -> list[OrganizationFees]:
    """Every organization's fee lines for `year`.

    The first paying member of an organization pays the first-member fee, each following
    colleague the lower fee. COI's own coordinators (facilitators and admins) hold seats
    but pay nothing.
    """
    result = []
    for _, group in groupby(_seat_rows(year, organization_id), key=lambda row: row.Organization.id):
        rows = list(group)
        lines, position = [], 0
        for row in rows:
            if row.Member.role == Role.MEMBER:
                position += 1
                fee = rules.fee_for_seat(position)
            else:
                fee = Decimal(0)
            lines.append(FeeLine(year, row.Organization.name, row.Member.id, row.Member.name, fee))
        result.append(OrganizationFees(year, rows[0].Organization.name, lines))
    return result


def fees_of_member(member: Member) -> list[FeeLine]:
    """The member's own fee for each year they hold a seat."""
    lines = []
    for membership in member.memberships:
        for organization in fees_for_year(membership.year, membership.organization_id):
            lines.extend(line for line in organization.lines if line.member_id == member.id)
    return lines
