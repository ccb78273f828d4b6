"""Flags, the review queue, hide/restore, suspensions and the audit log.

Members may only flag; every other route answers a member with 403 before anything else.
Move, merge and split live in tool_views.py, imported at the end of this module.
"""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forum.auth.gate import safe_next
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit_labels, audit_log, flag, hide, suspend
from forum.moderation import queue as review_queue
from forum.moderation.blueprint import bp
from forum.moderation.forms import (
    FlagForm,
    HideForm,
    ReasonForm,
    SuspendForm,
)
from forum.moderation.models import Flag
from forum.permissions import visible_members
from forum.permissions.moderation import can_flag_post, can_suspend, can_view_moderation
from forum.threads import queries
from forum.threads.models import Post

AUDIT_PER_PAGE = 50


def _require_facilitator() -> None:
    if not can_view_moderation(current_user):
        abort(403)


def _post_or_404(post_id: int) -> Post:
    post = queries.visible_post(current_user, post_id)
    if post is None:
        abort(404)
    return post


def _thread_or_404(thread_id: int):
    thread = queries.visible_thread(current_user, thread_id)
    if thread is None:
        abort(404)
    return thread


def _back(default: str):
    return redirect(safe_next(request.form.get("next")) or default)


def _thread_url(post: Post) -> str:
    return url_for("threads.show", thread_id=post.thread_id, _anchor=f"post-{post.id}")


def _errors(form) -> str:
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


# --- flags -----------------------------------------------------------------------------

@bp.post("/posts/<int:post_id>/flag")
def flag_post(post_id: int):
    post = _post_or_404(post_id)
    if not can_flag_post(current_user, post):
        abort(403)
    form = FlagForm()
    if not form.validate():
        flash(_("Skriv kort, hvad der er galt med indlægget (højst 1000 tegn)."), "error")
        return redirect(_thread_url(post))
    try:
        flag.flag_post(post, current_user, form.reason.data)
    except flag.FlagError as error:
        flash(str(error), "error")
    else:
        flash(_("Tak. Tovholderne ser på indlægget."), "success")
    return redirect(_thread_url(post))


@bp.get("/moderation")
def queue():
    _require_facilitator()
    return render_template(
        "moderation/queue.html",
        flagged=review_queue.open_flags(current_user),
        hidden=review_queue.hidden_posts(current_user),
        hide_form=HideForm(),
        reason_form=ReasonForm(),
    )


def _open_flag_or_404(flag_id: int) -> Flag:
    _require_facilitator()
    item = review_queue.flag_by_id(flag_id)
    if item is None or queries.visible_post(current_user, item.post_id) is None:
        abort(404)
    return item


@bp.post("/moderation/flags/<int:flag_id>/dismiss")
def dismiss_flag(flag_id: int):
    item = _open_flag_or_404(flag_id)
    form = ReasonForm()
    try:
        flag.dismiss(item, current_user, form.reason.data or "")
    except flag.FlagError as error:
        flash(str(error), "error")
    else:
        flash(_("Anmeldelsen er afvist. Indlægget er uændret."), "success")
    return redirect(url_for("moderation.queue"))


@bp.post("/moderation/flags/<int:flag_id>/edited")
def resolve_flag_edited(flag_id: int):
    item = _open_flag_or_404(flag_id)
    form = ReasonForm()
    try:
        flag.resolve_edited(item, current_user, form.reason.data or "")
    except flag.FlagError as error:
        flash(str(error), "error")
    else:
        flash(_("Anmeldelsen er lukket som redigeret."), "success")
    return redirect(url_for("moderation.queue"))


# --- hide and restore ------------------------------------------------------------------

@bp.post("/posts/<int:post_id>/hide")
def hide_post(post_id: int):
    _require_facilitator()
    post = _post_or_404(post_id)
    form = HideForm()
    if not form.validate():
        flash(_("Skriv en begrundelse, som forfatteren kan se (højst 500 tegn)."), "error")
        return _back(url_for("moderation.queue"))
    try:
        hide.hide_post(post, current_user, form.reason.data)
    except flag.FlagError as error:
        flash(str(error), "error")
    else:
        flash(_("Indlægget er skjult. Forfatteren kan se det og begrundelsen."), "success")
    return _back(url_for("moderation.queue"))


@bp.post("/posts/<int:post_id>/restore")
def restore_post(post_id: int):
    _require_facilitator()
    post = _post_or_404(post_id)
    form = ReasonForm()
    try:
        hide.restore_post(post, current_user, (form.reason.data or "")[:1000])
    except flag.FlagError as error:
        flash(str(error), "error")
    else:
        flash(_("Indlægget er synligt igen."), "success")
    return _back(url_for("moderation.queue"))


# --- suspensions -----------------------------------------------------------------------

def _suspend_form() -> SuspendForm:
    form = SuspendForm()
    candidates = db.session.scalars(visible_members().order_by(Member.name)).all()
    form.member.choices = [
        SelectChoice(m.id, f"{m.name} ({m.organization.name})") for m in candidates if can_suspend(current_user, m)
    ]
    return form


@bp.route("/moderation/suspensions", methods=["GET", "POST"])
def suspensions():
    _require_facilitator()
    form = _suspend_form()
    if form.validate_on_submit():
        target = db.session.get(Member, form.member.data)
        try:
            suspend.suspend(target, current_user, form.reason.data, form.until.data)
        except suspend.SuspensionError as error:
            flash(str(error), "error")
        else:
            flash(_("%(name)s er suspenderet.", name=target.name), "success")
            return redirect(url_for("moderation.suspensions"))
    return render_template(
        "moderation/suspensions.html", form=form, suspended=suspend.suspended_members(),
        is_indefinite=suspend.is_indefinite, lift_form=ReasonForm(),
    ), 200 if request.method == "GET" or not form.errors else 422


@bp.post("/moderation/suspensions/<int:member_id>/lift")
def lift_suspension(member_id: int):
    _require_facilitator()
    target = db.session.get(Member, member_id)
    if target is None:
        abort(404)
    form = ReasonForm()
    try:
        suspend.lift(target, current_user, form.reason.data or "")
    except suspend.SuspensionError as error:
        flash(str(error), "error")
    else:
        flash(_("Suspensionen af %(name)s er ophævet.", name=target.name), "success")
    return redirect(url_for("moderation.suspensions"))


# --- audit log -------------------------------------------------------------------------

@bp.get("/moderation/audit")
def audit_page():
    _require_facilitator()
    filters = audit_log.filters_from(request.args)
    page = max(min(request.args.get("page", 1, type=int), 100_000), 1)
    pagination = db.paginate(audit_log.query(filters), page=page, per_page=AUDIT_PER_PAGE, error_out=False)
    return render_template(
        "moderation/audit.html", pagination=pagination, filters=filters,
        actions=audit_log.actions(), actors=audit_log.actors(),
        action_label=audit_labels.action_label, target_label=audit_labels.target_label,
    )


@bp.get("/moderation/audit.csv")
def audit_csv():
    _require_facilitator()
    body = audit_log.as_csv(audit_log.filters_from(request.args))
    return Response(
        body, mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=audit-log.csv"},
    )


from forum.moderation import tool_views  # noqa: E402, F401 - registers move/merge/split routes
