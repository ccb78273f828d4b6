"""Spredningsguide phases: facilitators read, admins edit labels and descriptions (never slugs)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from forum.admin import service
from forum.admin.blueprint import bp
from forum.extensions import db
from forum.permissions.admin import can_edit_phases
from forum.threads.models import Phase


@bp.get("/phases")
def phases():
    rows = db.session.scalars(select(Phase).order_by(Phase.position, Phase.id))
    return render_template("admin/phases.html", phases=list(rows), can_edit=can_edit_phases(current_user))


@bp.post("/phases")
def update_phase():
    if not can_edit_phases(current_user):
        abort(403)
    raw_id = request.form.get("phase_id", "")
    if not raw_id.isdigit():
        abort(400)
    phase = db.session.get(Phase, int(raw_id))
    if phase is None:
        abort(404)
    try:
        service.update_phase(
            phase, current_user,
            label_da=request.form.get("label_da", ""), label_en=request.form.get("label_en", ""),
            description_da=request.form.get("description_da", ""), description_en=request.form.get("description_en", ""),
        )
    except service.AdminError as error:
        flash(str(error), "error")
    else:
        flash(_("Fasen %(slug)s er gemt.", slug=phase.slug), "success")
    return redirect(url_for("admin.phases"))
