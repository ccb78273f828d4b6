"""Which events mail a member: immediately, in the daily digest, or never.

Notification kinds are grouped by their first word (`sparring_offer` -> `sparring`), so other
packages may use finer kinds without a change here. Digest mails are opt-in (GDPR): no kind
defaults to the digest, and new threads are only mailed to members who chose them.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.extensions import db
from forum.notify.models import NotificationPreference

IMMEDIATE = "immediate"
DIGEST = "digest"
NEVER = "never"

DELIVERY_LABELS = {
    IMMEDIATE: _l("Med det samme"),
    DIGEST: _l("I den daglige oversigt"),
    NEVER: _l("Aldrig"),
}

# kind -> (label, default delivery, allowed deliveries)
KINDS: dict[str, tuple] = {
    "reply": (_l("Svar i tråde, du følger"), IMMEDIATE, (IMMEDIATE, DIGEST, NEVER)),
    "mention": (_l("Når nogen nævner dig med @"), IMMEDIATE, (IMMEDIATE, DIGEST, NEVER)),
    "sparring": (_l("Sparring: anmodninger og tilbud"), IMMEDIATE, (IMMEDIATE, DIGEST, NEVER)),
    "meeting": (_l("Netværksmøder og påmindelser"), IMMEDIATE, (IMMEDIATE, DIGEST, NEVER)),
    "moderation": (_l("Når tovholderne modererer dine indlæg"), IMMEDIATE, (IMMEDIATE, DIGEST, NEVER)),
    "new_threads": (_l("Nye tråde i netværket, efter fase"), NEVER, (DIGEST, NEVER)),
}


def kind_group(kind: str) -> str | None:
    """The preference a notification kind falls under, or None for an unknown kind."""
    if kind in KINDS:
        return kind
    head = kind.replace(".", "_").split("_")[0]
    return head if head in KINDS else None


def choices(member) -> dict[str, str]:
    """Every kind with the member's delivery, defaults filled in."""
    stored = {
        row.kind: row.delivery
        for row in db.session.scalars(
            select(NotificationPreference).where(NotificationPreference.member_id == member.id)
        )
    }
    result = {}
    for kind, (_label, default, allowed) in KINDS.items():
        value = stored.get(kind, default)
        result[kind] = value if value in allowed else default
    return result


def delivery_for(member, kind: str) -> str:
    group = kind_group(kind)
    if group is None:
        return IMMEDIATE
    return choices(member)[group]


def wants_digest(member) -> bool:
    return DIGEST in choices(member).values()


def save_choices(member, values: dict[str, str]) -> None:
    """Store the member's choices (the caller commits); unknown kinds and values are ignored."""
    existing = {
        row.kind: row
        for row in db.session.scalars(
            select(NotificationPreference).where(NotificationPreference.member_id == member.id)
        )
    }
    for kind, (_label, _default, allowed) in KINDS.items():
        value = values.get(kind)
        if value not in allowed:
            continue
        row = existing.get(kind)
        if row is None:
            db.session.add(NotificationPreference(member_id=member.id, kind=kind, delivery=value))
        else:
            row.delivery = value
