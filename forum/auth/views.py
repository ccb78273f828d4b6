"""Login, logout, password reset and invitation pages."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from forum.auth import service, throttle, tokens
from forum.auth.forms import ForgotPasswordForm, InvitationForm, LoginForm, NewPasswordForm
from forum.auth.gate import safe_next
from forum.extensions import limiter

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(throttle.PER_EMAIL, key_func=throttle.email_key, methods=["POST"], deduct_when=throttle.attempt_failed)
@limiter.limit(throttle.PER_ADDRESS, key_func=throttle.address_key, methods=["POST"], deduct_when=throttle.attempt_failed)
def login():
    next_path = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_path or url_for("dashboard.index"))
    form = LoginForm()
    refusal = None
    if form.validate_on_submit():
        try:
            member = service.authenticate(form.email.data, form.password.data)
        except service.LoginRefused as error:
            refusal = str(error)
        else:
            if member is not None:
                login_user(member, remember=form.remember.data)
                return redirect(next_path or url_for("dashboard.index"))
            throttle.mark_failed()
            flash(_("Forkert e-mail eller adgangskode."), "error")
    elif request.method == "POST":
        throttle.mark_failed()
    return render_template("auth/login.html", form=form, refusal=refusal, next_path=next_path)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("Du er logget ud."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per hour", key_func=throttle.address_key, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        service.request_password_reset(form.email.data)
        flash(
            _("Hvis e-mailen hører til et medlem, har vi sendt et link til at vælge en ny adgangskode."),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    row = tokens.find_valid(token, tokens.RESET)
    if row is None:
        return render_template("auth/token_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        service.set_password(row, form.password.data)
        flash(_("Din adgangskode er ændret. Log ind med den nye."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    row = tokens.find_valid(token, tokens.INVITE)
    if row is None:
        return render_template("auth/token_invalid.html"), 404
    form = InvitationForm()
    if request.method == "GET":
        form.name.data = row.member.name
    if form.validate_on_submit():
        member = service.set_password(row, form.password.data, name=form.name.data)
        logout_user()
        login_user(member)
        flash(_("Velkommen til Spredningsnetværket!"), "success")
        return redirect(url_for("dashboard.index"))
    return render_template("auth/invite.html", form=form, member=row.member)


