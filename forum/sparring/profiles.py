"""A member's sparring profile: the phases they can give sparring on, and whether they are open now."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.sparring.models import SparringProfile
from forum.sparring.service import SparringError, phases_by_slug

NOTE_MAX = 300


def profile_of(member: Member) -> SparringProfile | None:
    return db.session.scalar(select(SparringProfile).where(SparringProfile.member_id == member.id))


def save_profile(member: Member, *, open_now: bool, phase_slugs: Iterable[str], note: str = "") -> SparringProfile:
    note = " ".join((note or "").replace("\x00", "").split())
    if len(note) > NOTE_MAX:
        raise SparringError(_l("Teksten må højst være %(max)d tegn.", max=NOTE_MAX))
    phases = phases_by_slug(phase_slugs)
    profile = profile_of(member)
    if profile is None:
        profile = SparringProfile(member_id=member.id)
        db.session.add(profile)
    profile.open_now = bool(open_now)
    profile.phases = phases
    profile.note = note
    profile.updated_at = utcnow()
    db.session.commit()
    return profile
