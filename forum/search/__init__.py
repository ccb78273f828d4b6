"""Full-text search in Danish over threads, posts, meetings and sparring requests.

- `index`: Whoosh only (schema, searcher, writers); knows nothing of the forum.
- `documents` + `kinds/`: how domain rows become documents, and results through
  `forum.permissions`.
- `hooks` + `queue`: changes are queued in the same transaction, applied after commit.
- `service`: queries, filters, fallbacks; `views`: /search; `cli`: rebuild, check, apply.
"""
from __future__ import annotations

from flask import Flask, current_app

from forum.search.index import SearchIndex


def search_index(app: Flask | None = None) -> SearchIndex:
    """The process's index object for the app's FORUM_SEARCH_INDEX_DIR (one searcher each)."""
    app = app or current_app._get_current_object()
    indexes = app.extensions.setdefault("search_index", {})
    path = str(app.config["SEARCH_INDEX_DIR"])
    if path not in indexes:
        if app.config.get("SEARCH_BACKEND") == "postgres":
            from forum.search.pg_backend import install

            return install(app)
        indexes[path] = SearchIndex(path)
    return indexes[path]
