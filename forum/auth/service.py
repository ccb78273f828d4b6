"""Log in, reset a password, accept an invitation."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, url_for

from forum.auth import tokens
from forum.auth.passwords import hash_password, verify_password
from forum.extensions import db
from forum.members import rules
from forum.members.models import Member
from forum.members.service import find_member_by_email, login_refusal
from forum.notify.outbox import queue_mail


class LoginRefused(Exception):
    """The password was right but the member may not log in; str(error) says why."""


def authenticate(email: str, password: str) -> Member | None:
    """The member when email and password match, else None. Raises LoginRefused."""
    member = find_member_by_email(email)
    if not verify_password(member.password_hash if member else None, password):
        return None
    refusal = login_refusal(member, rules.today())
    if refusal:
        raise LoginRefused(refusal)
    member.last_login_at = datetime.now(UTC)
    db.session.commit()
    return member


def request_password_reset(email: str) -> None:
    """Mail a reset link when the email belongs to a member; silent otherwise."""
    member = find_member_by_email(email)
    if member is None or not member.active:
        return
    hours = current_app.config["PASSWORD_RESET_TTL_HOURS"]
    token = tokens.issue(member, tokens.RESET, timedelta(hours=hours))
    queue_mail(
        member,
        "password_reset",
        link=url_for("auth.reset_password", token=token, _external=True),
        hours=hours,
    )
    db.session.commit()


def send_invitation(member: Member) -> None:
    """Queue the mail with a link to set a password. The caller commits."""
    days = current_app.config["INVITATION_TTL_HOURS"] // 24
    token = tokens.issue(member, tokens.INVITE, timedelta(hours=current_app.config["INVITATION_TTL_HOURS"]))
    queue_mail(member, "invitation", link=url_for("auth.accept_invitation", token=token, _external=True), days=days)


def set_password(row: tokens.AuthToken, password: str, name: str | None = None) -> Member:
    """Redeem `row`, set the member's password, end their other sessions."""
    member = row.member
    tokens.redeem(row)
    member.password_hash = hash_password(password)
    member.session_version += 1
    if name:
        member.name = " ".join(name.split())
    db.session.commit()
    return member
