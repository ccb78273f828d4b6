"""Write an entry in the audit log, in the caller's transaction."""
from forum.extensions import db
from forum.members.models import Member
from forum.moderation.models import AuditEntry


def record(actor: Member | None, action: str, target_type: str, target_id: int | None, reason: str = "") -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=reason[:1000],
    )
    db.session.add(entry)
    return entry
