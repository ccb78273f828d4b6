"""The /search query arguments: shape only; anything odd falls back to a default."""
from __future__ import annotations

from collections.abc import Mapping

from forum.search.service import MAX_PAGE, SORTS, SearchRequest


def parse_search_args(args: Mapping, phases: list[str], kinds: list[str]) -> tuple[SearchRequest, list[str]]:
    """A SearchRequest and the names of arguments that were ignored because they were invalid."""
    ignored = []
    phase = args.get("phase") or None
    if phase is not None and phase not in phases:
        ignored.append("phase")
        phase = None
    kind = args.get("type") or None
    if kind is not None and kind not in kinds:
        ignored.append("type")
        kind = None
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        ignored.append("sort")
        sort = "relevance"
    raw_page = args.get("page") or "1"
    page = int(raw_page) if raw_page.isascii() and raw_page.isdigit() and len(raw_page) < 6 else 0
    if not 1 <= page <= MAX_PAGE:
        ignored.append("page")
        page = 1 if page < 1 else MAX_PAGE
    return SearchRequest(q=args.get("q", ""), phase=phase, kind=kind, sort=sort, page=page), ignored
