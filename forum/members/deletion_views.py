"""Deletion requests (GDPR): the member asks on /profile, an admin anonymises at /admin/deletions.

Routes on the members blueprint (registered by an import at the bottom of members/views.py).
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.members import anonymise
from forum.members.deletion_forms import AnonymiseForm, DeletionRequestForm
from forum.members.deletion_models import DeletionRequest
from forum.members.views import bp
from forum.permissions.admin import is_admin


@bp.context_processor
def deletion_helpers():
    # A callable, so only the profile page (which asks) pays for the query.
    return {"pending_deletion_request": lambda: anonymise.pending_request(current_user),
            "deletion_request_form": DeletionRequestForm}


@bp.post("/profile/delete-request")
def request_deletion():
    form = DeletionRequestForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("members.own_profile") + "#slet-konto")
    try:
        anonymise.request_deletion(current_user, form.reason.data or "")
    except anonymise.DeletionError as error:
        flash(str(error), "error")
    else:
        flash(_("Vi har modtaget din anmodning om at blive slettet. En administrator behandler den snarest."),
              "success")
    return redirect(url_for("members.own_profile") + "#slet-konto")


def _require_admin() -> None:
    if not is_admin(current_user):
        abort(403)


@bp.get("/admin/deletions")
def deletion_requests():
    _require_admin()
    return render_template("members/deletions.html", pending=anonymise.pending_requests(),
                           handled=anonymise.handled_requests(), form=AnonymiseForm())


@bp.post("/admin/deletions/<int:request_id>/anonymise")
def anonymise_member(request_id: int):
    _require_admin()
    # Ids past a 64-bit integer overflow the database driver: no such request either way.
    row = db.session.get(DeletionRequest, request_id) if request_id < 2**63 else None
    if row is None:
        abort(404)
    form = AnonymiseForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("members.deletion_requests"))
    try:
        anonymise.anonymise(row, current_user, form.posts.data)
    except anonymise.DeletionError as error:
        flash(str(error), "error")
    else:
        flash(_("Medlemmet er anonymiseret."), "success")
    return redirect(url_for("members.deletion_requests"))
