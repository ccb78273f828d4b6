"""A member's right to be forgotten: asking to be deleted, and an admin anonymising them.

The member row stays (posts, RSVPs, reuse steps and the audit log point to it), but
everything that says who the person was goes: name, email, phone, title, bio, password,
sessions, tokens, notifications, watches, pending mail and the application they joined
with. Their posts stay under the name "Tidligere medlem", or are removed, as the admin
chooses. Memberships stay: they are the network's accounting (fees, seats per year).
"""
from __future__ import annotations

from pathlib import Path

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import joinedload

from forum.auth.models import AuthToken
from forum.db import utcnow
from forum.extensions import db
from forum.meetings.models import CalendarToken
from forum.members.applications import Application
from forum.members.deletion_models import DeletionRequest, DeletionStatus, PostChoice
from forum.members.models import Member, Role
from forum.moderation import audit
from forum.notify.models import DigestState, Notification, NotificationPreference, OutboxMail
from forum.notify.outbox import notify
from forum.sparring.models import SparringProfile
from forum.threads.attachments import stored_path
from forum.threads.models import Attachment, Post, PostRevision, Thread, ThreadRead, ThreadWatch

ANONYMOUS_NAME = "Tidligere medlem"
REMOVED_TEXT = "*Indlægget er fjernet, fordi forfatteren har forladt netværket.*"
REMOVED_HTML = "<p><em>Indlægget er fjernet, fordi forfatteren har forladt netværket.</em></p>"
REASON_MAX = 1000


class DeletionError(Exception):
    """The request cannot be carried out; str(error) is the message to show."""


def placeholder_email(member: Member) -> str:
    """Unique (the id is) and undeliverable (.invalid is reserved, RFC 2606)."""
    return f"tidligere-medlem-{member.id}@slettet.invalid"


def pending_request(member: Member) -> DeletionRequest | None:
    return db.session.scalar(
        select(DeletionRequest).where(DeletionRequest.member_id == member.id,
                                      DeletionRequest.status == DeletionStatus.PENDING)
    )


def request_deletion(member: Member, reason: str = "") -> DeletionRequest:
    """Record the member's wish to be deleted and tell the admins. Asking twice is one request."""
    existing = pending_request(member)
    if existing is not None:
        return existing
    reason = (reason or "").replace("\x00", "").strip()
    if len(reason) > REASON_MAX:
        raise DeletionError(_l("Begrundelsen må højst være %(max)d tegn.", max=REASON_MAX))
    row = DeletionRequest(member_id=member.id, reason=reason, status=DeletionStatus.PENDING)
    db.session.add(row)
    db.session.flush()
    audit.record(member, "deletion_requested", "member", member.id)
    admins = db.session.scalars(select(Member).where(Member.role == Role.ADMIN.value, Member.active.is_(True)))
    for admin in admins:
        with force_locale(admin.language or "da"):
            text = _("%(name)s har bedt om at blive slettet.", name=member.name)
        notify(admin, "moderation", text, "/admin/deletions")
    db.session.commit()
    return row


def pending_requests() -> list[DeletionRequest]:
    return list(db.session.scalars(
        select(DeletionRequest).where(DeletionRequest.status == DeletionStatus.PENDING)
        .options(joinedload(DeletionRequest.member), joinedload(DeletionRequest.handled_by))
        .order_by(DeletionRequest.created_at, DeletionRequest.id)
    ))


def handled_requests(limit: int = 50) -> list[DeletionRequest]:
    return list(db.session.scalars(
        select(DeletionRequest).where(DeletionRequest.status == DeletionStatus.DONE)
        .options(joinedload(DeletionRequest.member), joinedload(DeletionRequest.handled_by))
        .order_by(DeletionRequest.handled_at.desc()).limit(limit)
    ))


