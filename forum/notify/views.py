"""Notifications, mail choices and member autocomplete for @mentions."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, or_

from forum.extensions import db
from forum.members.models import Member
from forum.notify import preferences, service
from forum.notify.forms import EmptyForm, settings_form
from forum.permissions import visible_members

bp = Blueprint("notify", __name__)

AUTOCOMPLETE_LIMIT = 8


@bp.get("/notifications")
def notifications():
    page = request.args.get("page", 1, type=int)
    pagination = service.page_of(current_user, max(min(page, 10_000), 1))
    return render_template("notify/index.html", pagination=pagination, form=EmptyForm())


@bp.get("/notifications/<int:notification_id>")
def open_notification(notification_id: int):
    notification = service.own_notification(current_user, notification_id)
    if notification is None:
        abort(404)
    service.mark_read(notification)
    return redirect(service.safe_target(notification.url) or url_for("notify.notifications"))


@bp.post("/notifications/read")
def mark_all_read():
    count = service.mark_all_read(current_user)
    if count:
        flash(ngettext("%(num)d notifikation er markeret som læst.", "%(num)d notifikationer er markeret som læst.",
                       count), "success")
    else:
        flash(_("Du havde ingen ulæste notifikationer."), "info")
    return redirect(url_for("notify.notifications"))


@bp.route("/notifications/settings", methods=["GET", "POST"])
def settings():
    current = preferences.choices(current_user)
    form = settings_form(current, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        preferences.save_choices(current_user, {kind: getattr(form, kind).data for kind in preferences.KINDS})
        db.session.commit()
        flash(_("Dine valg om mails er gemt."), "success")
        return redirect(url_for("notify.settings"))
    return render_template("notify/settings.html", form=form, kinds=preferences.KINDS)


@bp.get("/members/autocomplete")
def autocomplete():
    """Up to eight members whose name starts (or a word of it starts) with `q`."""
    # PostgreSQL refuses NUL in a text parameter (a 500): a name never contains one.
    query = " ".join(request.args.get("q", "").replace("\x00", "").split())[:60]
    if not query:
        return jsonify([])
    pattern = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    name = func.lower(Member.name)
    rows = db.session.scalars(
        visible_members()
        .where(or_(name.like(f"{pattern}%", escape="\\"), name.like(f"% {pattern}%", escape="\\")))
        .order_by(Member.name)
        .limit(AUTOCOMPLETE_LIMIT)
    )
    return jsonify([
        {"id": m.id, "name": m.name, "organization": m.organization.name, "insert": f"@[{m.name}]"} for m in rows
    ])
