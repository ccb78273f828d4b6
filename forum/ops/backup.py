"""A consistent copy of an installation: the database, the uploads, and a manifest.

A backup is a folder:

    manifest.json        when, which database kind, schema revision, row counts, files
    database.sqlite3     SQLite: a page-by-page copy through SQLite's online backup API
    database.pgdump      PostgreSQL: `pg_dump --format=custom` (restore with pg_restore)
    uploads/             the attachment files (content-addressed, so copied as they are)

The database is copied first and the uploads second. Attachment files are written before
the row that points to them commits and are never changed, so every attachment in the
database copy has its file in the uploads copy; at worst the copy holds a file whose row
came too late for the snapshot, which is harmless.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import URL

from forum.extensions import db

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
UPLOADS = "uploads"
FORMAT = 1


class BackupError(Exception):
    """The backup or restore cannot go on; str(error) says why."""


@dataclass(frozen=True)
class UploadStats:
    files: int
    bytes: int


def dialect() -> str:
    return db.engine.dialect.name


def schema_revision(connection=None) -> str | None:
    """The Alembic revision of the database, or None when it was not built by migrations."""
    def read(conn):
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    if connection is not None:
        return read(connection)
    with db.engine.connect() as conn:
        return read(conn)


def row_counts(connection=None) -> dict[str, int]:
    """Rows per table of the application's schema (tables missing in the database: left out)."""
    if connection is None:
        with db.engine.connect() as conn:
            return row_counts(conn)
    present = set(inspect(connection).get_table_names())
    return {
        table.name: connection.execute(select(func.count()).select_from(table)).scalar()
        for table in db.metadata.sorted_tables
        if table.name in present
    }


def sqlite_file_counts(path: Path) -> dict[str, int]:
    """Rows per application table in a SQLite file (the backup copy itself)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {
            table.name: connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]  # noqa: S608
            for table in db.metadata.sorted_tables
            if table.name in present
        }
    finally:
        connection.close()


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def copy_uploads(source: Path, target: Path) -> UploadStats:
    """Copy every regular file under `source` into `target`, keeping the layout.

    Files that exist in `target` with the same size are left alone: uploads are named by
    their SHA-256, so the same name means the same content.
    """
    files = size = 0
    if not source.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return UploadStats(0, 0)
    for root, _dirs, names in os.walk(source):
        for name in names:
            if name.startswith(".upload-"):
                continue  # a half-written temporary file of an upload in progress
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(source)
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            length = path.stat().st_size
            if not (destination.exists() and destination.stat().st_size == length):
                shutil.copy2(path, destination)
            files += 1
            size += length
    target.mkdir(parents=True, exist_ok=True)
    return UploadStats(files, size)


def libpq_arguments(url: URL, connect_args: dict | None = None) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore arguments and environment for a SQLAlchemy PostgreSQL URL.

    The password goes in PGPASSWORD, never on the command line (where `ps` shows it).
    A `search_path` in the engine's connect options limits the dump to that schema.
    """
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    bare = URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                      database=url.database, query=url.query)
    conninfo = bare.render_as_string(hide_password=False)
    arguments = [f"--dbname={conninfo}"]
    schema = _search_path_schema(connect_args or {})
    if schema:
        arguments.append(f"--schema={schema}")
    return arguments, environment


def _search_path_schema(connect_args: dict) -> str | None:
    options = str(connect_args.get("options", ""))
    for part in options.split():
        part = part.removeprefix("-c")
        if part.startswith("search_path="):
            return part.partition("=")[2].split(",")[0].strip('"') or None
    return None


def engine_connect_args() -> dict:
    return dict(current_app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {}))


def _backup_sqlite(target: Path) -> None:
    if not db.engine.url.database or db.engine.url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    destination = sqlite3.connect(target)
    try:
        raw = db.engine.raw_connection()
        try:
            # The online backup API copies a consistent snapshot while others keep writing.
            raw.driver_connection.backup(destination)
        finally:
            raw.close()
    finally:
        destination.close()


def _sqlite_file_revision(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchone()
        if row is None:
            return None
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return found[0] if found else None
    finally:
        connection.close()


def _backup_postgres(target: Path) -> tuple[dict[str, int], str | None]:
    """pg_dump inside a snapshot we hold, so the counts we write are exactly the dump's."""
    arguments, environment = libpq_arguments(db.engine.url, engine_connect_args())
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar()
            command = [current_app.config.get("PG_DUMP", "pg_dump"), "--format=custom", "--no-owner",
                       "--no-privileges", f"--snapshot={snapshot}", f"--file={target}", *arguments]
            run_tool(command, environment)
            return row_counts(connection), schema_revision(connection)


def run_tool(command: list[str], environment: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} was not found; install the PostgreSQL client tools "
                          f"or set FORUM_PG_DUMP / FORUM_PG_RESTORE to their paths.") from error
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {result.returncode}): {result.stderr.strip()}")


def _prepare_folder(destination: Path) -> None:
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(f"{destination} exists and is not an empty folder; give a new folder.")
    destination.mkdir(parents=True, exist_ok=True)


def create_backup(destination: str | os.PathLike) -> dict:
    """Back up the database and the uploads into the new folder `destination`; returns the manifest."""
    destination = Path(destination)
    _prepare_folder(destination)
    kind = dialect()
    started = datetime.now(UTC)
    if kind == "sqlite":
        database_file = SQLITE_FILE
        _backup_sqlite(destination / database_file)
        counts = sqlite_file_counts(destination / database_file)
        revision = _sqlite_file_revision(destination / database_file)
    elif kind == "postgresql":
        database_file = PG_FILE
        counts, revision = _backup_postgres(destination / database_file)
    else:
        raise BackupError(f"Backups of {kind} databases are not supported.")
    uploads = copy_uploads(upload_dir(), destination / UPLOADS)
    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "database": kind,
        "database_file": database_file,
        "database_bytes": (destination / database_file).stat().st_size,
        "schema_revision": revision,
        "counts": counts,
        "uploads": {"files": uploads.files, "bytes": uploads.bytes},
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def read_manifest(source: str | os.PathLike) -> dict:
    path = Path(source) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(f"{source} is not a backup: {MANIFEST} is missing.") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} is damaged: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has a format this version does not know.")
    return manifest
