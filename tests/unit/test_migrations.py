"""The migrations build exactly the schema the models describe, and take it down again.

Runs on an empty SQLite file, and on PostgreSQL (in a fresh schema) when FORUM_TEST_DATABASE_URI is set.
A failure names the differences alembic's autogenerate finds: the migration of the domain whose table or
column is listed has fallen behind its models (or the other way round).
"""
from __future__ import annotations

import logging
import os
import uuid

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from forum import create_app
from forum.extensions import db

POSTGRES_URI = os.environ.get("FORUM_TEST_DATABASE_URI")


def _config(tmp_path, uri, engine_options=None) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": uri,
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    if engine_options:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options
    return config


@pytest.fixture(autouse=True)
def keep_logging():
    """migrations/env.py configures logging from alembic.ini; give the other tests theirs back."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    root.setLevel(level)
    root.handlers[:] = handlers


@pytest.fixture
def empty_database(tmp_path):
    """An app on an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if not POSTGRES_URI:
        application = create_app(_config(tmp_path, f"sqlite:///{tmp_path / 'migrated.db'}"))
        yield application
        with application.app_context():
            db.engine.dispose()
        return
    schema = f"migrations_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URI)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    options = {"connect_args": {"options": f"-csearch_path={schema}"}, "pool_pre_ping": True}
    application = create_app(_config(tmp_path, POSTGRES_URI, options))
    try:
        yield application
    finally:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# Migration 0007 gives these tables a generated `search_vector` tsvector column with a GIN index on
# PostgreSQL only (full-text search; SQLite has no tsvector), outside the models on purpose: the database
# computes it. Those columns and indexes are the one thing the comparison skips, and only on PostgreSQL;
# test_postgresql_has_the_search_columns checks that they are there.
PG_SEARCH_TABLES = {"thread", "post", "meeting", "sparring_request"}


def _is_pg_search_column(obj, name, type_) -> bool:
    if type_ == "column" and name == "search_vector":
        return obj.table.name in PG_SEARCH_TABLES
    if type_ == "index":
        return name in {f"ix_{table}_search_vector" for table in PG_SEARCH_TABLES}
    return False


def _differences(application) -> list:
    with application.app_context(), db.engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"

        def include_object(obj, name, type_, reflected, compare_to):
            return not (postgres and reflected and compare_to is None and _is_pg_search_column(obj, name, type_))

        # compare_type: a column whose type differs between migration and model is a difference too.
        # alembic leaves out its own alembic_version table by itself.
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include_object})
        return compare_metadata(context, db.metadata)


def _tables(application) -> set[str]:
    with application.app_context(), db.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_upgrade_builds_exactly_the_models_schema(empty_database):
    with empty_database.app_context():
        flask_migrate.upgrade()
    differences = _differences(empty_database)
    assert differences == [], "migrations and models differ:\n" + "\n".join(map(repr, differences))
    assert {table.name for table in db.metadata.sorted_tables} <= _tables(empty_database)


def test_upgrade_seeds_the_six_phases(empty_database):
    with empty_database.app_context():
        flask_migrate.upgrade()
        rows = db.session.execute(text("SELECT slug FROM phase ORDER BY position")).scalars().all()
        db.session.remove()
    assert len(rows) == 6


def test_downgrade_to_base_removes_every_table(empty_database):
    with empty_database.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
    assert _tables(empty_database) <= {"alembic_version"}
    with empty_database.app_context():
        flask_migrate.upgrade()  # and up again from nothing
    assert _differences(empty_database) == []


@pytest.mark.skipif(not POSTGRES_URI, reason="the full-text columns exist on PostgreSQL only")
def test_postgresql_has_the_search_columns(empty_database):
    with empty_database.app_context():
        flask_migrate.upgrade()
    with empty_database.app_context(), db.engine.connect() as connection:
        inspector = inspect(connection)
        for table in PG_SEARCH_TABLES:
            assert "search_vector" in {column["name"] for column in inspector.get_columns(table)}, table
            assert f"ix_{table}_search_vector" in {index["name"] for index in inspector.get_indexes(table)}, table
