"""The reuse panel on a shared innovation's thread page (registered in threads.panels)."""
from __future__ import annotations

from flask import url_for

from forum.permissions.spreading import SHARE_ROUTE, can_record_reuse, is_sharing_organization
from forum.spreading import service
from forum.spreading.forms import ReuseForm


def reuse_panel(thread, member) -> dict | None:
    """Context for templates/spreading/_reuse_panel.html; None on threads that share nothing."""
    if thread.route != SHARE_ROUTE:
        return None
    return reuse_context(thread, member)


def reuse_context(thread, member, form: ReuseForm | None = None) -> dict:
    records = service.records_for_thread(thread.id)
    own = next((record for record in records if record.organization_id == member.organization_id), None)
    phases = service.phases()
    if form is None:
        default = own.phase.slug if own else (phases[0].slug if phases else None)
        form = ReuseForm(formdata=None, data={"phase": default})
    form.set_phases(phases)
    own_is_sharing = is_sharing_organization(member.organization_id, thread)
    organizations = []
    if member.is_facilitator:
        organizations = [] if own_is_sharing else [(member.organization_id, member.organization.name)]
        organizations += [(record.organization_id, record.organization.name)
                          for record in records if record.organization_id != member.organization_id]
        if organizations and form.organization.data is None:
            form.organization.data = organizations[0][0]
    return {
        "records": records,
        "own_record": own,
        "form": form,
        "organizations": organizations,
        "may_record": can_record_reuse(member, thread) and (not own_is_sharing or bool(organizations)),
        "own_is_sharing": own_is_sharing,
        "action": url_for("spreading.record_reuse", thread_id=thread.id),
        "phase_count": len(phases),
    }
