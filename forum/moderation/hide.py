"""Hide a post (with a reason its author sees) and restore it.

A hidden post is gone for everyone but its author and facilitators: the permission filters
read Post.hidden, and the search index follows through its session hooks. Hiding the
opening post hides only that post (its author still sees it, marked); the thread and its
title stay listed. A facilitator who wants the whole thread gone edits the title or deletes it.
"""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit
from forum.moderation.flag import FlagError, clean_reason, close_open_flags
from forum.moderation.models import FlagStatus
from forum.notify.outbox import notify
from forum.threads.models import Post


class HideError(FlagError):
    """Hiding or restoring is refused."""


def post_path(post: Post) -> str:
    return f"/threads/{post.thread_id}#post-{post.id}"


def hide_post(post: Post, actor: Member, reason: str) -> None:
    """Hide `post`, close its open flags and tell its author why, in one transaction."""
    reason = clean_reason(reason)
    if len(reason) > 500:
        raise HideError(_l("Begrundelsen må højst være %(max)d tegn.", max=500))
    if post.hidden:
        raise HideError(_l("Indlægget er allerede skjult."))
    post.hidden = True
    post.hidden_reason = reason
    post.hidden_by_id = actor.id
    post.hidden_at = utcnow()
    close_open_flags(post, actor, FlagStatus.HIDDEN)
    audit.record(actor, "hide_post", "post", post.id, reason)
    author = post.author
    if author.id != actor.id:
        with force_locale(author.language):
            text = _("Tovholderne har skjult dit indlæg i »%(title)s«. Begrundelse: %(reason)s",
                     title=post.thread.title, reason=reason)
        notify(author, "moderation", text, post_path(post))
    db.session.commit()


def restore_post(post: Post, actor: Member, reason: str = "") -> None:
    if not post.hidden:
        raise HideError(_l("Indlægget er ikke skjult."))
    post.hidden = False
    post.hidden_reason = ""
    post.hidden_by_id = None
    post.hidden_at = None
    audit.record(actor, "restore_post", "post", post.id, clean_reason(reason, required=False))
    author = post.author
    if author.id != actor.id:
        with force_locale(author.language):
            text = _("Tovholderne har gjort dit indlæg i »%(title)s« synligt igen.", title=post.thread.title)
        notify(author, "moderation", text, post_path(post))
    db.session.commit()
