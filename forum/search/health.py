"""Health check: the search index opens (it is created empty when there is none)."""
from __future__ import annotations

import logging

from forum.search import search_index

logger = logging.getLogger(__name__)


def check_index() -> str | None:
    try:
        with search_index().searcher() as searcher:
            searcher.doc_count()
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        logger.warning("search index does not open: %r", error)
        return type(error).__name__
    return None
