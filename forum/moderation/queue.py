"""What the review queue shows: open flags grouped by post, with the post in context, and
the hidden posts (to restore). Facilitators only, so no visible_* filter narrows it beyond
what a facilitator may see: deleted posts and threads are left out."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased, joinedload

from forum.extensions import db
from forum.moderation.models import Flag, FlagStatus
from forum.permissions.threads import visible_posts
from forum.threads.models import Post

QUEUE_LIMIT = 200


@dataclass
class FlaggedPost:
    post: Post
    flags: list[Flag] = field(default_factory=list)
    before: Post | None = None  # the post just above it in the thread, for context


def open_flags(facilitator) -> list[FlaggedPost]:
    visible = visible_posts(facilitator).with_only_columns(Post.id)
    flags = db.session.scalars(
        select(Flag)
        .where(Flag.status == FlagStatus.OPEN, Flag.post_id.in_(visible))
        .options(joinedload(Flag.reporter))
        .order_by(Flag.created_at, Flag.id)
        .limit(QUEUE_LIMIT)
    ).all()
    grouped: dict[int, FlaggedPost] = {}
    for flag in flags:
        grouped.setdefault(flag.post_id, FlaggedPost(post=None)).flags.append(flag)
    if not grouped:
        return []
    posts = db.session.scalars(
        select(Post).where(Post.id.in_(grouped)).options(joinedload(Post.author), joinedload(Post.thread))
    ).all()
    for post in posts:
        grouped[post.id].post = post
    for post_id, before in _posts_before(facilitator, list(grouped)).items():
        grouped[post_id].before = before
    return [item for item in grouped.values() if item.post is not None]


def _posts_before(facilitator, post_ids: list[int]) -> dict[int, Post]:
    """The visible post just above each of `post_ids` in its thread, in two statements for the whole queue."""
    flagged = aliased(Post)
    before_id = (
        visible_posts(facilitator).with_only_columns(Post.id)
        .where(Post.thread_id == flagged.thread_id, Post.number < flagged.number)
        .order_by(Post.number.desc()).limit(1)
        .correlate(flagged).scalar_subquery()
    )
    pairs = dict(db.session.execute(select(flagged.id, before_id).where(flagged.id.in_(post_ids))).all())
    wanted = {before for before in pairs.values() if before is not None}
    if not wanted:
        return {}
    befores = {post.id: post for post in db.session.scalars(
        select(Post).where(Post.id.in_(wanted)).options(joinedload(Post.author))
    )}
    return {post_id: befores[before] for post_id, before in pairs.items() if before in befores}


def hidden_posts(facilitator, limit: int = QUEUE_LIMIT) -> list[Post]:
    return list(db.session.scalars(
        visible_posts(facilitator)
        .where(Post.hidden.is_(True))
        .options(joinedload(Post.author), joinedload(Post.thread))
        .order_by(Post.hidden_at.desc(), Post.id.desc())
        .limit(limit)
    ))


def flag_by_id(flag_id: int) -> Flag | None:
    return db.session.get(Flag, flag_id)
