"""The search page tests of tests/web/test_search.py again, on the PostgreSQL backend.

Same tests, same expectations: only the `app` fixture differs (FORUM_SEARCH_BACKEND=postgres,
the full-text columns of migration 0007 added to the test schema). Skipped on SQLite.
"""
from __future__ import annotations

from tests.integration.pg_search import app, skip_without_postgres  # noqa: F401 - the fixture
from tests.web.test_search import *  # noqa: F403 - the very same tests, run again here

pytestmark = skip_without_postgres
