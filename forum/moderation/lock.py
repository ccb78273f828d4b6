"""Lock and unlock a thread: a locked thread takes replies from facilitators only."""
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit
from forum.threads.models import Thread


def lock(thread: Thread, actor: Member, reason: str = "") -> bool:
    """Lock `thread`; returns False (and writes nothing) when it was locked already."""
    return _set_locked(thread, actor, True, reason)


def unlock(thread: Thread, actor: Member, reason: str = "") -> bool:
    return _set_locked(thread, actor, False, reason)


def _set_locked(thread: Thread, actor: Member, locked: bool, reason: str) -> bool:
    if thread.locked == locked:
        return False
    thread.locked = locked
    audit.record(actor, "lock" if locked else "unlock", "thread", thread.id, reason)
    db.session.commit()
    return True
