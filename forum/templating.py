"""Template globals and filters shared by every page."""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select

from forum import fragments
from forum.extensions import db
from forum.i18n import format_date, format_datetime
from forum.notify.models import Notification
from forum.threads.reading import unread_label


def unread_notification_count() -> int:
    if not current_user.is_authenticated:
        return 0
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.member_id == current_user.id, Notification.read_at.is_(None)
        )
    )


def site_header() -> Markup:
    """The header and main menu: cached per combination of what they show (forum/fragments.py)."""
    signed_in = bool(current_user.is_authenticated)
    values = {
        "signed_in": signed_in,
        "member_name": current_user.name if signed_in else "",
        "facilitator": signed_in and current_user.is_facilitator,
        "unread_notifications": unread_notification_count() if signed_in and has_endpoint("notify.notifications") else 0,
        "section": _menu_section(),
        "on_own_profile": request.endpoint == "members.own_profile",
        "csrf_placeholder": fragments.CSRF_PLACEHOLDER,
    }
    search_words = request.args.get("q", "") if request.endpoint == "search.search" else ""
    if search_words:
        # Not cached: every search would be a new entry, pushing out the posts members read.
        return fragments.with_csrf_token(render_template("_site_header.html", search_words=search_words, **values))
    return fragments.with_csrf_token(fragments.render_cached("_site_header.html", search_words="", **values))


def _menu_section() -> str:
    """The menu item the page belongs to ("threads" for every thread page)."""
    if request.path.startswith("/admin"):
        return "admin"
    if request.path.startswith("/moderation"):
        return "moderation"
    return (request.endpoint or "").split(".")[0]


def has_endpoint(name: str) -> bool:
    return name in current_app.view_functions


def phase_label(phase) -> str:
    return phase.label(str(get_locale()))


def kroner(amount) -> str:
    """4000 -> '4.000,00 kr.' in Danish, '4,000.00 kr.' in English."""
    text = f"{amount:,.2f}"
    if str(get_locale()) == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{text} kr."


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        has_endpoint=has_endpoint,
        site_header=site_header,
        unread_label=unread_label,
        get_locale=get_locale,
    )
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        phase_label=phase_label,
        kroner=kroner,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
