"""Fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when
FORUM_TEST_DATABASE_URI is set), a test client that logs in through the real form, and
members of each role."""
from __future__ import annotations

import os
import re
import shutil
import uuid

import pytest
from flask import g, request_started
from sqlalchemy import create_engine, text

from forum import create_app
from forum.auth import passwords
from forum.extensions import db, limiter
from tests import factories, fast_passwords

POSTGRES_URI = os.environ.get("FORUM_TEST_DATABASE_URI")


def _base_config(tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SERVER_NAME": None,
    }


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """Build the schema once: a SQLite file to copy, or a PostgreSQL schema to truncate."""
    if POSTGRES_URI:
        schema = f"test_{uuid.uuid4().hex[:10]}"
        engine = create_engine(POSTGRES_URI)
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        uri = POSTGRES_URI
        options = {"connect_args": {"options": f"-csearch_path={schema}"}, "pool_pre_ping": True}
        app = create_app({**_base_config(tmp_path_factory.mktemp("pg")), "SQLALCHEMY_DATABASE_URI": uri,
                          "SQLALCHEMY_ENGINE_OPTIONS": options})
        with app.app_context():
            db.create_all()
            db.engine.dispose()
        yield {"kind": "postgres", "uri": uri, "options": options, "schema": schema}
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    else:
        folder = tmp_path_factory.mktemp("template")
        path = folder / "template.db"
        app = create_app({**_base_config(folder), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
        with app.app_context():
            db.create_all()
            db.engine.dispose()
        yield {"kind": "sqlite", "path": path}


def _fresh_database(template, tmp_path) -> dict:
    if template["kind"] == "sqlite":
        path = tmp_path / "forum.db"
        shutil.copy(template["path"], path)
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}
    return {"SQLALCHEMY_DATABASE_URI": template["uri"], "SQLALCHEMY_ENGINE_OPTIONS": template["options"]}


def _fresh_request_globals(sender, **extra) -> None:
    """Start every request with an empty `g`, as in production.

    The `app` fixture keeps an app context pushed for the whole test, and Flask reuses it for
    each test-client request, so `g` would carry the logged-in user (Flask-Login), the CSRF
    token and the locale from one request, and one client, to the next.
    """
    g.__dict__.clear()


@pytest.fixture(autouse=True)
def cheap_password_hashing(request, monkeypatch):
    """Argon2 at its real cost takes 0.1-0.7 s a hash; tests create many members.

    tests/unit/test_password_cost.py checks the production parameters; a test marked
    `real_password_cost` keeps them.
    """
    if request.node.get_closest_marker("real_password_cost"):
        return
    monkeypatch.setattr(passwords, "_hasher", fast_passwords._CHEAP)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", fast_passwords._CHEAP_DUMMY)


def _truncate_all(app) -> None:
    with app.app_context():
        names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        db.session.commit()


@pytest.fixture
def make_app(database_template, tmp_path):
    """Build an app on this test's fresh database; extra config as keyword arguments."""
    created = []

    def build(**overrides):
        config = {**_base_config(tmp_path), **_fresh_database(database_template, tmp_path), **overrides}
        application = create_app(config)
        request_started.connect(_fresh_request_globals, application)
        if database_template["kind"] == "postgres" and not created:
            _truncate_all(application)
        with application.app_context():
            factories.seed_phases()
            db.session.commit()
        created.append(application)
        return application

    yield build
    for application in created:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    application = make_app()
    limiter.reset()
    with application.app_context():
        yield application


class FormClient:
    """A test client that knows the CSRF token of its session, as a browser would."""

    TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

    def __init__(self, flask_client):
        self.raw = flask_client
        self.token = None

    def get(self, url, **kwargs):
        response = self.raw.get(url, **kwargs)
        self._remember_token(response)
        return response

    def post(self, url, data=None, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            if self.token is None:
                self.get("/login")
            data["csrf_token"] = self.token
        response = self.raw.post(url, data=data, **kwargs)
        self._remember_token(response)
        return response

    def _remember_token(self, response):
        if response.mimetype == "text/html":
            match = self.TOKEN.search(response.get_data(as_text=True))
            if match:
                self.token = match.group(1)

    def login(self, email, password=factories.PASSWORD):
        self.get("/login")
        response = self.post("/login", {"email": email, "password": password})
        assert response.status_code == 302, f"login as {email} failed"
        self.get("/")
        return response

    def logout(self):
        return self.post("/logout")


@pytest.fixture
def client(app):
    return FormClient(app.test_client())


@pytest.fixture
def make_client(app):
    def build(member=None):
        form_client = FormClient(app.test_client())
        if member is not None:
            form_client.login(member.email)
        return form_client

    return build


@pytest.fixture
def member(app):
    return factories.make_member(email="alice@aarhus.dk", name="Alice Andersen", organization="Aarhus Kommune")


@pytest.fixture
def other_member(app):
    return factories.make_member(email="bob@vejle.dk", name="Bo Bech", organization="Vejle Kommune")


@pytest.fixture
def facilitator(app):
    return factories.make_member(
        email="majken@coi.dk", name="Majken Præstbro", organization="Center for Offentlig Innovation", role="facilitator"
    )


@pytest.fixture
def admin(app):
    return factories.make_member(
        email="admin@coi.dk", name="Anna Admin", organization="Center for Offentlig Innovation", role="admin"
    )


@pytest.fixture
def member_client(make_client, member):
    return make_client(member)


@pytest.fixture
def other_client(make_client, other_member):
    return make_client(other_member)


@pytest.fixture
def facilitator_client(make_client, facilitator):
    return make_client(facilitator)


@pytest.fixture
def admin_client(make_client, admin):
    return make_client(admin)
