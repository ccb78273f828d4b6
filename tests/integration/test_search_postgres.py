"""The search tests of tests/web/test_search.py again, on the PostgreSQL backend.

Same tests, same expectations: only the `app` fixture differs (FORUM_SEARCH_BACKEND=postgres,
the full-text columns of migration 0007 added to the test schema). Skipped on SQLite.
"""
from __future__ import annotations

import pytest

from forum.extensions import db, limiter
from forum.search import pg_backend, search_index
from tests.conftest import POSTGRES_URI
from tests.web.test_search import *  # noqa: F403 - the very same tests, run again here

pytestmark = pytest.mark.skipif(not POSTGRES_URI, reason="the PostgreSQL search backend needs "
                                "FORUM_TEST_DATABASE_URI (a PostgreSQL database)")


@pytest.fixture
def app(make_app):
    application = make_app(SEARCH_BACKEND="postgres")
    with application.app_context():
        with db.engine.begin() as connection:
            pg_backend.ensure_search_columns(connection)
        pg_backend.install(application)
    limiter.reset()
    with application.app_context():
        assert isinstance(search_index(), pg_backend.PgSearchIndex)
        yield application
