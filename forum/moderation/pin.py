"""Pin and unpin a thread: pinned threads stay on top of the list and the dashboard."""
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit
from forum.threads.models import Thread


def pin(thread: Thread, actor: Member, reason: str = "") -> bool:
    """Pin `thread`; returns False (and writes nothing) when it was pinned already."""
    return _set_pinned(thread, actor, True, reason)


def unpin(thread: Thread, actor: Member, reason: str = "") -> bool:
    return _set_pinned(thread, actor, False, reason)


def _set_pinned(thread: Thread, actor: Member, pinned: bool, reason: str) -> bool:
    if thread.pinned == pinned:
        return False
    thread.pinned = pinned
    audit.record(actor, "pin" if pinned else "unpin", "thread", thread.id, reason)
    db.session.commit()
    return True
