"""Administration use cases: renew memberships, change roles, edit phases. Each commits once."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from forum.extensions import db
from forum.members.models import Member, Membership, Organization, Role
from forum.members.service import MembershipError, add_membership
from forum.moderation import audit
from forum.threads.models import Phase

LABEL_MAX = 80
DESCRIPTION_MAX = 2000


class AdminError(Exception):
    """The change is refused; str(error) is the message to show."""


def organizations_with_members(year: int) -> list[tuple[Organization, list[Membership]]]:
    """Every organization with its seats in `year` (organizations without seats too)."""
    organizations = list(db.session.scalars(select(Organization).order_by(Organization.name)))
    seats: dict[int, list[Membership]] = {organization.id: [] for organization in organizations}
    rows = db.session.scalars(
        select(Membership).join(Member, Membership.member_id == Member.id)
        .options(contains_eager(Membership.member))
        .where(Membership.year == year).order_by(Member.name, Member.id)
    )
    for membership in rows:
        seats.setdefault(membership.organization_id, []).append(membership)
    return [(organization, seats[organization.id]) for organization in organizations]


def memberships_of_year(year: int) -> list[tuple[Member, Membership | None, Membership | None]]:
    """(member, seat in `year`, seat in `year` + 1) for everyone holding a seat in either year."""
    rows = db.session.scalars(select(Membership).where(Membership.year.in_((year, year + 1))))
    by_member: dict[int, dict[int, Membership]] = {}
    for membership in rows:
        by_member.setdefault(membership.member_id, {})[membership.year] = membership
    if not by_member:
        return []
    members = db.session.scalars(select(Member).where(Member.id.in_(by_member)).order_by(Member.name, Member.id))
    return [(m, by_member[m.id].get(year), by_member[m.id].get(year + 1)) for m in members]


def renew(member: Member, year: int, actor: Member) -> Membership:
    """Give `member` a binding seat for `year` (their organization's three-seat rule applies)."""
    try:
        membership = add_membership(member, year)
    except MembershipError:
        db.session.rollback()
        raise
    audit.record(actor, "membership_renew", "member", member.id, f"{year}")
    db.session.commit()
    return membership


def change_role(member: Member, role: str, actor: Member) -> None:
    if role not in {r.value for r in Role}:
        raise AdminError(_l("Ukendt rolle."))
    if member.role == role:
        return
    before = member.role
    member.role = role
    audit.record(actor, "role_change", "member", member.id, f"{before} -> {role}")
    db.session.commit()


def update_phase(phase: Phase, actor: Member, *, label_da: str, label_en: str,
                 description_da: str, description_en: str) -> None:
    """Labels and descriptions change; the slug never does (links and filters use it)."""
    label_da, label_en = " ".join(label_da.split()), " ".join(label_en.split())
    if not label_da or not label_en:
        raise AdminError(_l("Fasen skal have et navn på dansk og engelsk."))
    if max(len(label_da), len(label_en)) > LABEL_MAX:
        raise AdminError(_l("Navnet må højst være %(max)d tegn.", max=LABEL_MAX))
    if max(len(description_da), len(description_en)) > DESCRIPTION_MAX:
        raise AdminError(_l("Beskrivelsen må højst være %(max)d tegn.", max=DESCRIPTION_MAX))
    phase.label_da, phase.label_en = label_da, label_en
    phase.description_da, phase.description_en = description_da.strip(), description_en.strip()
    audit.record(actor, "phase_edit", "phase", phase.id, phase.slug)
    db.session.commit()
