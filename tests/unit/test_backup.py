"""Backup and restore: a backup restored into an empty installation holds every thread,
post and attachment; restore refuses a database with content; the manifest tells the truth.

On SQLite the restore target is a new file; on PostgreSQL (FORUM_TEST_DATABASE_URI) it is a
new database created for the test.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from forum import create_app
from forum.extensions import db
from forum.ops.backup import MANIFEST, BackupError, create_backup, libpq_arguments, read_manifest
from forum.ops.restore import restore_backup
from forum.threads.attachments import stored_path
from forum.threads.models import Attachment, Post, Thread
from tests import factories
from tests.conftest import POSTGRES_URI

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% referat fra netv\xc3\xa6rksm\xc3\xb8de\n%%EOF\n"


def _content(member, other):
    """Two threads, replies and attachments through the real services."""
    first = factories.make_thread(member, title="Velfærdsteknologi i hjemmeplejen", body="Sådan kom vi i gang.",
                                  files=[("skema.png", PNG)])
    factories.make_reply(first, other, body="Vi prøver det i Vejle.", files=[("referat.pdf", PDF)])
    factories.make_reply(first, member, body="Skriv endelig, hvis I går i stå.")
    second = factories.make_thread(other, title="Borgerinddragelse i budgetlægningen", body="Erfaringer fra 2025.",
                                   phases=("test", "tilpas"), route="share")
    factories.make_reply(second, member, body="Tak!")
    return [first.id, second.id]


def _snapshot():
    threads = {t.id: (t.title, t.post_count, sorted(p.slug for p in t.phases), t.route)
               for t in db.session.scalars(select(Thread))}
    posts = {p.id: (p.thread_id, p.number, p.author_id, p.body_source, p.body_html) for p in db.session.scalars(select(Post))}
    attachments = {a.id: (a.post_id, a.filename, a.sha256, a.size) for a in db.session.scalars(select(Attachment))}
    return threads, posts, attachments


@pytest.fixture
def empty_installation(tmp_path, database_template):
    """Build an app on an empty database (no tables at all) with its own uploads folder."""
    made = []
    databases = []

    def build():
        folder = tmp_path / f"empty-{len(made)}"
        config = {"TESTING": True, "SECRET_KEY": "test-secret", "UPLOAD_DIR": str(folder / "uploads"),
                  "SEARCH_INDEX_DIR": str(folder / "search-index")}
        if database_template["kind"] == "sqlite":
            config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{folder / 'forum.db'}"
        else:
            name = f"restore_{uuid.uuid4().hex[:10]}"
            _on_server(f'CREATE DATABASE "{name}"')
            databases.append(name)
            config["SQLALCHEMY_DATABASE_URI"] = make_url(POSTGRES_URI).set(database=name).render_as_string(False)
            # The suite's tables live in a schema of their own; the dump re-creates that schema.
            config["SQLALCHEMY_ENGINE_OPTIONS"] = database_template["options"]
        application = create_app(config)
        made.append(application)
        return application

    yield build
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
    for name in databases:
        _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _on_server(statement: str) -> None:
    engine = create_engine(POSTGRES_URI, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_restore_into_an_empty_installation_finds_every_thread_post_and_attachment(
        app, member, other_member, tmp_path, empty_installation):
    _content(member, other_member)
    before = _snapshot()
    files = {sha: stored_path(sha).read_bytes() for _post, _name, sha, _size in before[2].values()}
    assert len(before[0]) == 2 and len(before[1]) == 5 and len(before[2]) == 2

    manifest = create_backup(tmp_path / "backup")
    assert manifest["counts"]["thread"] == 2
    assert manifest["counts"]["post"] == 5
    assert manifest["counts"]["attachment"] == 2
    assert manifest["uploads"]["files"] == 2

    target = empty_installation()
    with target.app_context():
        report = restore_backup(tmp_path / "backup", rebuild_search=lambda: "skipped in this test")
        assert report.mismatches == {}
        assert _snapshot() == before
        for sha, data in files.items():
            restored = stored_path(sha)
            assert restored.read_bytes() == data
            assert hashlib.sha256(restored.read_bytes()).hexdigest() == sha
        assert Path(target.config["UPLOAD_DIR"]) != Path(app.config["UPLOAD_DIR"])


def test_restored_installation_serves_the_threads(app, member, other_member, tmp_path, empty_installation):
    thread_ids = _content(member, other_member)
    create_backup(tmp_path / "backup")
    target = empty_installation()
    with target.app_context():
        restore_backup(tmp_path / "backup", rebuild_search=lambda: "")
        db.session.remove()
    client = target.test_client()
    page = client.get("/login")
    token = page.get_data(as_text=True).split('name="csrf_token"')[1].split('value="')[1].split('"')[0]
    response = client.post("/login", data={"email": member.email, "password": factories.PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    for thread_id in thread_ids:
        page = client.get(f"/threads/{thread_id}")
        assert page.status_code == 200
    assert "Vi prøver det i Vejle." in client.get(f"/threads/{thread_ids[0]}").get_data(as_text=True)


def test_manifest_records_time_revision_counts_and_files(app, member, tmp_path):
    factories.make_thread(member, files=[("skema.png", PNG)])
    create_backup(tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["database"] == db.engine.dialect.name
    assert manifest["created_at"] <= manifest["finished_at"]
    assert "schema_revision" in manifest  # None here: the test schema is built without migrations
    assert manifest["counts"]["member"] == 1
    assert manifest["counts"]["phase"] == 6
    assert manifest["uploads"] == {"files": 1, "bytes": len(PNG)}
    assert (tmp_path / "backup" / manifest["database_file"]).stat().st_size == manifest["database_bytes"]


def test_restore_refuses_a_database_with_content_unless_forced(app, member, other_member, tmp_path):
    _content(member, other_member)
    create_backup(tmp_path / "backup")
    factories.make_thread(member, title="Skrevet efter backuppen")
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(tmp_path / "backup", rebuild_search=lambda: "")
    assert db.session.scalar(select(Thread).where(Thread.title == "Skrevet efter backuppen")) is not None
    db.session.remove()
    restore_backup(tmp_path / "backup", force=True, rebuild_search=lambda: "")
    assert db.session.scalar(select(Thread).where(Thread.title == "Skrevet efter backuppen")) is None
    assert len(db.session.scalars(select(Thread)).all()) == 2


def test_backup_refuses_a_folder_that_is_not_empty(app, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "something").write_text("x")
    with pytest.raises(BackupError, match="not an empty folder"):
        create_backup(tmp_path / "backup")


def test_restore_refuses_what_is_not_a_backup(app, tmp_path):
    (tmp_path / "nothing").mkdir()
    with pytest.raises(BackupError, match="manifest.json is missing"):
        restore_backup(tmp_path / "nothing")
    (tmp_path / "nothing" / MANIFEST).write_bytes(b"\xff\xfe not json")
    with pytest.raises(BackupError, match="damaged"):
        read_manifest(tmp_path / "nothing")


def test_restore_refuses_a_backup_of_the_other_database_kind(app, tmp_path):
    create_backup(tmp_path / "backup")
    path = tmp_path / "backup" / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["database"] = "postgresql" if manifest["database"] == "sqlite" else "sqlite"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BackupError, match="same kind"):
        restore_backup(tmp_path / "backup")


def test_restore_refuses_a_backup_without_its_database_file(app, tmp_path):
    manifest = create_backup(tmp_path / "backup")
    (tmp_path / "backup" / manifest["database_file"]).unlink()
    with pytest.raises(BackupError, match="missing from the backup"):
        restore_backup(tmp_path / "backup")


def test_cli_backup_and_restore(app, member, tmp_path, empty_installation):
    factories.make_thread(member)
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "cli-backup")])
    assert result.exit_code == 0, result.output
    assert "1 threads" in result.output
    again = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "cli-backup")])
    assert again.exit_code == 1 and "not an empty folder" in again.output
    refused = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "cli-backup")])
    assert refused.exit_code == 1 and "--force" in refused.output

    target = empty_installation()
    with target.app_context():  # the CLI uses the app of the innermost context
        restored = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "cli-backup")])
    assert restored.exit_code == 0, restored.output
    assert "1 threads" in restored.output
    assert "search" in restored.output.lower()


def test_password_never_on_the_command_line():
    arguments, environment = libpq_arguments(make_url("postgresql+psycopg://forum:hemmelig@db.example:5433/forum"),
                                             {"options": "-csearch_path=test_abc"})
    assert not any("hemmelig" in argument for argument in arguments)
    assert environment["PGPASSWORD"] == "hemmelig"
    assert "--dbname=postgresql://forum@db.example:5433/forum" in arguments
    assert "--schema=test_abc" in arguments
