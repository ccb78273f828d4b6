"""Organizations and their members per year, memberships and renewals, roles."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from forum.admin import service
from forum.admin.blueprint import bp
from forum.admin.views import year_arg
from forum.extensions import db
from forum.members import rules
from forum.members.applications import local_now
from forum.members.models import Member, Role
from forum.members.service import MembershipError
from forum.permissions.admin import can_change_role


def this_year() -> int:
    return rules.membership_year(local_now().date())


@bp.get("/organizations")
def organizations():
    year = year_arg(this_year())
    return render_template(
        "admin/organizations.html", year=year, rows=service.organizations_with_members(year),
        seats=rules.SEATS_PER_ORGANIZATION,
    )


@bp.get("/memberships")
def memberships():
    year = year_arg(this_year())
    return render_template("admin/memberships.html", year=year, rows=service.memberships_of_year(year))


@bp.post("/memberships/<int:member_id>/renew")
def renew_membership(member_id: int):
    member = db.session.get(Member, member_id)
    if member is None:
        abort(404)
    raw = request.form.get("year", "")
    if not raw.isdigit() or not this_year() <= int(raw) <= this_year() + 1:
        abort(400)
    year = int(raw)
    try:
        service.renew(member, year, current_user)
    except MembershipError as error:
        flash(str(error), "error")
    else:
        flash(_("Medlemskabet for %(name)s er fornyet for %(year)d og er bindende for hele året.",
                name=member.name, year=year), "success")
    return redirect(url_for("admin.memberships", year=year - 1 if year > this_year() else year))


@bp.get("/roles")
def roles():
    members = db.session.scalars(select(Member).where(Member.active.is_(True)).order_by(Member.name, Member.id))
    return render_template("admin/roles.html", members=list(members), roles=[r.value for r in Role])


@bp.post("/roles")
def change_role():
    raw_id, role = request.form.get("member_id", ""), request.form.get("role", "")
    if not raw_id.isdigit() or role not in {r.value for r in Role}:
        abort(400)
    member = db.session.get(Member, int(raw_id))
    if member is None:
        abort(404)
    if not can_change_role(current_user, member, role):
        abort(403)
    service.change_role(member, role, current_user)
    flash(_("%(name)s har nu rollen %(role)s.", name=member.name, role=role), "success")
    return redirect(url_for("admin.roles"))
