"""Flag a post for the facilitators; resolve a flag by dismissing it or after an edit.

Resolving by hiding lives in hide.py, which closes every open flag on the post.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit
from forum.moderation.models import Flag, FlagStatus
from forum.threads.models import Post

REASON_MAX = 1000


class FlagError(Exception):
    """The flag is refused; str(error) is the message to show."""


def clean_reason(reason: str | None, required: bool = True) -> str:
    reason = " ".join((reason or "").replace("\x00", "").split())
    if required and not reason:
        raise FlagError(_l("Skriv kort, hvad der er galt."))
    if len(reason) > REASON_MAX:
        raise FlagError(_l("Begrundelsen må højst være %(max)d tegn.", max=REASON_MAX))
    return reason


def open_flag_by(post: Post, reporter: Member) -> Flag | None:
    return db.session.scalar(
        select(Flag).where(Flag.post_id == post.id, Flag.reporter_id == reporter.id, Flag.status == FlagStatus.OPEN)
    )


def flag_post(post: Post, reporter: Member, reason: str) -> Flag:
    """One open flag per member and post: a second one is refused."""
    reason = clean_reason(reason)
    if open_flag_by(post, reporter) is not None:
        raise FlagError(_l("Du har allerede anmeldt dette indlæg. Tovholderne ser på det."))
    flag = Flag(post_id=post.id, reporter_id=reporter.id, reason=reason)
    db.session.add(flag)
    db.session.flush()
    audit.record(reporter, "flag_post", "post", post.id, reason)
    db.session.commit()
    return flag


def _close(flag: Flag, actor: Member, status: str) -> None:
    flag.status = status
    flag.resolved_by_id = actor.id
    flag.resolved_at = utcnow()


def close_open_flags(post: Post, actor: Member, status: str) -> int:
    """Close every open flag on `post` in the caller's transaction."""
    flags = db.session.scalars(select(Flag).where(Flag.post_id == post.id, Flag.status == FlagStatus.OPEN)).all()
    for flag in flags:
        _close(flag, actor, status)
    return len(flags)


def dismiss(flag: Flag, actor: Member, reason: str = "") -> None:
    """The post is fine: the flag is closed and the post stays as it is."""
    if flag.status != FlagStatus.OPEN:
        raise FlagError(_l("Anmeldelsen er allerede behandlet."))
    _close(flag, actor, FlagStatus.DISMISSED)
    audit.record(actor, "dismiss_flag", "flag", flag.id, clean_reason(reason, required=False))
    db.session.commit()


def resolve_edited(flag: Flag, actor: Member, reason: str = "") -> None:
    """The facilitator edited the post (through the normal edit page); every open flag on it closes."""
    if flag.status != FlagStatus.OPEN:
        raise FlagError(_l("Anmeldelsen er allerede behandlet."))
    post = db.session.get(Post, flag.post_id)
    close_open_flags(post, actor, FlagStatus.EDITED)
    audit.record(actor, "resolve_flag_edited", "flag", flag.id, clean_reason(reason, required=False))
    db.session.commit()
