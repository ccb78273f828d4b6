"""Every access rule in one place.

`can_*(member, thing) -> bool` answers for one object; `visible_*(member) -> Select`
applies the same rule to lists, search and exports. One module per domain; this package
re-exports them so callers write `from forum.permissions import can_edit_post`.
"""
from forum.permissions.admin import can_administer, can_change_role, can_edit_phases
from forum.permissions.meetings import can_manage_meetings, can_rsvp, visible_meetings
from forum.permissions.members import is_facilitator, visible_members
from forum.permissions.sparring import (
    can_accept_sparring,
    can_close_sparring,
    can_offer_sparring,
    can_view_sparring,
    visible_sparring_requests,
)
from forum.permissions.spreading import can_move_reuse, can_record_reuse, visible_shared_threads
from forum.permissions.threads import (
    can_delete_post,
    can_edit_post,
    can_moderate,
    can_reply,
    can_start_thread,
    can_view_post,
    can_view_revisions,
    can_view_thread,
    visible_post_clause,
    visible_posts,
    visible_threads,
)

__all__ = [
    "can_administer", "can_change_role", "can_edit_phases", "can_manage_meetings", "can_rsvp", "visible_meetings",
    "can_delete_post", "can_edit_post", "can_moderate", "can_reply", "can_start_thread", "can_view_post",
    "can_view_revisions", "can_view_thread", "is_facilitator", "visible_members", "visible_post_clause",
    "visible_posts", "visible_threads",
    "can_accept_sparring", "can_close_sparring", "can_offer_sparring", "can_view_sparring", "visible_sparring_requests",
    "can_move_reuse", "can_record_reuse", "visible_shared_threads",
]
