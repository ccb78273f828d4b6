"""Everything the platform holds about a member, for /profile/export (GDPR)."""
from __future__ import annotations

from forum.meetings.panels import rsvp_export
from forum.members.anonymise import deletion_export
from forum.members.models import Member
from forum.moderation.export import flags_export
from forum.notify.export import notifications_export
from forum.sparring.panels import export_section as sparring_export
from forum.spreading.export import reuse_export
from forum.threads.export import threads_export

# Each domain adds a function (member) -> (key, data) for its part of the export.
SECTIONS: list = []
SECTIONS.append(rsvp_export)
SECTIONS.append(sparring_export)
SECTIONS.append(notifications_export)
SECTIONS.append(flags_export)
SECTIONS.append(threads_export)
SECTIONS.append(reuse_export)
SECTIONS.append(deletion_export)


def member_data(member: Member) -> dict:
    data = {
        "profile": {
            "email": member.email,
            "name": member.name,
            "title": member.title,
            "organization": member.organization.name,
            "phone": member.phone,
            "bio": member.bio,
            "role": member.role,
            "language": member.language,
            "show_email": member.show_email,
            "show_phone": member.show_phone,
            "created_at": member.created_at.isoformat(),
        },
        "memberships": [
            {"year": m.year, "organization": m.organization.name, "starts": m.starts.isoformat(), "ends": m.ends.isoformat()}
            for m in member.memberships
        ],
    }
    for section in SECTIONS:
        key, value = section(member)
        data[key] = value
    return data
