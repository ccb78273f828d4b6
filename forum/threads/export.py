"""The member's own threads, posts, attachments, watches and read marks, for /profile/export."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from forum.extensions import db
from forum.threads.models import Post, Thread, ThreadRead, ThreadWatch


def threads_export(member) -> tuple[str, dict]:
    """What the member wrote, including posts facilitators hid (they are still the member's);
    posts and threads they deleted are left out, as everywhere else."""
    posts = db.session.scalars(
        select(Post).join(Thread, Thread.id == Post.thread_id)
        .where(Post.author_id == member.id, Post.deleted_at.is_(None), Thread.deleted_at.is_(None))
        .options(selectinload(Post.attachments))
        .order_by(Post.id)
    ).all()
    titles = dict(db.session.execute(
        select(Thread.id, Thread.title).where(Thread.id.in_({post.thread_id for post in posts}))
    ).all()) if posts else {}
    watches = db.session.scalars(select(ThreadWatch).where(ThreadWatch.member_id == member.id)).all()
    reads = db.session.scalars(select(ThreadRead).where(ThreadRead.member_id == member.id)).all()
    return "threads", {
        "posts": [
            {
                "thread_id": post.thread_id,
                "thread_title": titles.get(post.thread_id),
                "opening_post": post.is_first,
                "body": post.body_source,
                "created_at": post.created_at.isoformat(),
                "edited_at": post.edited_at.isoformat() if post.edited_at else None,
                "hidden": post.hidden,
                "attachments": [{"filename": a.filename, "content_type": a.content_type, "size": a.size}
                                for a in post.attachments],
            }
            for post in posts
        ],
        "watching": [w.thread_id for w in watches if w.watching],
        "not_watching": [w.thread_id for w in watches if not w.watching],
        "read_marks": [{"thread_id": r.thread_id, "last_read_number": r.last_read_number} for r in reads],
    }
