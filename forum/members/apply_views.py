"""The ways into a membership year: GET/POST /apply (the public application form, open only
in the admission window) and GET/POST /membership (a member renews their own seat for next year).

Registered on the members blueprint (endpoint `members.apply`, which the login gate lets
through, and `members.membership`); imported at the bottom of forum/members/views.py.
"""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from forum.extensions import db, limiter
from forum.members import applications, rules
from forum.members.applications import ApplicationError
from forum.members.models import Member, Role
from forum.members.service import MembershipError, add_membership
from forum.members.views import bp
from forum.moderation import audit
from forum.notify.outbox import notify, queue_mail


class ApplicationForm(FlaskForm):
    name = StringField(_l("Navn"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254),
                                                 Email(message=_l("Skriv en gyldig e-mailadresse."))])
    organization = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=200)],
                               description=_l("Kommune, region eller statslig arbejdsplads."))
    title = StringField(_l("Stilling"), validators=[Optional(), Length(max=200)])
    motivation = TextAreaField(
        _l("Hvorfor vil du være med?"), validators=[DataRequired(), Length(min=20, max=5000)],
        description=_l("Hvad arbejder du med, hvad vil du dele, og hvad håber du at genbruge fra andre?"),
    )
    commitment = BooleanField(
        _l("Jeg kan afsætte tid til forberedelse, deltagelse i møderne, opfølgning hjemme og sparring med "
           "andre deltagere, og jeg ved, at tilmeldingen er bindende for et år."),
        validators=[DataRequired(message=_l("Du skal bekræfte, at du kan afsætte tiden."))],
    )


def _tell_facilitators(application) -> None:
    facilitators = db.session.scalars(
        select(Member).where(Member.role.in_((Role.FACILITATOR.value, Role.ADMIN.value)), Member.active.is_(True))
    )
    for facilitator in facilitators:
        notify(facilitator, "application", _("Ny ansøgning fra %(name)s, %(organization)s",
                                             name=application.name, organization=application.organization_name),
               url_for("admin.applications"))


@bp.route("/apply", methods=["GET", "POST"], endpoint="apply")
@limiter.limit("10 per hour", methods=["POST"])
def apply():
    months = current_app.config["ADMISSION_MONTHS"]
    context = {
        "open": applications.admission_open(months), "opens": applications.next_opening(months),
        "first_fee": rules.FIRST_MEMBER_FEE, "following_fee": rules.FOLLOWING_MEMBER_FEE,
        "seats": rules.SEATS_PER_ORGANIZATION,
    }
    if not context["open"]:
        status = 403 if request.method == "POST" else 200
        return render_template("members/apply.html", form=None, **context), status
    form = ApplicationForm()
    if form.validate_on_submit():
        try:
            application = applications.submit(
                name=form.name.data, email=form.email.data, organization=form.organization.data,
                title=form.title.data or "", motivation=form.motivation.data, commitment=form.commitment.data,
                months=months,
            )
        except ApplicationError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            queue_mail(application.email, "application_received", name=application.name)
            _tell_facilitators(application)
            db.session.commit()
            return redirect(url_for("members.apply", sent=1))
    elif request.method == "POST":
        flash(_("Tjek felterne markeret med fejl."), "error")
    status = 422 if request.method == "POST" else 200
    return render_template("members/apply.html", form=form, sent=request.args.get("sent") == "1", **context), status


# --- renewing one's own seat for next year ----------------------------------------------

class RenewalForm(FlaskForm):
    commitment = BooleanField(
        _l("Jeg forlænger mit medlemskab for hele næste år. Tilmeldingen er bindende, og der gives ikke penge "
           "retur ved fravær."),
        validators=[DataRequired(message=_l("Du skal bekræfte, at fornyelsen er bindende for året."))],
    )


def _years() -> tuple[int, int]:
    this_year = rules.membership_year(applications.local_now().date())
    return this_year, this_year + 1


@bp.route("/membership", methods=["GET", "POST"], endpoint="membership")
def membership():
    """The member's own seats, and renewal for next year (binding; the three-seat rule applies)."""
    this_year, next_year = _years()
    seats = {m.year: m for m in current_user.memberships}
    form = RenewalForm()
    if form.validate_on_submit():
        if next_year in seats:
            flash(_("Du er allerede medlem i %(year)d.", year=next_year), "info")
        else:
            try:
                add_membership(current_user, next_year)
            except MembershipError as error:
                db.session.rollback()
                flash(str(error), "error")
            else:
                audit.record(current_user, "membership_renew", "member", current_user.id, f"{next_year} (self)")
                db.session.commit()
                flash(_("Tak! Du er medlem i %(year)d. Medlemskabet er bindende for året.", year=next_year),
                      "success")
        return redirect(url_for("members.membership"))
    if request.method == "POST":
        flash(_("Du skal bekræfte, at fornyelsen er bindende for året."), "error")
    return render_template(
        "members/apply_renewal.html", form=form, this_year=this_year, next_year=next_year,
        current=seats.get(this_year), renewed=seats.get(next_year), first_fee=rules.FIRST_MEMBER_FEE,
        following_fee=rules.FOLLOWING_MEMBER_FEE,
    ), 422 if request.method == "POST" else 200
