"""Keep a thread's numbering and counters right when posts change threads.

Shared by move, merge and split. Numbers are unique per thread, so posts get temporary
negative numbers first; the opening post is always number 1. Counters follow the threads
package's rule: post_count counts posts not deleted; the last one sets last_post_*.
"""
from __future__ import annotations

from sqlalchemy import func, select

from forum.extensions import db
from forum.threads.models import Post, Thread


def next_number(thread: Thread) -> int:
    return (db.session.scalar(select(func.max(Post.number)).where(Post.thread_id == thread.id)) or 0) + 1


def renumber(thread: Thread, posts_in_order: list[Post]) -> None:
    """Give `posts_in_order` (every post of `thread`) the numbers 1, 2, 3 ..."""
    for index, post in enumerate(posts_in_order, start=1):
        post.thread = thread
        post.number = -index
    db.session.flush()
    for index, post in enumerate(posts_in_order, start=1):
        post.number = index
    db.session.flush()


def refresh_counters(thread: Thread) -> None:
    db.session.flush()
    live = select(Post).where(Post.thread_id == thread.id, Post.deleted_at.is_(None))
    thread.post_count = db.session.scalar(select(func.count()).select_from(live.subquery()))
    last = db.session.scalar(live.order_by(Post.number.desc()).limit(1))
    if last is not None:
        thread.last_post_id = last.id
        thread.last_post_author_id = last.author_id
        thread.last_activity_at = last.created_at
    else:
        thread.last_post_id = None
        thread.last_post_author_id = None


def posts_of(thread: Thread) -> list[Post]:
    return list(db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.number)))
