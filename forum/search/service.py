"""Searching: parse the member's words, ask the index, turn hits into rows they may see.

Every hit goes back through the domain's `forum.permissions` visible_* query before it is
shown, so a stale or wrongly indexed document can never show what a list would not.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import select
from whoosh.query import And, Not, NullQuery

from forum.db import utcnow
from forum.extensions import db
from forum.permissions import is_facilitator
from forum.search import search_index
from forum.search.documents import Result, load_kinds
from forum.search.index import SearchIndex
from forum.search.queue import IndexBusy, apply_pending, pending_count
from forum.threads.models import Phase

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
PAGE_SIZE = 20
MAX_PAGE = 50  # 1,000 hits; nobody pages further, and deep pages cost more to collect
SORTS = ("relevance", "newest")
SNIPPET_CHARS = 240
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass
class SearchRequest:
    q: str = ""
    phase: str | None = None
    kind: str | None = None
    sort: str = "relevance"
    page: int = 1


@dataclass
class SearchPage:
    request: SearchRequest
    results: list[Result] = field(default_factory=list)
    has_next: bool = False
    notices: list[str] = field(default_factory=list)
    searched: bool = False
    any_words: bool = False
    partial: bool = False

    @property
    def first_number(self) -> int:
        return (self.request.page - 1) * PAGE_SIZE + 1

    @property
    def has_filters(self) -> bool:
        return bool(self.request.phase or self.request.kind)


def kinds_available() -> list[str]:
    """Document kinds the search covers, in the order the filter offers them."""
    return [name for name in ("thread", "post", "meeting", "sparring") if name in load_kinds()]


def all_phases() -> list[Phase]:
    return list(db.session.scalars(select(Phase).order_by(Phase.position)))


def clean_query(text: str | None) -> tuple[str, bool]:
    """Control characters out, whitespace squeezed, cut at MAX_QUERY_CHARS; (text, was_cut)."""
    text = " ".join(_CONTROL.sub(" ", text or "").split())
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS].rstrip(), True
    return text, False


def _looks_broken(text: str) -> bool:
    """Syntax a person did not mean: odd quotes, unbalanced brackets, dangling operators."""
    if text.count('"') % 2 or text.count("(") != text.count(")"):
        return True
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return True
    words = text.replace("(", " ").replace(")", " ").split()
    operators = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
    return bool(words) and (words[0] in operators - {"NOT"} or words[-1] in operators)


def _only_negative(query) -> bool:
    """`NOT x` alone would match nearly every document: not a search anyone means."""
    if isinstance(query, Not):
        return True
    return isinstance(query, And) and all(isinstance(part, Not) for part in query.subqueries)


def build_query(index, text: str, *, all_words: bool = True):
    """(query, plain): the member's syntax when it parses sensibly, else their plain words."""
    if not _looks_broken(text):
        try:
            query = index.parse(text, all_words=all_words)
        except Exception:  # noqa: BLE001 - any parser failure means: search the words
            logger.info("search: query %r did not parse; searching plain words", text)
        else:
            if query is not NullQuery and not _only_negative(query):
                return query, False
    return index.parse(text, all_words=all_words, plain=True), True


def search(member, request: SearchRequest) -> SearchPage:
    page = SearchPage(request=request)
    text, was_cut = clean_query(request.q)
    request.q = text
    if was_cut:
        page.notices.append(_("Søgningen var for lang. Vi har søgt på de første %(count)d tegn.",
                              count=MAX_QUERY_CHARS))
    if not text:
        return page
    page.searched = True
    index = search_index()
    _apply_waiting_updates(index)
    try:
        _run(index, member, text, request, page)
    except Exception:  # noqa: BLE001 - a broken index must not break the page
        logger.exception("search failed for %r", text)
        page.results, page.has_next = [], False
        page.notices.append(_("Søgningen virker ikke lige nu. Prøv igen om lidt."))
    return page


