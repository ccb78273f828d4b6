"""Split replies off into a new thread with its own title.

The chosen replies keep their order; the first of them opens the new thread (its author is
the new thread's author). The new thread gets the old one's phases and route; the authors
of the moved posts watch it.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit, reorder
from forum.threads.models import Post, Thread, ThreadWatch
from forum.threads.service import TITLE_MAX


class SplitError(Exception):
    """str(error) is the message to show."""


def split_thread(thread: Thread, post_ids: Iterable[int], title: str, actor: Member, reason: str = "") -> Thread:
    title = " ".join((title or "").split())
    if not title:
        raise SplitError(_l("Den nye tråd skal have en titel."))
    if len(title) > TITLE_MAX:
        raise SplitError(_l("Titlen må højst være %(max)d tegn.", max=TITLE_MAX))
    wanted = {int(i) for i in post_ids}
    posts = list(db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.id.in_(wanted), Post.deleted_at.is_(None))
        .order_by(Post.number)
    )) if wanted else []
    if not posts or len(posts) != len(wanted):
        raise SplitError(_l("Vælg de svar, der skal flyttes til den nye tråd."))
    if any(post.is_first for post in posts):
        raise SplitError(_l("Det første indlæg bliver i tråden. Vælg kun svar."))
    new = Thread(title=title, author_id=posts[0].author_id, route=thread.route, phases=list(thread.phases),
                 created_at=posts[0].created_at)
    db.session.add(new)
    db.session.flush()
    reorder.renumber(new, posts)
    for post in posts:
        post.thread = new
    for author_id in {post.author_id for post in posts}:
        if db.session.get(ThreadWatch, (author_id, new.id)) is None:
            db.session.add(ThreadWatch(member_id=author_id, thread_id=new.id, watching=True))
    reorder.refresh_counters(thread)
    reorder.refresh_counters(new)
    audit.record(actor, "split_thread", "thread", new.id,
                 f"{len(posts)} svar fra tråd {thread.id}. {reason}".strip()[:1000])
    db.session.commit()
    return new
