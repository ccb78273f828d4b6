"""Put a backup (see forum.ops.backup) into an installation, then rebuild the search index.

Restore is meant for an empty installation: a new database (with or without `flask db
upgrade` run on it) and an empty uploads folder. A database that already holds members,
threads or posts is refused unless `force=True`, which replaces the database's content
with the backup's (uploads are added to what is there; they are named by content).
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import func, inspect, select

from forum.extensions import db
from forum.ops.backup import (
    PG_FILE,
    SQLITE_FILE,
    UPLOADS,
    BackupError,
    UploadStats,
    copy_uploads,
    dialect,
    libpq_arguments,
    read_manifest,
    row_counts,
    run_tool,
    upload_dir,
)
from forum.pagecache import generation

# Tables whose rows make an installation "not empty". Phases are seeded by the first
# migration, so a freshly upgraded database has them and still counts as empty.
CONTENT_TABLES = ("member", "thread", "post")


@dataclass
class RestoreReport:
    manifest: dict
    counts: dict[str, int]
    uploads: UploadStats
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)
    search: str = ""


def content_rows() -> int:
    """Members, threads and posts in the database (0 for a database without tables)."""
    total = 0
    with db.engine.connect() as connection:
        present = set(inspect(connection).get_table_names())
        for table in db.metadata.sorted_tables:
            if table.name in CONTENT_TABLES and table.name in present:
                total += connection.execute(select(func.count()).select_from(table)).scalar()
    return total


def _release_connections() -> None:
    db.session.remove()
    db.engine.dispose()


def _restore_sqlite(source: Path) -> None:
    target = db.engine.url.database
    if not target or target == ":memory:":
        raise BackupError("Restore needs a SQLite file, not an in-memory database.")
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    _release_connections()
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        # Page by page over whatever the target held: afterwards it is the backup.
        backup.backup(destination)
    finally:
        destination.close()
        backup.close()


def _restore_postgres(source: Path) -> None:
    arguments, environment = libpq_arguments(db.engine.url)
    _release_connections()
    command = [current_app.config.get("PG_RESTORE", "pg_restore"), "--clean", "--if-exists", "--no-owner",
               "--no-privileges", "--single-transaction", "--exit-on-error", *arguments, str(source)]
    run_tool(command, environment)


def restore_backup(source: str | os.PathLike, *, force: bool = False,
                   rebuild_search: Callable[[], str] | None = None) -> RestoreReport:
    """Restore the backup folder `source` into this installation's database and uploads."""
    source = Path(source)
    manifest = read_manifest(source)
    kind = dialect()
    if manifest.get("database") != kind:
        raise BackupError(f"This backup is of a {manifest.get('database')} database and this installation "
                          f"uses {kind}; restore it into an installation of the same kind.")
    if kind == "sqlite" and db.engine.url.database not in (None, "", ":memory:"):
        Path(db.engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    if not force and content_rows() > 0:
        raise BackupError("The database is not empty (it has members, threads or posts). "
                          "Restore into an empty installation, or add --force to replace its content.")
    database_file = source / manifest.get("database_file", "")
    if manifest.get("database_file") not in (SQLITE_FILE, PG_FILE) or not database_file.is_file():
        raise BackupError(f"{database_file} is missing from the backup.")
    generation_before = generation.current() if _has_change_counter() else 0
    if kind == "sqlite":
        _restore_sqlite(database_file)
    else:
        _restore_postgres(database_file)
    if _has_change_counter():  # a backup from before migration 0009 has none until `db upgrade`
        generation.move_past(generation_before)  # no worker may serve a page cached before the restore
    uploads = copy_uploads(source / UPLOADS, upload_dir())
    counts = row_counts()
    expected = manifest.get("counts", {})
    mismatches = {name: (want, counts.get(name, 0)) for name, want in expected.items() if counts.get(name, 0) != want}
    report = RestoreReport(manifest=manifest, counts=counts, uploads=uploads, mismatches=mismatches)
    report.search = (rebuild_search or rebuild_search_index)()
    return report


def _has_change_counter() -> bool:
    return inspect(db.engine).has_table("change_counter")


def rebuild_search_index() -> str:
    """Rebuild the search index from the restored database; returns what was done."""
    if current_app.config.get("SEARCH_BACKEND") == "postgres":
        return "PostgreSQL full-text search reads the restored tables directly; nothing to rebuild."
    try:
        from forum.search.service import rebuild_index
    except ImportError:
        return "The search package has no rebuild function; run `flask --app wsgi search rebuild`."
    count = rebuild_index()
    return f"Search index rebuilt ({count} documents)." if isinstance(count, int) else "Search index rebuilt."
