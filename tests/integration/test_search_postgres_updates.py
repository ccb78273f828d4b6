"""The index-follows-every-change tests of tests/unit/test_search_updates.py on the PostgreSQL backend.

There the database is the index, so every change is found at once. The two tests about a
locked Whoosh index (nothing to lock here) are left out; everything else runs unchanged.
"""
from __future__ import annotations

from tests.integration.pg_search import app, skip_without_postgres  # noqa: F401 - the fixture
from tests.unit.test_search_updates import (  # noqa: F401 - the very same tests, run again here
    test_deleted_post_and_deleted_thread_are_gone,
    test_directed_sparring_only_for_requester_recipients_and_facilitators,
    test_edit_replaces_the_words,
    test_hidden_post_disappears_and_comes_back,
    test_hostile_queries_search_plain_words,
    test_meetings_are_found_by_agenda_and_place,
    test_new_thread_and_reply_are_found_at_once,
    test_phase_change_moves_the_posts_too,
    test_rolled_back_changes_leave_nothing_queued,
)

pytestmark = skip_without_postgres
