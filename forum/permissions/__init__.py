"""Every access rule in one place.

`can_*(member, thing) -> bool` answers for one object; `visible_*(member) -> Select`
applies the same rule to lists, search and exports. One module per domain; this package
re-exports them so callers write `from forum.permissions import can_edit_post`.
"""
from forum.permissions.members import is_facilitator, visible_members

__all__ = ["is_facilitator", "visible_members"]
