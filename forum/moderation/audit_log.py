"""Reading the audit log: filters shared by the page and the CSV."""
from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from forum.extensions import db
from forum.members.models import Member
from forum.moderation.models import AuditEntry

LOCAL = ZoneInfo("Europe/Copenhagen")
CSV_LIMIT = 100_000


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def filters_from(args) -> dict:
    """Only well-formed filters survive; anything else is ignored, never a 500."""
    action = (args.get("action") or "").replace("\x00", "")[:40]  # PostgreSQL refuses NUL (was a 500)
    actor = args.get("actor") or ""
    return {
        "action": action or None,
        "actor": int(actor) if actor.isdigit() and len(actor) < 10 else None,
        "since": _parse_date(args.get("since")),
        "until": _parse_date(args.get("until")),
    }


def query(filters: dict) -> Select:
    stmt = select(AuditEntry).options(joinedload(AuditEntry.actor))
    if filters["action"]:
        stmt = stmt.where(AuditEntry.action == filters["action"])
    if filters["actor"]:
        stmt = stmt.where(AuditEntry.actor_id == filters["actor"])
    if filters["since"]:
        stmt = stmt.where(AuditEntry.created_at >= _start_of(filters["since"]))
    if filters["until"]:
        stmt = stmt.where(AuditEntry.created_at < _start_of(filters["until"] + timedelta(days=1)))
    return stmt.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL).astimezone(UTC)


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def actors() -> list[Member]:
    ids = select(AuditEntry.actor_id).where(AuditEntry.actor_id.is_not(None)).distinct()
    return list(db.session.scalars(select(Member).where(Member.id.in_(ids)).order_by(Member.name)))


def as_csv(filters: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time_utc", "actor_id", "actor", "action", "target_type", "target_id", "reason"])
    for entry in db.session.scalars(query(filters).limit(CSV_LIMIT)):
        writer.writerow([
            entry.created_at.isoformat(), entry.actor_id or "", _safe(entry.actor.name if entry.actor else ""),
            entry.action, entry.target_type, entry.target_id if entry.target_id is not None else "",
            _safe(entry.reason),
        ])
    return out.getvalue()


def _safe(text: str) -> str:
    """No spreadsheet formulas from member-written text (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
