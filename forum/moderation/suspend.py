"""Suspend a member until a date or until lifted, and lift it.

A suspended member cannot log in and is told why (members.service.login_refusal reads
Member.suspended_until and suspension_reason); sessions already open stop at the next
request, because the user loader asks the same rule. Their posts stay.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit
from forum.permissions.moderation import can_suspend

# "Until lifted": a date no suspension reaches by accident.
INDEFINITE = datetime(9999, 12, 31, tzinfo=UTC)
REASON_MAX = 500
LOCAL = ZoneInfo("Europe/Copenhagen")


class SuspensionError(Exception):
    """str(error) is the message to show."""


def is_suspended(member: Member, now: datetime | None = None) -> bool:
    return member.suspended_until is not None and member.suspended_until > (now or utcnow())


def is_indefinite(member: Member) -> bool:
    return member.suspended_until is not None and member.suspended_until >= INDEFINITE - timedelta(days=1)


def suspend(target: Member, actor: Member, reason: str, until: date | None, today: date | None = None) -> None:
    """Suspend `target` until the start of `until` (Danish time), or until lifted when None."""
    if not can_suspend(actor, target):
        raise SuspensionError(_l("Du kan ikke suspendere dette medlem."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise SuspensionError(_l("Skriv en begrundelse. Medlemmet får den at se, når de prøver at logge ind."))
    if len(reason) > REASON_MAX:
        raise SuspensionError(_l("Begrundelsen må højst være %(max)d tegn.", max=REASON_MAX))
    if until is not None:
        today = today or datetime.now(LOCAL).date()
        if until <= today:
            raise SuspensionError(_l("Slutdatoen skal ligge efter i dag."))
        ends = datetime.combine(until, time(0), tzinfo=LOCAL).astimezone(UTC)
    else:
        ends = INDEFINITE
    target.suspended_until = ends
    target.suspension_reason = reason
    ending = until.isoformat() if until else "ophæves manuelt"
    audit.record(actor, "suspend_member", "member", target.id, f"{reason} (til {ending})")
    db.session.commit()


def lift(target: Member, actor: Member, reason: str = "") -> None:
    if not can_suspend(actor, target):
        raise SuspensionError(_l("Du kan ikke ophæve suspensionen af dette medlem."))
    if not is_suspended(target):
        raise SuspensionError(_l("Medlemmet er ikke suspenderet."))
    target.suspended_until = None
    target.suspension_reason = ""
    audit.record(actor, "lift_suspension", "member", target.id, " ".join(reason.split())[:1000])
    db.session.commit()


def suspended_members(now: datetime | None = None) -> list[Member]:
    return list(db.session.scalars(
        select(Member).where(Member.suspended_until > (now or utcnow())).order_by(Member.name)
    ))
