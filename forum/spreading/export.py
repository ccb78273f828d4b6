"""The member's own part of the spreading data, for /profile/export."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from forum.extensions import db
from forum.spreading.models import ReuseRecord, ReuseStep


def reuse_export(member) -> tuple[str, list[dict]]:
    """Every reuse step the member recorded: which innovation, for which organization, phase and note."""
    steps = db.session.scalars(
        select(ReuseStep).join(ReuseRecord, ReuseRecord.id == ReuseStep.record_id)
        .where(ReuseStep.member_id == member.id).options(joinedload(ReuseStep.record)).order_by(ReuseStep.id)
    )
    return "reuse_steps", [
        {
            "thread_id": step.record.thread_id,
            "organization": step.record.organization.name,
            "phase": step.phase.slug,
            "note": step.note,
            "created_at": step.created_at.isoformat(),
        }
        for step in steps
    ]
