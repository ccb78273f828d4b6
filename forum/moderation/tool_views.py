"""Move, merge and split: the thread tools page and its POST routes (facilitators only)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from forum.extensions import db
from forum.moderation import merge, move, split
from forum.moderation.blueprint import bp
from forum.moderation.forms import MoveThreadForm, SplitForm, TargetThreadForm
from forum.moderation.views import _errors, _post_or_404, _require_facilitator, _thread_or_404, _thread_url
from forum.templating import phase_label
from forum.threads import queries
from forum.threads.models import Post

# --- move, merge, split ----------------------------------------------------------------

def _move_form(thread=None) -> MoveThreadForm:
    form = MoveThreadForm() if request.method == "POST" else MoveThreadForm(
        phases=[p.slug for p in thread.phases], route=thread.route or ""
    )
    form.set_choices(queries.all_phases(), phase_label)
    return form


def _split_form(thread) -> SplitForm:
    form = SplitForm()
    replies = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.number > 1, Post.deleted_at.is_(None))
        .options(joinedload(Post.author)).order_by(Post.number).limit(500)
    ).all()
    form.posts.choices = [SelectChoice(p.id, f"#{p.number} {p.author.name}: {p.body_source[:80]}") for p in replies]
    return form


@bp.get("/moderation/threads/<int:thread_id>")
def thread_tools(thread_id: int):
    _require_facilitator()
    thread = _thread_or_404(thread_id)
    return render_template(
        "moderation/thread_tools.html", thread=thread, move_form=_move_form(thread),
        merge_form=TargetThreadForm(), split_form=_split_form(thread),
    )


@bp.post("/threads/<int:thread_id>/move")
def move_thread(thread_id: int):
    _require_facilitator()
    thread = _thread_or_404(thread_id)
    form = _move_form()
    if not form.validate():
        flash(_errors(form), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=thread.id))
    try:
        move.move_thread(thread, current_user, form.phases.data or [], form.route.data or None, form.reason.data or "")
    except move.MoveError as error:
        flash(str(error), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=thread.id))
    flash(_("Tråden er flyttet."), "success")
    return redirect(url_for("threads.show", thread_id=thread.id))


@bp.post("/threads/<int:thread_id>/merge")
def merge_thread(thread_id: int):
    _require_facilitator()
    source = _thread_or_404(thread_id)
    form = TargetThreadForm()
    target = queries.visible_thread(current_user, form.target.data) if form.validate() else None
    if target is None:
        flash(_errors(form) or _("Der findes ingen tråd med det nummer."), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=source.id))
    try:
        merge.merge_thread(source, target, current_user, form.reason.data or "")
    except merge.MergeError as error:
        flash(str(error), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=source.id))
    flash(_("Trådene er flettet."), "success")
    return redirect(url_for("threads.show", thread_id=target.id))


@bp.post("/threads/<int:thread_id>/split")
def split_thread(thread_id: int):
    _require_facilitator()
    thread = _thread_or_404(thread_id)
    form = _split_form(thread)
    if not form.validate():
        flash(_errors(form), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=thread.id))
    try:
        new = split.split_thread(thread, form.posts.data, form.title.data, current_user, form.reason.data or "")
    except split.SplitError as error:
        flash(str(error), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=thread.id))
    flash(_("Svarene er flyttet til en ny tråd."), "success")
    return redirect(url_for("threads.show", thread_id=new.id))


@bp.post("/posts/<int:post_id>/move")
def move_post(post_id: int):
    _require_facilitator()
    post = _post_or_404(post_id)
    form = TargetThreadForm()
    target = queries.visible_thread(current_user, form.target.data) if form.validate() else None
    if target is None:
        flash(_errors(form) or _("Der findes ingen tråd med det nummer."), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=post.thread_id))
    try:
        move.move_post(post, target, current_user, form.reason.data or "")
    except move.MoveError as error:
        flash(str(error), "error")
        return redirect(url_for("moderation.thread_tools", thread_id=post.thread_id))
    flash(_("Indlægget er flyttet."), "success")
    return redirect(_thread_url(post))
