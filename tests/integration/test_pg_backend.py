"""The PostgreSQL search backend's own parts: its columns match migration 0007, Danish
stemming, the query translation, and highlights that escape the text."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from whoosh.query import NullQuery

from forum.search import pg_backend
from tests.integration.pg_search import app, skip_without_postgres  # noqa: F401 - the fixture

MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0007_production.py"


def test_backend_and_migration_define_the_same_columns():
    spec = importlib.util.spec_from_file_location("migration_0007", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.SEARCH_COLUMNS == pg_backend.SEARCH_COLUMNS


@pytest.mark.parametrize(("whoosh", "websearch"), [
    ("kommune velfærd", "kommune velfærd"),
    ("velfærd OR teknologi", "velfærd or teknologi"),
    ("kommune AND NOT robot", "kommune -robot"),
    ("(skole OR børnehave) ANDNOT vuggestue", "skole or børnehave -vuggestue"),
    ('"digital post" ældre', '"digital post" ældre'),
])
def test_whoosh_syntax_in_websearch_terms(whoosh, websearch):
    assert pg_backend.whoosh_to_websearch(whoosh) == websearch


@skip_without_postgres
@pytest.mark.parametrize(("stored", "query"), [
    ("Vi har talt med kommunen om det", "kommunerne"),
    ("Tre innovationer blev afprøvet", "innovation"),
    ("Udvalgets beslutning kom i marts", "udvalg"),
])
@pytest.mark.usefixtures("app")
def test_danish_stemming(stored, query):
    index = pg_backend.PgSearchIndex()
    assert "<mark>" in index.highlight(index.parse(query), stored)


@skip_without_postgres
@pytest.mark.usefixtures("app")
def test_stop_words_alone_are_no_query_and_negation_alone_is_plain_words():
    index = pg_backend.PgSearchIndex()
    assert index.parse("og det") is NullQuery
    assert index.parse("   ") is NullQuery
    assert "robot" in repr(index.parse("NOT robot")) and "!" not in repr(index.parse("NOT robot"))


@skip_without_postgres
@pytest.mark.usefixtures("app")
def test_highlight_escapes_everything_but_its_marks():
    index = pg_backend.PgSearchIndex()
    query = index.parse("script")
    fragment = index.highlight(query, "Skriv <script>alert('x')</script> & mere om script-tags")
    assert "<script>" not in fragment and "&lt;" in fragment and "&amp;" in fragment
    assert "<mark>script</mark>" in fragment
    assert index.highlight(query, "Intet her") == ""
    assert index.highlight(query, "\ue000 script \x00") == "<mark>script</mark>"


@skip_without_postgres
@pytest.mark.usefixtures("app")
def test_a_short_text_is_highlighted_whole_and_a_long_one_in_fragments():
    index = pg_backend.PgSearchIndex()
    query = index.parse("medarbejderne")
    assert index.highlight(query, "Hvordan tog medarbejderne imod dem?") == "Hvordan tog <mark>medarbejderne</mark> imod dem?"
    long_text = "Indledning om noget helt andet. " * 30 + "Her tog medarbejderne godt imod. " + "Afslutning. " * 30
    fragment = index.highlight(query, long_text, maxchars=240)
    assert "<mark>medarbejderne</mark>" in fragment and len(fragment) < len(long_text) / 2


@skip_without_postgres
@pytest.mark.usefixtures("app")
def test_a_thread_matches_on_title_and_opening_post_together(member):
    from tests import factories

    thread = factories.make_thread(member, title="Affaldssortering på skolerne", body="Sådan fik vi kommunen med.")
    factories.make_thread(member, title="Noget andet", body="Kommunen og budgetter.")
    index = pg_backend.PgSearchIndex()
    for words in ("affaldssortering kommune", "skolerne kommunen", '"affaldssortering på skolerne"'):
        hits = index.search(index.parse(words), member_id=member.id).hits
        assert [(hit.kind, hit.object_id) for hit in hits] == [("thread", thread.id)], words
    assert index.search(index.parse("affaldssortering -kommune"), member_id=member.id).hits == []

