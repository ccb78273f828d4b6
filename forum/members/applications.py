"""Membership applications from /apply, the admission window, and their review."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from forum.auth.service import send_invitation
from forum.db import Base, TimestampMixin
from forum.extensions import db
from forum.members import rules
from forum.members.models import Member, Role
from forum.members.service import (
    MembershipError,
    add_membership,
    create_member,
    find_member_by_email,
    normalise_email,
)
from forum.notify.outbox import queue_mail

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
STATUSES = ("pending", "approved", "rejected")


class Application(TimestampMixin, Base):
    __tablename__ = "application"
    __table_args__ = (Index("ix_application_email_status", "email", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    organization_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    motivation: Mapped[str] = mapped_column(Text)
    commitment: Mapped[bool] = mapped_column(default=False)
    # The membership year applied for: the year of the admission window.
    year: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))

    reviewed_by: Mapped[Member | None] = relationship(foreign_keys=[reviewed_by_id])
    member: Mapped[Member | None] = relationship(foreign_keys=[member_id])


class ApplicationError(Exception):
    """The application cannot be made or reviewed; str(error) is the message to show."""


# --- the admission window -------------------------------------------------------------

def local_now(now: datetime | None = None) -> datetime:
    """`now` (aware, any zone; default the current time) in Copenhagen."""
    return (now or datetime.now(UTC)).astimezone(COPENHAGEN)


def admission_open(months: list[int], now: datetime | None = None) -> bool:
    """Whether the current month in Copenhagen is one of the admission `months`."""
    return local_now(now).month in months


def next_opening(months: list[int], now: datetime | None = None) -> date | None:
    """The first day of the next admission month after the current one (None: never opens)."""
    if not months:
        return None
    today = local_now(now).date()
    for offset in range(1, 13):
        month_index = today.month - 1 + offset
        year, month = today.year + month_index // 12, month_index % 12 + 1
        if month in months:
            return date(year, month, 1)
    return None


# --- applying ---------------------------------------------------------------------------

def pending_for_email(email: str) -> Application | None:
    return db.session.scalar(
        select(Application).where(Application.email == normalise_email(email), Application.status == "pending")
    )


def submit(*, name: str, email: str, organization: str, title: str, motivation: str,
           commitment: bool, months: list[int], now: datetime | None = None) -> Application:
    """Record an application. Refused outside the window and when one is pending for the email."""
    if not admission_open(months, now):
        raise ApplicationError(_l("Der er lukket for optagelse lige nu."))
    if not commitment:
        raise ApplicationError(_l("Du skal bekræfte, at du kan afsætte tiden."))
    if pending_for_email(email) is not None:
        raise ApplicationError(
            _l("Der ligger allerede en ansøgning fra %(email)s, som venter på behandling. "
               "Du hører fra os, når tovholderne har set på den.", email=normalise_email(email))
        )
    application = Application(
        name=" ".join(name.split()),
        email=normalise_email(email),
        organization_name=" ".join(organization.split()),
        title=title.strip(),
        motivation=motivation.strip(),
        commitment=True,
        year=rules.membership_year(local_now(now).date()),
    )
    db.session.add(application)
    db.session.flush()
    return application


def pending_applications() -> list[Application]:
    return list(db.session.scalars(
        select(Application).where(Application.status == "pending").order_by(Application.created_at, Application.id)
    ))


def reviewed_applications(limit: int = 50) -> list[Application]:
    return list(db.session.scalars(
        select(Application).where(Application.status != "pending")
        .options(joinedload(Application.reviewed_by))  # the page names each reviewer
        .order_by(Application.reviewed_at.desc(), Application.id.desc()).limit(limit)
    ))


# --- reviewing ----------------------------------------------------------------------------

def _reviewed(application: Application, reviewer: Member, status: str) -> None:
    if application.status != "pending":
        raise ApplicationError(_l("Ansøgningen er allerede behandlet."))
    application.status = status
    application.reviewed_by_id = reviewer.id
    application.reviewed_at = datetime.now(UTC)


def approve(application: Application, reviewer: Member, now: datetime | None = None) -> Member:
    """Create the member and a seat for the year, and queue the invitation. The caller commits.

    Raises MembershipError (a fourth seat, say) with nothing written that a rollback does
    not undo. A former member who applies again gets a new seat on their old account.
    """
    _reviewed(application, reviewer, "approved")
    today = local_now(now).date()
    year = max(application.year, rules.membership_year(today))
    existing = find_member_by_email(application.email)
    if existing is not None:
        add_membership(existing, year)
        member = existing
        if member.password_hash:
            queue_mail(member, "application_approved", link=url_for("auth.login", _external=True), year=year)
        else:
            send_invitation(member)
    else:
        member = create_member(
            email=application.email, name=application.name, organization_name=application.organization_name,
            role=Role.MEMBER.value, title=application.title,
            today=today if year == today.year else date(year, 1, 1),
        )
        send_invitation(member)
    application.member_id = member.id
    return member


def reject(application: Application, reviewer: Member) -> None:
    """Mark the application rejected and queue a polite mail. The caller commits."""
    _reviewed(application, reviewer, "rejected")
    queue_mail(application.email, "application_rejected", name=application.name)


__all__ = [
    "Application", "ApplicationError", "MembershipError", "admission_open", "next_opening", "submit",
    "pending_applications", "reviewed_applications", "approve", "reject", "pending_for_email", "local_now",
]
