"""Full-text search in Danish over threads, posts, meetings and sparring requests.

- `index`: Whoosh only (schema, searcher, writers); knows nothing of the forum.
- `documents` + `kinds/`: how domain rows become documents, and results through
  `forum.permissions`.
- `hooks` + `queue`: changes are queued in the same transaction, applied after commit.
- `service`: queries, filters, fallbacks; `views`: /search; `cli`: rebuild, check, apply.
"""
from __future__ import annotations

import logging

from flask import Flask, current_app

from forum.search.index import SearchIndex
from forum.search.result_cache import DEFAULT_SIZE

logger = logging.getLogger(__name__)


def search_index(app: Flask | None = None) -> SearchIndex:
    """The process's index object for the app's FORUM_SEARCH_INDEX_DIR (one searcher each)."""
    app = app or current_app._get_current_object()
    indexes = app.extensions.setdefault("search_index", {})
    path = str(app.config["SEARCH_INDEX_DIR"])
    if path not in indexes:
        if app.config.get("SEARCH_BACKEND") == "postgres":
            from forum.search.pg_backend import install

            return install(app)
        indexes[path] = SearchIndex(path, result_cache_size=result_cache_size(app))
    return indexes[path]


def result_cache_size(app: Flask) -> int:
    """FORUM_SEARCH_RESULT_CACHE_SIZE: pages of hits kept per process (result_cache.py); 0 = off."""
    value = app.config.get("SEARCH_RESULT_CACHE_SIZE", DEFAULT_SIZE)
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        logger.warning("FORUM_SEARCH_RESULT_CACHE_SIZE=%r is not a whole number; using %d", value, DEFAULT_SIZE)
        return DEFAULT_SIZE