def _apply_waiting_updates(index) -> None:
    """Updates left pending (index busy, a worker died) are applied before we search.

    Where replies are applied in the background (applier.py), rows younger than
    SEARCH_PENDING_GRACE_SECONDS are the applier's: it applies them within milliseconds,
    and a search taking the index's write lock for them would wait on it under load.
    """
    config = current_app.config
    queued_before = None
    if config.get("SEARCH_APPLY_IN_BACKGROUND", not current_app.testing):
        queued_before = utcnow() - timedelta(seconds=config.get("SEARCH_PENDING_GRACE_SECONDS", 2.0))
    try:
        if pending_count(db.session, queued_before=queued_before):
            apply_pending(index, db.engine, timeout=0.2)
    except IndexBusy:
        pass
    except Exception:  # noqa: BLE001 - searching the index as it is beats an error page
        logger.exception("search: applying pending updates failed")


def _run(index, member, text: str, request: SearchRequest, page: SearchPage) -> None:
    query, plain = build_query(index, text)
    if plain:
        page.notices.append(_("Vi kunne ikke læse søgningens tegn (fx citationstegn eller parenteser), "
                              "så vi har søgt efter ordene."))
    if query is NullQuery:
        page.notices.append(_("Søg efter mindst ét ord, der ikke er helt almindeligt (som “og” eller “det”)."))
        return
    options = {"phase": request.phase, "kind": request.kind,
               "member_id": None if is_facilitator(member) else member.id,
               "newest_first": request.sort == "newest"}
    if isinstance(index, SearchIndex):
        # Whoosh scores in Python and needs a budget; the PostgreSQL backend
        # (pg_backend.py, FORUM_SEARCH_BACKEND=postgres) has none to take.
        options["time_limit"] = _time_limit(request)
    offset = (request.page - 1) * PAGE_SIZE
    hits = index.search(query, offset=offset, limit=PAGE_SIZE, **options)
    if not hits.hits and not index.search(query, limit=1, **options).hits:
        any_query, _plain = build_query(index, text, all_words=False)
        if repr(any_query) != repr(query):
            query = any_query
            hits = index.search(query, offset=offset, limit=PAGE_SIZE, **options)
            if hits.hits:
                page.any_words = True
                page.notices.append(_("Intet indeholdt alle ordene. Her er det, der indeholder mindst ét af dem."))
    page.results = _results(index, member, query, hits.hits)
    page.has_next = hits.has_next and request.page < MAX_PAGE
    if getattr(hits, "partial", False):
        page.partial = True
        page.notices.append(_("Ordet findes i rigtig mange indlæg, så vi viser de bedste blandt dem, vi nåede at "
                              "gennemgå. Tilføj et ord mere eller vælg en fase for et mere præcist resultat."))


def _time_limit(request: SearchRequest) -> float | None:
    """Relevance searches stop scoring after FORUM_SEARCH_TIME_LIMIT_MS (default 40 ms).

    Only a word found in tens of thousands of posts takes longer (FACTS.md: ~200 ms);
    "newest first" must see every match to be right, so it has no limit.
    """
    if request.sort == "newest":
        return None
    milliseconds = current_app.config.get("SEARCH_TIME_LIMIT_MS", 40)
    return float(milliseconds) / 1000 if milliseconds else None


def _results(index, member, query, hits) -> list[Result]:
    kinds = load_kinds()
    wanted: dict[str, list[int]] = {}
    for hit in hits:
        wanted.setdefault(hit.kind, []).append(hit.object_id)
    found = {name: kinds[name].results(member, ids) for name, ids in wanted.items() if name in kinds}
    results = []
    for hit in hits:
        result = found.get(hit.kind, {}).get(hit.object_id)
        if result is None:
            continue  # not visible to this member (or gone since it was indexed)
        result.snippet = _snippet(index, query, result)
        results.append(result)
    return results


def _snippet(index, query, result: Result) -> Markup:
    fragments = index.highlight(query, result.text, maxchars=SNIPPET_CHARS)
    if fragments:
        # Safe because Whoosh's HtmlFormatter escaped the text and added only <mark>.
        return Markup(fragments)  # noqa: S704
    text = result.text
    return escape(text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …")


def rebuild_index() -> int:
    """Rebuild the index of the current app from its database; returns the document count.

    For callers outside the search package (restoring a backup); `flask search rebuild`
    does the same with a progress bar.
    """
    from forum.search.rebuild import rebuild

    return rebuild(search_index(), db.engine)
