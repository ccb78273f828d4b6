"""Watching threads, and telling watchers about new replies (in-app and by mail)."""
from __future__ import annotations

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from forum.extensions import db
from forum.members.models import Member
from forum.notify.outbox import notify
from forum.permissions.threads import can_view_post
from forum.threads.models import Post, Thread, ThreadWatch


def is_watching(member: Member, thread: Thread) -> bool:
    row = db.session.get(ThreadWatch, (member.id, thread.id))
    return bool(row and row.watching)


def _set_watch(member: Member, thread: Thread, watching: bool) -> None:
    row = db.session.get(ThreadWatch, (member.id, thread.id))
    if row is None:
        db.session.add(ThreadWatch(member_id=member.id, thread_id=thread.id, watching=watching))
    else:
        row.watching = watching


def watch(member: Member, thread: Thread) -> None:
    _set_watch(member, thread, True)
    db.session.commit()


def unwatch(member: Member, thread: Thread) -> None:
    """Stop hearing about `thread`; remembered, so replying later does not re-watch it."""
    _set_watch(member, thread, False)
    db.session.commit()


def watch_on_posting(member: Member, thread: Thread) -> None:
    """Starting or replying watches a thread, unless the member has unwatched it before."""
    if db.session.get(ThreadWatch, (member.id, thread.id)) is None:
        db.session.add(ThreadWatch(member_id=member.id, thread_id=thread.id, watching=True))


def post_url(post: Post) -> str:
    """The path of a post on its thread page; works with or without a request."""
    if has_request_context():
        return url_for("threads.show", thread_id=post.thread_id, unread=1, _anchor=f"post-{post.id}")
    adapter = current_app.url_map.bind("localhost")
    return adapter.build("threads.show", {"thread_id": post.thread_id, "unread": 1}) + f"#post-{post.id}"


def notify_watchers(thread: Thread, post: Post, author: Member) -> int:
    """Notify every watcher but the author, in the caller's transaction.

    Nobody hears about a hidden thread, and a watcher who may not see the post is skipped.
    """
    if thread.hidden:
        return 0
    watchers = db.session.scalars(
        select(Member)
        .join(ThreadWatch, ThreadWatch.member_id == Member.id)
        .where(ThreadWatch.thread_id == thread.id, ThreadWatch.watching.is_(True),
               Member.id != author.id, Member.active.is_(True))
        .order_by(Member.id)
    ).all()
    path = post_url(post)
    sent = 0
    for watcher in watchers:
        if not can_view_post(watcher, post):
            continue
        with force_locale(watcher.language):
            text = _("%(name)s har svaret i »%(title)s«", name=author.name, title=thread.title)
        # notify() also queues the mail, as the member's notification choices say.
        notify(watcher, "reply", text, path)
        sent += 1
    return sent
