"""An `app` fixture on the PostgreSQL search backend, for modules that rerun the search tests."""
from __future__ import annotations

import pytest

from forum.extensions import db, limiter
from forum.search import pg_backend, search_index
from tests.conftest import POSTGRES_URI

skip_without_postgres = pytest.mark.skipif(
    not POSTGRES_URI, reason="the PostgreSQL search backend needs FORUM_TEST_DATABASE_URI (a PostgreSQL database)")


@pytest.fixture
def app(make_app):
    """The suite's `app`, with FORUM_SEARCH_BACKEND=postgres and the search columns of migration 0007."""
    application = make_app(SEARCH_BACKEND="postgres")
    with application.app_context():
        with db.engine.begin() as connection:
            pg_backend.ensure_search_columns(connection)
        pg_backend.install(application)
    limiter.reset()
    with application.app_context():
        assert isinstance(search_index(), pg_backend.PgSearchIndex)
        yield application
