"""Spredningsnetværket's knowledge-sharing platform: the application factory."""
from __future__ import annotations

from urllib.parse import quote

from flask import Flask
from werkzeug.routing import IntegerConverter

from forum import assets, cli, errors, i18n, pagecache, security, templating
from forum.auth import gate
from forum.config import load_config
from forum.db import tune_sqlite
from forum.extensions import babel, csrf, db, limiter, login_manager, migrate
from forum.i18n import select_locale, select_timezone


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(_project_root() / "templates"),
    )
    load_config(app, config)
    _init_extensions(app)
    _register_models()
    app.url_map.converters["int"] = DatabaseId  # before the blueprints add their rules
    _register_blueprints(app)
    gate.register(app)
    errors.register(app)
    security.register(app)
    assets.register(app)
    templating.register(app)
    pagecache.register(app)
    cli.register(app)
    _trust_proxy(app)
    app.wsgi_app = _quote_raw_query_bytes(app.wsgi_app)
    return app


def _quote_raw_query_bytes(wsgi_app):
    """Percent-encode a query string's bytes that are not UTF-8 before Flask sees them.

    Werkzeug decodes the raw query string strictly, so `?q=` followed by a raw 0xFF byte made
    every use of `request.args` (including the error page's header) raise: a 500 that even
    the error handler could not render. Encoded, the bytes stay as `%FF` in the value.
    """
    def app(environ, start_response):
        query = environ.get("QUERY_STRING", "")
        try:
            query.encode("latin-1").decode("utf-8")
        except UnicodeError:
            environ["QUERY_STRING"] = quote(query.encode("latin-1", "replace"), safe="=&;%+/?:@,!$'()*")
        return wsgi_app(environ, start_response)

    return app


class DatabaseId(IntegerConverter):
    """`<int:...>` no larger than a database integer column holds (PostgreSQL's 2**31 - 1).

    A larger id cannot exist, so the URL does not match (404); unbounded, it reached the
    database and failed there (OverflowError on SQLite, "integer out of range" on PostgreSQL: 500).
    """

    def __init__(self, map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _trust_proxy(app: Flask) -> None:
    """FORUM_PROXY_FIX=N: trust N reverse proxies' X-Forwarded-For/-Proto/-Host headers.

    Behind nginx without it, every client has the proxy's address (so the per-address login
    throttle counts everyone together) and links in mail say http. Never set it when the app
    is reachable without the proxy: anyone could then claim any address.
    """
    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        tune_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(_project_root() / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    i18n.register(app)
    limiter.init_app(app)


def _register_models() -> None:
    # Importing the model modules puts every table in the metadata (for Alembic and tests).
    from forum import models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from forum.blueprints import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def _project_root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent
