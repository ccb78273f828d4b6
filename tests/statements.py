"""Counting the SQL statements a page issues (the no-N+1 tests of SPEC §7 and issue 9)."""
from __future__ import annotations

from contextlib import contextmanager

from flask import has_app_context
from sqlalchemy import event

from forum import pagecache
from forum.extensions import db


@contextmanager
def counted_statements(engine=None):
    """Yield a list that collects every statement sent to `engine` (default: the app's) inside the block."""
    engine = engine if engine is not None else db.engine
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_for(client, url: str, engine=None) -> int:
    """Statements of a second GET of `url` (the first one records reading, fills caches),
    rendered: not the page cache's copy of the first."""
    client.get(url)
    if has_app_context():
        db.session.expire_all()
        if pagecache.store() is not None:
            pagecache.store().clear()
    with counted_statements(engine) as statements:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(statements)
