"""Network meetings in the index: title, agenda, host and place.

A meeting's notes are a thread (pinned by the facilitators), indexed as any thread.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from forum.extensions import db
from forum.meetings.models import Meeting
from forum.permissions import visible_meetings
from forum.search.documents import Change, DocumentKind, Result, Watch, changed, doc_id, register, text_of_html
from forum.search.index import VISIBLE_TO_ALL
from forum.search.models import DELETE, UPSERT

FIELDS = ("title", "agenda_html", "host_name", "host_organization_id", "address", "room", "date", "starts")


def _when(meeting: Meeting) -> datetime:
    return datetime.combine(meeting.date, meeting.starts or datetime.min.time(), tzinfo=UTC)


def _document(meeting: Meeting) -> dict:
    place = " ".join(part for part in (meeting.host, meeting.address, meeting.room) if part)
    return {
        "doc_id": doc_id("meeting", meeting.id), "kind": "meeting", "object_id": meeting.id, "thread_id": None,
        "title": meeting.title, "body": f"{place} {text_of_html(meeting.agenda_html)}".strip(), "phases": [],
        "author": meeting.created_by_id, "organization": meeting.host_organization_id,
        "created": _when(meeting), "visibility": [VISIBLE_TO_ALL],
    }


def meeting_documents(session: Session, ids: list[int]) -> dict[int, dict]:
    meetings = session.scalars(select(Meeting).where(Meeting.id.in_(ids))).all()
    return {meeting.id: _document(meeting) for meeting in meetings}


def all_meeting_documents(session: Session) -> Iterator[dict]:
    for meeting in session.scalars(select(Meeting).order_by(Meeting.id)):
        yield _document(meeting)


def meeting_results(member, ids: list[int]) -> dict[int, Result]:
    meetings = db.session.scalars(
        visible_meetings(member).where(Meeting.id.in_(ids)).options(joinedload(Meeting.host_organization))
    ).all()
    return {
        meeting.id: Result(
            kind="meeting", object_id=meeting.id, url=url_for("meetings.show", meeting_id=meeting.id),
            title=meeting.title, text=text_of_html(meeting.agenda_html), created=_when(meeting),
            organization=meeting.host,
        )
        for meeting in meetings
    }


def meeting_changes(meeting: Meeting, state: str) -> list[Change]:
    if state == "deleted":
        return [("meeting", meeting.id, DELETE)]
    if state == "dirty" and not changed(meeting, FIELDS):
        return []
    return [("meeting", meeting.id, UPSERT)]


register(
    DocumentKind(
        name="meeting", documents=meeting_documents, all_documents=all_meeting_documents,
        count=lambda session: session.scalar(select(func.count(Meeting.id))),
        doc_ids=lambda session: (doc_id("meeting", i) for i in session.scalars(select(Meeting.id))),
        results=meeting_results,
    ),
    Watch("Meeting", meeting_changes),
)
