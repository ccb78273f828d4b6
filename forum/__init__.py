"""Spredningsnetværket's knowledge-sharing platform: the application factory."""
from __future__ import annotations

from flask import Flask

from forum import cli, errors, security, templating
from forum.auth import gate
from forum.config import load_config
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
    _register_blueprints(app)
    gate.register(app)
    errors.register(app)
    security.register(app)
    templating.register(app)
    cli.register(app)
    _trust_proxy(app)
    return app


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
    migrate.init_app(app, db, directory=str(_project_root() / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
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
