"""The daily digest: opt-in, and only what the member may see when it is written.

New threads (by phase) and replies in watched threads come from the permission filters
at digest time, so a post hidden since it was written is not in the digest. Other events
the member chose to get daily (mentions, sparring, meetings, moderation) come from their
notifications. `flask mail digest` runs this once a day; a member gets at most one digest
in 20 hours, and each event is in one digest only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.members.service import may_log_in
from forum.notify import links, preferences
from forum.notify.models import DigestState, Notification, NotificationPreference
from forum.notify.outbox import queue_mail
from forum.permissions.threads import visible_posts, visible_threads
from forum.threads.models import Post, Thread, ThreadWatch

MIN_GAP = timedelta(hours=20)
FIRST_WINDOW = timedelta(days=1)
LIMIT = 50


@dataclass
class Digest:
    threads_by_phase: list[tuple[str, list[dict]]] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.threads_by_phase or self.replies or self.events)


def build_digest(member: Member, since: datetime, until: datetime) -> Digest:
    chosen = preferences.choices(member)
    digest = Digest()
    language = member.language or "da"
    if chosen["new_threads"] == preferences.DIGEST:
        threads = db.session.scalars(
            visible_threads(member)
            .where(Thread.created_at > since, Thread.created_at <= until, Thread.author_id != member.id)
            .order_by(Thread.created_at).limit(LIMIT)
        ).all()
        groups: dict[str, list[dict]] = {}
        order: list[str] = []
        for thread in threads:
            labels = [phase.label(language) for phase in thread.phases] or [""]
            for label in labels:
                if label not in groups:
                    groups[label] = []
                    order.append(label)
                groups[label].append({"title": thread.title, "url": links.absolute(f"/threads/{thread.id}"),
                                      "author": thread.author.name})
        digest.threads_by_phase = [(label, groups[label]) for label in order]
    if chosen["reply"] == preferences.DIGEST:
        watched = select(ThreadWatch.thread_id).where(ThreadWatch.member_id == member.id,
                                                      ThreadWatch.watching.is_(True))
        posts = db.session.scalars(
            visible_posts(member)
            .where(Post.thread_id.in_(watched), Post.number > 1, Post.author_id != member.id,
                   Post.created_at > since, Post.created_at <= until)
            .options(joinedload(Post.author), joinedload(Post.thread))
            .order_by(Post.created_at).limit(LIMIT * 4)
        ).all()
        by_thread: dict[int, dict] = {}
        for post in posts:
            entry = by_thread.setdefault(post.thread_id, {
                "title": post.thread.title, "count": 0, "authors": [],
                "url": links.absolute(f"/threads/{post.thread_id}#post-{post.id}"),
            })
            entry["count"] += 1
            if post.author.name not in entry["authors"]:
                entry["authors"].append(post.author.name)
        digest.replies = list(by_thread.values())[:LIMIT]
    daily = {kind for kind, value in chosen.items() if value == preferences.DIGEST and kind not in ("reply", "new_threads")}
    if daily:
        notifications = db.session.scalars(
            select(Notification)
            .where(Notification.member_id == member.id, Notification.created_at > since,
                   Notification.created_at <= until)
            .order_by(Notification.created_at).limit(LIMIT * 4)
        ).all()
        digest.events = [
            {"text": n.text, "url": links.absolute(n.url)}
            for n in notifications if preferences.kind_group(n.kind) in daily
        ][:LIMIT]
    return digest


def queue_digests(now: datetime | None = None, today: date | None = None) -> int:
    """Queue today's digests and commit; returns how many were queued."""
    now = now or utcnow()
    today = today or now.date()
    queued = 0
    opted_in = select(NotificationPreference.member_id).where(
        NotificationPreference.delivery == preferences.DIGEST
    )
    members = db.session.scalars(
        select(Member).where(Member.active.is_(True), Member.id.in_(opted_in)).order_by(Member.id)
    ).all()
    for member in members:
        if not may_log_in(member, today, now):
            continue
        state = db.session.get(DigestState, member.id)
        if state is not None and now - state.last_sent_at < MIN_GAP:
            continue
        since = state.last_sent_at if state is not None else now - FIRST_WINDOW
        digest = build_digest(member, since, now)
        if not digest.empty:
            queue_mail(member, "digest", digest=digest)
            queued += 1
        if state is None:
            db.session.add(DigestState(member_id=member.id, last_sent_at=now))
        else:
            state.last_sent_at = now
    db.session.commit()
    return queued
