"""Template globals and filters shared by every page."""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user
from sqlalchemy import func, select

from forum.extensions import db
from forum.notify.models import Notification


def unread_notification_count() -> int:
    if not current_user.is_authenticated:
        return 0
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.member_id == current_user.id, Notification.read_at.is_(None)
        )
    )


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
        unread_notification_count=unread_notification_count,
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
