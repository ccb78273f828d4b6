"""The member directory, profiles and the member's own profile."""
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.members import export, queries
from forum.members.forms import ProfileForm

bp = Blueprint("members", __name__)

MAX_PAGE = 10_000


@bp.get("/members")
def directory():
    page = request.args.get("page", 1, type=int)
    # Clamped: a huge page number would overflow the database's OFFSET (a 500).
    pagination = queries.directory_page(min(max(page, 1), MAX_PAGE))
    return render_template("members/directory.html", pagination=pagination)


@bp.get("/members/<int:member_id>")
def profile_page(member_id: int):
    member = queries.visible_member(member_id)
    if member is None:
        abort(404)
    return render_template("members/profile.html", member=member)


@bp.route("/profile", methods=["GET", "POST"])
def own_profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        form.populate_obj(current_user)
        current_user.name = " ".join(current_user.name.split())
        # Browsers send CRLF from a textarea; the profile page splits paragraphs on blank lines.
        current_user.bio = current_user.bio.replace("\r\n", "\n").strip()
        db.session.commit()
        flash(_("Din profil er gemt."), "success")
        return redirect(url_for("members.own_profile"))
    return render_template("members/own_profile.html", form=form, fees=queries.own_fees(current_user))


@bp.get("/profile/export")
def export_own_data():
    response = jsonify(export.member_data(current_user))
    response.headers["Content-Disposition"] = "attachment; filename=spredningsnetvaerket-mine-data.json"
    return response


# Route modules that register more pages on this blueprint.
from forum.members import apply_views, deletion_views  # noqa: E402, F401, I001
