"""Routes on single posts and on the member's relation to threads (SPEC §4)."""
from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.markup import render_markdown
from forum.permissions.threads import can_delete_post, can_edit_post, can_view_revisions
from forum.threads import queries, reading, service, watching
from forum.threads.attachments import AttachmentError, AttachmentTooLarge, is_image, stored_path
from forum.threads.blueprint import bp
from forum.threads.forms import FirstPostEditForm, PostEditForm
from forum.threads.service import SOURCE_MAX, ThreadError


def _post_or_404(post_id: int):
    post = queries.visible_post(current_user, post_id)
    if post is None:
        abort(404)
    return post


def _thread_or_404(thread_id: int):
    thread = queries.visible_thread(current_user, thread_id)
    if thread is None:
        abort(404)
    return thread


@bp.get("/posts/<int:post_id>")
def permalink(post_id: int):
    """A post's lasting address: the page of its thread that shows it, for this member.

    Search results, mail and copied links point here, so the page is worked out only when
    somebody follows the link (and stays right after posts are hidden or moved)."""
    post = _post_or_404(post_id)
    page = queries.page_of_post(current_user, post)
    return redirect(url_for("threads.show", thread_id=post.thread_id, page=page, _anchor=f"post-{post.id}"))


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
def edit_post(post_id: int):
    post = _post_or_404(post_id)
    if not can_edit_post(current_user, post):
        abort(403)
    thread = post.thread
    if post.is_first:
        form = FirstPostEditForm(data={"title": thread.title, "body": post.body_source,
                                       "phases": [phase.slug for phase in thread.phases], "route": thread.route or ""})
        form.set_choices(queries.all_phases())
    else:
        form = PostEditForm(data={"body": post.body_source})
    if form.validate_on_submit():
        extra = {}
        if post.is_first:
            extra = {"title": form.title.data, "phase_slugs": form.phases.data or [], "route": form.route.data or ""}
        try:
            service.edit_post(post, current_user, form.body.data, files=form.attachments.data or [], **extra)
        except (ThreadError, AttachmentError) as error:
            if isinstance(error, AttachmentTooLarge):
                abort(413)
            flash(str(error), "error")
        else:
            flash(_("Indlægget er gemt."), "success")
            page = queries.page_of_post(current_user, post)
            return redirect(url_for("threads.show", thread_id=thread.id, page=page, _anchor=f"post-{post.id}"))
    elif request.method == "POST":
        flash(_("Tjek felterne markeret med fejl."), "error")
    status = 422 if request.method == "POST" else 200
    return render_template("threads/edit.html", form=form, post=post, thread=thread), status


@bp.post("/posts/<int:post_id>/delete")
def delete_post(post_id: int):
    post = _post_or_404(post_id)
    if not can_delete_post(current_user, post):
        abort(403)
    thread = post.thread
    was_first = post.is_first
    reason = "".join(ch for ch in (request.form.get("reason") or "") if ch >= " " or ch in "\n\t")
    service.delete_post(post, current_user, reason=reason.strip()[:1000])
    if was_first:
        flash(_("Tråden er slettet."), "success")
        return redirect(url_for("threads.index"))
    flash(_("Indlægget er slettet."), "success")
    return redirect(url_for("threads.show", thread_id=thread.id))


@bp.get("/posts/<int:post_id>/revisions")
def revisions(post_id: int):
    post = _post_or_404(post_id)
    if not can_view_revisions(current_user, post):
        abort(403)
    return render_template("threads/revisions.html", post=post, thread=post.thread,
                           revisions=service.revisions_of(post))


@bp.post("/threads/<int:thread_id>/watch")
def watch(thread_id: int):
    thread = _thread_or_404(thread_id)
    watching.watch(current_user, thread)
    flash(_("Du får besked, når der kommer nye svar i tråden."), "success")
    return redirect(url_for("threads.show", thread_id=thread.id))


@bp.post("/threads/<int:thread_id>/unwatch")
def unwatch(thread_id: int):
    thread = _thread_or_404(thread_id)
    watching.unwatch(current_user, thread)
    flash(_("Du får ikke længere besked om nye svar i tråden."), "success")
    return redirect(url_for("threads.show", thread_id=thread.id))


@bp.post("/threads/read-all")
def read_all():
    reading.mark_all_read(current_user)
    flash(_("Alle tråde er markeret som læst."), "success")
    return redirect(url_for("threads.index"))


@bp.get("/attachments/<int:attachment_id>/<path:filename>")
def attachment(attachment_id: int, filename: str):
    found = queries.attachment_for(current_user, attachment_id)
    if found is None or filename != found.filename:
        abort(404)
    path = stored_path(found.sha256)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=found.content_type, as_attachment=not is_image(found),
                         download_name=found.filename, conditional=True, etag=found.sha256, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    if is_image(found):
        # Shown inline (send_file says so); opened on its own it may still run nothing.
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.post("/preview")
def preview():
    """The sanitized HTML of a body being written, for the live preview (preview.js)."""
    source = request.form.get("body", "")
    if len(source) > SOURCE_MAX:
        abort(413)
    return jsonify({"html": render_markdown(source)})
