"""Use cases for organizations, members and memberships."""
from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from forum.auth.passwords import hash_password
from forum.extensions import db
from forum.i18n import format_date
from forum.members import rules
from forum.members.models import Member, Membership, Organization, Role

# A suspension "until lifted" is stored as a date in this year (moderation/suspend.py).
UNTIL_LIFTED_YEAR = 9999


class MembershipError(Exception):
    """A rule of the network refuses the change; str(error) is the message to show."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_member_by_email(email: str) -> Member | None:
    return db.session.scalar(select(Member).where(Member.email == normalise_email(email)))


def get_or_create_organization(name: str) -> Organization:
    name = " ".join(name.split())
    if not name:
        raise MembershipError(_l("Organisationen skal have et navn."))
    organization = db.session.scalar(
        select(Organization).where(func.lower(Organization.name) == name.lower())
    )
    if organization is None:
        organization = Organization(name=name)
        db.session.add(organization)
        db.session.flush()
    return organization


def seats_taken(organization: Organization, year: int) -> int:
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.organization_id == organization.id, Membership.year == year
        )
    )


def add_membership(member: Member, year: int) -> Membership:
    """Give `member` a seat for `year`, refusing a fourth seat in the organization."""
    existing = db.session.scalar(
        select(Membership).where(Membership.member_id == member.id, Membership.year == year)
    )
    if existing is not None:
        return existing
    organization = member.organization
    if seats_taken(organization, year) >= rules.SEATS_PER_ORGANIZATION:
        raise MembershipError(
            _l(
                "%(organization)s har allerede %(seats)d medlemmer i %(year)d. "
                "Netværket har plads til højst %(seats)d fra samme organisation.",
                organization=organization.name,
                seats=rules.SEATS_PER_ORGANIZATION,
                year=year,
            )
        )
    starts, ends = rules.year_bounds(year)
    membership = Membership(
        member=member, organization_id=organization.id, year=year, starts=starts, ends=ends
    )
    db.session.add(membership)
    db.session.flush()
    return membership


def create_member(
    *,
    email: str,
    name: str,
    organization_name: str,
    role: str = Role.MEMBER.value,
    title: str = "",
    password: str | None = None,
    today: date | None = None,
) -> Member:
    """Create a member with a seat for the current membership year.

    The caller commits; on MembershipError nothing has been written that a rollback
    does not undo.
    """
    email = normalise_email(email)
    if role not in {r.value for r in Role}:
        raise MembershipError(_l("Ukendt rolle: %(role)s", role=role))
    if find_member_by_email(email) is not None:
        raise MembershipError(_l("Der findes allerede et medlem med e-mailen %(email)s.", email=email))
    organization = get_or_create_organization(organization_name)
    member = Member(
        email=email,
        name=" ".join(name.split()),
        title=title.strip(),
        organization=organization,
        role=role,
        password_hash=hash_password(password) if password else None,
    )
    db.session.add(member)
    db.session.flush()
    add_membership(member, rules.membership_year(today or rules.today()))
    return member


def current_membership(member: Member, today: date) -> Membership | None:
    return next((m for m in member.memberships if m.covers(today)), None)


def may_log_in(member: Member, today: date, now: datetime | None = None) -> bool:
    """Whether `member` may use the platform now (no messages: safe inside the user loader)."""
    now = now or datetime.now(UTC)
    if not member.active:
        return False
    if member.suspended_until is not None and member.suspended_until > now:
        return False
    return member.is_facilitator or current_membership(member, today) is not None


def login_refusal(member: Member, today: date, now: datetime | None = None) -> str | None:
    """Why `member` may not log in today, or None when they may."""
    now = now or datetime.now(UTC)
    if may_log_in(member, today, now):
        return None
    if not member.active:
        return str(_l("Din konto er lukket. Kontakt netværkets tovholdere, hvis det er en fejl."))
    if member.suspended_until is not None and member.suspended_until > now:
        if member.suspended_until.year >= UNTIL_LIFTED_YEAR:
            return str(
                _l(
                    "Din adgang er suspenderet, indtil netværkets tovholdere ophæver suspensionen. Begrundelse: %(reason)s",
                    reason=member.suspension_reason or "-",
                )
            )
        return str(
            _l(
                "Din adgang er midlertidigt suspenderet indtil %(until)s. Begrundelse: %(reason)s",
                until=format_date(member.suspended_until, "long"),
                reason=member.suspension_reason or "-",
            )
        )
    if member.is_facilitator:
        return None
    if current_membership(member, today) is not None:
        return None
    latest = member.memberships[-1] if member.memberships else None
    if latest is not None and latest.ends < today:
        return str(
            _l(
                "Dit medlemskab udløb %(ended)s og er ikke fornyet. Kontakt netværkets "
                "tovholdere for at forny det; dine indlæg er bevaret.",
                ended=format_date(latest.ends, "long"),
            )
        )
    return str(_l("Du har ikke et aktivt medlemskab af netværket i år."))
