"""POST /threads/<id>/pin, /unpin, /lock, /unlock: facilitators only (SPEC §4)."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.moderation import lock, pin
from forum.moderation.blueprint import bp
from forum.permissions.threads import can_moderate
from forum.threads import queries


def _moderated_thread(thread_id: int):
    thread = queries.visible_thread(current_user, thread_id)
    if thread is None:
        abort(404)
    if not can_moderate(current_user):
        abort(403)
    return thread


def _reason() -> str:
    """The optional reason, without control characters (PostgreSQL refuses NUL in text)."""
    text = "".join(ch for ch in (request.form.get("reason") or "") if ch >= " " or ch in "\n\t")
    return text.strip()[:1000]


def _back(thread):
    return redirect(url_for("threads.show", thread_id=thread.id))


@bp.post("/threads/<int:thread_id>/pin")
def pin_thread(thread_id: int):
    thread = _moderated_thread(thread_id)
    pin.pin(thread, current_user, _reason())
    flash(_("Tråden er fastgjort øverst."), "success")
    return _back(thread)


@bp.post("/threads/<int:thread_id>/unpin")
def unpin_thread(thread_id: int):
    thread = _moderated_thread(thread_id)
    pin.unpin(thread, current_user, _reason())
    flash(_("Tråden er ikke længere fastgjort."), "success")
    return _back(thread)


@bp.post("/threads/<int:thread_id>/lock")
def lock_thread(thread_id: int):
    thread = _moderated_thread(thread_id)
    lock.lock(thread, current_user, _reason())
    flash(_("Tråden er låst. Kun tovholdere kan svare i den."), "success")
    return _back(thread)


@bp.post("/threads/<int:thread_id>/unlock")
def unlock_thread(thread_id: int):
    thread = _moderated_thread(thread_id)
    lock.unlock(thread, current_user, _reason())
    flash(_("Tråden er låst op igen."), "success")
    return _back(thread)
