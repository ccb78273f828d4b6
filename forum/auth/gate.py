"""The one members-only gate: everything needs a login but a short allowlist."""
from __future__ import annotations

from flask import Flask, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from forum.extensions import db, login_manager
from forum.members import rules
from forum.members.models import Member
from forum.members.service import may_log_in
from forum.pagecache import generation

PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "health.healthz",
        "auth.login",
        "auth.forgot_password",
        "auth.reset_password",
        "auth.accept_invitation",
        "members.apply",
        # The accessibility statement is linked from every page, the login page too (the law wants it
        # reachable for everyone); it holds no member content.
        "pages.accessibility",
        "meetings.calendar_feed",  # Outlook subscribes without a session: the secret token in the URL is the credential
    }
)


def register(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_member(session_id: str) -> Member | None:
        member_id, _, version = session_id.partition(":")
        if not member_id.isdigit() or not version.isdigit():
            return None
        # Memberships in the same statement: may_log_in reads them on every request; and the
        # data generation, for the page cache. (unique() reads every joined row: first() would
        # fill the collection from the first only.)
        row = db.session.execute(
            select(Member, generation.as_column())
            .options(joinedload(Member.memberships))
            .where(Member.id == int(member_id))
        ).unique().one_or_none()
        if row is None:
            return None
        member, data_generation = row
        generation.remember_for_request(data_generation)
        if member.session_version != int(version):
            return None
        if not may_log_in(member, rules.today()):
            return None
        return member

    @app.before_request
    def require_login():
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            return None
        if request.endpoint is None:
            return None  # unknown URL: let the 404 handler answer
        return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    return target
