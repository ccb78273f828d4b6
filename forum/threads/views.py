"""Thread pages: the list, a new thread, the thread page and replying (SPEC §4).

Post-level routes (edit, delete, revisions, watching, attachments, preview) are in
post_views.py on the same blueprint.
"""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.pagecache import cached_page
from forum.permissions.threads import (
    can_moderate,
    can_reply,
)
from forum.threads import (
    fragments,
    post_views,  # noqa: F401 - registers the post routes on bp
    queries,
    reading,
    watching,
)
from forum.threads.attachments import AttachmentError, AttachmentTooLarge
from forum.threads.blueprint import bp
from forum.threads.forms import ReplyForm, ThreadForm
from forum.threads.panels import panels_for
from forum.threads.service import ThreadError, reply, start_thread

__all__ = ["bp"]


def page_argument() -> int:
    page = request.args.get("page", 1, type=int)
    return page if page and 0 < page < 100_000 else 1


def refused(error: Exception):
    """Turn a refused upload into 413 and anything else into a flash on the form."""
    if isinstance(error, AttachmentTooLarge):
        abort(413)
    flash(str(error), "error")


@bp.get("/threads")
@cached_page
def index():
    phase = queries.phase_by_slug(request.args.get("phase"))
    route = request.args.get("route") if request.args.get("route") in ("share", "reuse") else None
    pagination, unread = queries.thread_list(current_user, page_argument(), phase=phase, route=route)
    return render_template("threads/index.html", pagination=pagination,
                           rows=fragments.rendered_thread_rows(pagination.items, unread), phase=phase, route=route,
                           phases=queries.all_phases())


@bp.route("/threads/new", methods=["GET", "POST"])
def new():
    form = ThreadForm()
    form.set_choices(queries.all_phases())
    if form.validate_on_submit():
        try:
            thread = start_thread(current_user, form.title.data, form.body.data, form.phases.data or [],
                                  form.route.data or None, files=form.attachments.data or [])
        except (ThreadError, AttachmentError) as error:
            refused(error)
        else:
            flash(_("Din tråd er oprettet."), "success")
            return redirect(url_for("threads.show", thread_id=thread.id))
    elif request.method == "POST":
        flash(_("Tjek felterne markeret med fejl."), "error")
    return render_template("threads/new.html", form=form), 422 if request.method == "POST" else 200


@bp.get("/threads/<int:thread_id>")
@cached_page
def show(thread_id: int):
    thread = queries.visible_thread(current_user, thread_id)
    if thread is None:
        abort(404)
    if request.args.get("unread"):
        target = reading.first_unread_post(current_user, thread)
        if target is None:
            return redirect(url_for("threads.show", thread_id=thread.id, page=max(_last_page(thread), 1)))
        page = queries.page_of_post(current_user, target)
        return redirect(url_for("threads.show", thread_id=thread.id, page=page, _anchor=f"post-{target.id}"))
    pagination = queries.post_page(current_user, thread, page_argument())
    if pagination.page > 1 and not pagination.items:
        abort(404)
    member = current_user._get_current_object()  # the member itself: read below for every post
    already_read = reading.last_read_number(member, thread)
    if pagination.items and pagination.items[-1].number > already_read:
        reading.mark_read(member, thread, pagination.items[-1].number)
    may_flag = "moderation.flag_post" in current_app.view_functions
    posts = fragments.rendered_posts(member, pagination.items, already_read, may_flag)
    return render_template(
        "threads/show.html", thread=thread, pagination=pagination, rendered_posts=posts,
        may_reply=can_reply(member, thread), may_moderate=can_moderate(member),
        watching=watching.is_watching(member, thread), form=ReplyForm(),
        thread_panels=panels_for(thread, member),
    )


def _last_page(thread) -> int:
    count = max(thread.post_count, 1)
    return (count - 1) // queries.POSTS_PER_PAGE + 1


@bp.post("/threads/<int:thread_id>/posts")
def create_reply(thread_id: int):
    thread = queries.visible_thread(current_user, thread_id)
    if thread is None:
        abort(404)
    if not can_reply(current_user, thread):
        return render_template("threads/locked.html", thread=thread), 403
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            post = reply(thread, current_user, form.body.data, files=form.attachments.data or [])
        except (ThreadError, AttachmentError) as error:
            refused(error)
        else:
            flash(_("Dit svar er sendt."), "success")
            page = queries.page_of_post(current_user, post)
            return redirect(url_for("threads.show", thread_id=thread.id, page=page, _anchor=f"post-{post.id}"))
    else:
        flash(_("Skriv et svar, før du sender det."), "error")
    return render_template("threads/reply.html", thread=thread, form=form), 422
