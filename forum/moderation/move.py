"""Move: there are no categories here, so a thread "moves" between phases and routes of the
Spredningsguide, and a single reply moves to another thread (appended at its end)."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit, reorder
from forum.threads.models import ROUTES, Post, Thread
from forum.threads.service import ThreadError, phases_by_slug


class MoveError(Exception):
    """str(error) is the message to show."""


def move_thread(thread: Thread, actor: Member, phase_slugs: Iterable[str], route: str | None, reason: str = "") -> None:
    """Put `thread` under other phases and/or another route."""
    route = route or None
    if route is not None and route not in ROUTES:
        raise MoveError(_l("Ukendt rute."))
    try:
        phases = phases_by_slug(phase_slugs)
    except ThreadError as error:
        raise MoveError(str(error)) from error
    before = ",".join(p.slug for p in thread.phases) + f"/{thread.route or '-'}"
    thread.phases = phases
    thread.route = route
    after = ",".join(p.slug for p in phases) + f"/{route or '-'}"
    audit.record(actor, "move_thread", "thread", thread.id, f"{before} -> {after}. {reason}".strip()[:1000])
    db.session.commit()


def move_post(post: Post, target: Thread, actor: Member, reason: str = "") -> None:
    """Move a reply to the end of `target`; both threads' counters follow."""
    source = post.thread
    if post.is_first:
        raise MoveError(_l("Det første indlæg kan ikke flyttes. Del tråden eller flet den i stedet."))
    if target.id == source.id:
        raise MoveError(_l("Indlægget er allerede i den tråd."))
    if target.deleted_at is not None:
        raise MoveError(_l("Tråden findes ikke."))
    post.number = reorder.next_number(target)
    post.thread_id = target.id
    post.thread = target
    reorder.refresh_counters(source)
    reorder.refresh_counters(target)
    audit.record(actor, "move_post", "post", post.id, f"tråd {source.id} -> {target.id}. {reason}".strip()[:1000])
    db.session.commit()