def anonymise(row: DeletionRequest, actor: Member, posts: str) -> Member:
    """Carry out a deletion request in one transaction; `posts` is PostChoice.KEEP or REMOVE."""
    if posts not in (PostChoice.KEEP, PostChoice.REMOVE):
        raise DeletionError(_l("Vælg, om indlæggene skal blive eller fjernes."))
    if row.status != DeletionStatus.PENDING:
        raise DeletionError(_l("Anmodningen er allerede behandlet."))
    member = row.member
    if member.id == actor.id:
        raise DeletionError(_l("Du kan ikke anonymisere dig selv; bed en anden administrator om det."))
    old_email = member.email
    orphaned: set[str] = set()
    if posts == PostChoice.REMOVE:
        orphaned = _remove_posts(member)
    _forget_personal_data(member, old_email)
    member.name = ANONYMOUS_NAME
    member.email = placeholder_email(member)
    member.title = ""
    member.phone = ""
    member.bio = ""
    member.show_email = False
    member.show_phone = False
    member.password_hash = None
    member.session_version += 1  # every session and remember-me cookie stops working
    member.active = False
    member.last_login_at = None
    row.status = DeletionStatus.DONE
    row.posts = posts
    row.reason = ""
    row.handled_by_id = actor.id
    row.handled_at = utcnow()
    audit.record(actor, "anonymise_member", "member", member.id, f"posts: {posts}")
    db.session.commit()
    _delete_unused_files(orphaned)
    return member


def _forget_personal_data(member: Member, old_email: str) -> None:
    for model in (AuthToken, Notification, NotificationPreference, DigestState, ThreadWatch, ThreadRead,
                  CalendarToken):
        db.session.execute(delete(model).where(model.member_id == member.id))
    db.session.execute(delete(OutboxMail).where(func.lower(OutboxMail.recipient) == old_email.lower()))
    db.session.execute(update(SparringProfile).where(SparringProfile.member_id == member.id)
                       .values(open_now=False, note=""))
    db.session.execute(
        update(Application)
        .where((Application.member_id == member.id) | (func.lower(Application.email) == old_email.lower()))
        .values(name=ANONYMOUS_NAME, email=placeholder_email(member), title="", motivation="")
    )


def _remove_posts(member: Member) -> set[str]:
    """Soft-delete the member's posts; returns the SHA-256 of their attachments.

    An opening post that others have replied to is emptied instead of deleted: deleting it
    would take the whole thread, and the other members' replies are not the leaver's to remove.
    """
    now = utcnow()
    posts = list(db.session.scalars(select(Post).where(Post.author_id == member.id, Post.deleted_at.is_(None))))
    threads: dict[int, Thread] = {}
    for post in posts:
        thread = post.thread
        if post.is_first and _others_replied(thread, member):
            post.body_source = REMOVED_TEXT
            post.body_html = REMOVED_HTML
        else:
            post.deleted_at = now
            if post.is_first:
                thread.deleted_at = now
        threads[thread.id] = thread
    post_ids = [post.id for post in posts]
    shas = set(db.session.scalars(select(Attachment.sha256).where(Attachment.post_id.in_(post_ids))))
    db.session.execute(delete(Attachment).where(Attachment.post_id.in_(post_ids)))
    db.session.execute(delete(PostRevision).where(PostRevision.post_id.in_(post_ids)))
    db.session.flush()
    for thread in threads.values():
        if thread.deleted_at is None:
            _refresh_counters(thread)
    return shas


def _others_replied(thread: Thread, member: Member) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Post.thread_id == thread.id, Post.author_id != member.id, Post.deleted_at.is_(None)))))


def _refresh_counters(thread: Thread) -> None:
    live = select(Post).where(Post.thread_id == thread.id, Post.deleted_at.is_(None))
    thread.post_count = db.session.scalar(select(func.count()).select_from(live.subquery()))
    last = db.session.scalar(live.order_by(Post.number.desc()).limit(1))
    if last is not None:
        thread.last_post_id = last.id
        thread.last_post_author_id = last.author_id
        thread.last_activity_at = last.created_at


def _delete_unused_files(shas: set[str]) -> None:
    """Remove stored files no attachment row points to any more (after the commit)."""
    for sha in shas:
        if db.session.scalar(select(exists().where(Attachment.sha256 == sha))):
            continue  # the same file is attached elsewhere
        path: Path = stored_path(sha)
        path.unlink(missing_ok=True)


def deletion_export(member: Member) -> tuple[str, list[dict]]:
    """The member's own deletion requests, for /profile/export."""
    rows = db.session.scalars(
        select(DeletionRequest).where(DeletionRequest.member_id == member.id).order_by(DeletionRequest.id)
    )
    return "deletion_requests", [
        {"created_at": row.created_at.isoformat(), "status": row.status, "reason": row.reason} for row in rows
    ]
