"""Sparring requests in the index.

A request open to all is visible to every member; a directed one carries the tokens of
its requester and recipients, so the index itself leaves it out of other members' hits
(the results are still filtered through `visible_sparring_requests`).
"""
from __future__ import annotations

from collections.abc import Iterator

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forum.extensions import db
from forum.permissions import visible_sparring_requests
from forum.search.documents import Change, DocumentKind, Result, Watch, changed, doc_id, register, text_of_html
from forum.search.index import RESTRICTED, VISIBLE_TO_ALL, member_token
from forum.search.models import DELETE, UPSERT
from forum.sparring.models import SparringRequest

FIELDS = ("title", "body_html", "learning_html", "open_to_all", "phases", "recipients", "requester_id")


def _document(request: SparringRequest) -> dict:
    if request.open_to_all:
        visibility = [VISIBLE_TO_ALL]
    else:
        members = {request.requester_id, *(recipient.id for recipient in request.recipients)}
        visibility = [RESTRICTED, *(member_token(member_id) for member_id in members)]
    body = " ".join(part for part in (text_of_html(request.body_html), text_of_html(request.learning_html)) if part)
    return {
        "doc_id": doc_id("sparring", request.id), "kind": "sparring", "object_id": request.id, "thread_id": None,
        "title": request.title, "body": body, "phases": [phase.slug for phase in request.phases],
        "author": request.requester_id, "organization": request.requester.organization_id,
        "created": request.created_at, "visibility": visibility,
    }


def sparring_documents(session: Session, ids: list[int]) -> dict[int, dict]:
    requests = session.scalars(select(SparringRequest).where(SparringRequest.id.in_(ids))).all()
    return {request.id: _document(request) for request in requests}


def all_sparring_documents(session: Session) -> Iterator[dict]:
    ids = session.scalars(select(SparringRequest.id).order_by(SparringRequest.id)).all()
    for start in range(0, len(ids), 500):
        yield from sparring_documents(session, ids[start:start + 500]).values()


def sparring_results(member, ids: list[int]) -> dict[int, Result]:
    requests = db.session.scalars(visible_sparring_requests(member).where(SparringRequest.id.in_(ids))).all()
    return {
        request.id: Result(
            kind="sparring", object_id=request.id, url=url_for("sparring.detail", request_id=request.id),
            title=request.title, text=text_of_html(request.body_html), created=request.created_at,
            author=request.requester, organization=request.requester.organization.name, phases=list(request.phases),
        )
        for request in requests
    }


def sparring_changes(request: SparringRequest, state: str) -> list[Change]:
    if state == "deleted":
        return [("sparring", request.id, DELETE)]
    if state == "dirty" and not changed(request, FIELDS):
        return []
    return [("sparring", request.id, UPSERT)]


register(
    DocumentKind(
        name="sparring", documents=sparring_documents, all_documents=all_sparring_documents,
        count=lambda session: session.scalar(select(func.count(SparringRequest.id))),
        doc_ids=lambda session: (doc_id("sparring", i) for i in session.scalars(select(SparringRequest.id))),
        results=sparring_results,
    ),
    Watch("SparringRequest", sparring_changes),
)
