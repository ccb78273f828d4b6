"""GET /admin, applications (approve, reject) and the audit log."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from forum.admin.blueprint import bp
from forum.extensions import db
from forum.members import applications
from forum.members.applications import Application, ApplicationError
from forum.members.service import MembershipError
from forum.moderation import audit
from forum.moderation.models import AuditEntry

# (endpoint, label, description) for the index; other domains may append their admin pages.
ADMIN_LINKS: list[tuple[str, object, object]] = [
    ("admin.applications", _l("Ansøgninger"), _l("Behandl ansøgninger om optagelse.")),
    ("admin.organizations", _l("Organisationer"), _l("Organisationer og deres medlemmer pr. år.")),
    ("admin.memberships", _l("Medlemskaber"), _l("Medlemskaber pr. år og fornyelse til næste år.")),
    ("admin.fees", _l("Kontingent"), _l("Kontingent pr. organisation og år, også som CSV til fakturering.")),
    ("admin.roles", _l("Roller"), _l("Gør medlemmer til tovholdere.")),
    ("admin.phases", _l("Faser"), _l("Spredningsguidens faser: navne og beskrivelser.")),
    ("moderation.audit_page", _l("Log"), _l("Hvem gjorde hvad i administration og moderation.")),
    ("admin.audit_log", _l("Log"), _l("Hvem gjorde hvad i administration og moderation.")),
    ("spreading.report", _l("Årsrapport"), _l("Aktivitet i netværket i årets løb.")),
    ("members.deletion_requests", _l("Sletning af data"), _l("Medlemmers anmodninger om at få slettet deres data.")),
    ("meetings.new", _l("Planlæg et møde"), _l("Nyt netværksmøde med dagsorden.")),
]
ADMINS_ONLY = {"members.deletion_requests"}
AUDIT_PAGE_SIZE = 50


def year_arg(default: int) -> int:
    """`?year=` as a sensible year, else 400."""
    raw = request.args.get("year", "")
    if not raw:
        return default
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        abort(400)
    return int(raw)


@bp.get("")
def index():
    pending = len(applications.pending_applications())
    links, seen = [], set()
    for endpoint, label, description in ADMIN_LINKS:
        if endpoint not in current_app.view_functions or (endpoint in ADMINS_ONLY and not current_user.is_admin):
            continue
        if str(label) in seen:  # one audit log: the moderation domain's, with filters, when it exists
            continue
        seen.add(str(label))
        links.append((endpoint, label, description))
    return render_template("admin/index.html", links=links, pending=pending)


@bp.get("/applications", endpoint="applications")
def applications_page():
    return render_template(
        "admin/applications.html", pending=applications.pending_applications(),
        reviewed=applications.reviewed_applications(),
    )


def _application_or_404(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    return application


@bp.post("/applications/<int:application_id>/approve")
def approve_application(application_id: int):
    application = _application_or_404(application_id)
    try:
        member = applications.approve(application, current_user)
        audit.record(current_user, "application_approve", "application", application.id, application.email)
        db.session.commit()
    except (ApplicationError, MembershipError) as error:
        db.session.rollback()
        flash(_("Ansøgningen fra %(name)s kan ikke godkendes: %(reason)s", name=application.name, reason=str(error)),
              "error")
    else:
        flash(_("%(name)s er optaget og har fået en invitation på mail.", name=member.name), "success")
    return redirect(url_for("admin.applications"))


@bp.post("/applications/<int:application_id>/reject")
def reject_application(application_id: int):
    application = _application_or_404(application_id)
    try:
        applications.reject(application, current_user)
        audit.record(current_user, "application_reject", "application", application.id, application.email)
        db.session.commit()
    except ApplicationError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        flash(_("Ansøgningen fra %(name)s er afvist, og ansøgeren har fået besked.", name=application.name), "success")
    return redirect(url_for("admin.applications"))


@bp.get("/audit")
def audit_log():
    page = request.args.get("page", 1, type=int)
    page = page if page and 0 < page < 100_000 else 1  # a huge page overflowed the SQL OFFSET (500)
    query = (select(AuditEntry).options(joinedload(AuditEntry.actor))
             .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    pagination = db.paginate(query, page=page, per_page=AUDIT_PAGE_SIZE, error_out=False)
    return render_template("admin/audit.html", pagination=pagination)
