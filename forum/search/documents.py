"""The registry of indexable kinds: how domain rows become plain index documents.

Each domain the search covers has an adapter module in `forum.search.kinds` that registers
a `DocumentKind` (build documents from the database; load rows for results through the
permission filters) and `Watch`es (which model changes need which documents updated).
The session hooks and the rebuild only ever talk to this registry, so the threads,
meetings and sparring packages never need to know about search.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import inspect
from sqlalchemy.orm import Session

# A change to a document: (kind, object id, action); actions are in forum.search.models.
Change = tuple[str, int, str]

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def text_of_html(markup: str | None) -> str:
    """Plain text of sanitized HTML (stored by render_markdown): tags become spaces."""
    if not markup:
        return ""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def changed(obj, names) -> bool:
    """Whether any of the attributes `names` changed in the flush being recorded."""
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names if name in attrs)


@dataclass
class Result:
    """One search result as the template shows it; built from database rows only."""

    kind: str
    object_id: int
    url: str
    title: str
    text: str  # plain text to cut the snippet from
    created: datetime | None
    author: object | None = None
    organization: str = ""
    phases: list = field(default_factory=list)
    context: str = ""  # e.g. "Svar i tråden …" for a reply
    snippet: str = ""


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document in the index.

    - `documents(session, ids)`: the documents of those objects that belong in the index
      now; an id missing from the answer means "remove its document".
    - `cascade(session, object_id)`: (field, value, documents) — remove every document
      where field == value, then add these (a thread whose title or phases changed).
    - `all_documents(session)`, `count(session)`, `doc_ids(session)`: for rebuild and check.
    - `results(member, ids)`: {id: Result} for the ids the member may see, through the
      `forum.permissions` visible_* queries.
    """

    name: str
    documents: Callable[[Session, list[int]], dict[int, dict]]
    all_documents: Callable[[Session], Iterator[dict]]
    count: Callable[[Session], int]
    doc_ids: Callable[[Session], Iterator[str]]
    results: Callable[[object, list[int]], dict[int, Result]]
    cascade: Callable[[Session, int], tuple[str, str, list[dict]]] | None = None


@dataclass(frozen=True)
class Watch:
    """Which documents a change to an object of the mapped class `model` touches.

    `changes(obj, state)` gets state "new", "dirty" or "deleted" (after the flush, so ids
    are set) and returns the changes to record.
    """

    model: str
    changes: Callable[[object, str], list[Change]]


KINDS: dict[str, DocumentKind] = {}
WATCHES: dict[str, list[Watch]] = {}


def register(kind: DocumentKind, *watches: Watch) -> None:
    KINDS[kind.name] = kind
    for watch in watches:
        entries = WATCHES.setdefault(watch.model, [])
        if watch not in entries:
            entries.append(watch)


def doc_id(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def load_kinds() -> dict[str, DocumentKind]:
    """Import the adapters (once); each registers itself."""
    from forum.search import kinds  # noqa: F401

    return KINDS
