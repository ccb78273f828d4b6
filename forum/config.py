"""Configuration: safe defaults, then `FORUM_*` environment variables."""
import os
import secrets
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "BABEL_DEFAULT_LOCALE": "da",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
    "LANGUAGES": ["da", "en"],
    "TIMEZONE": "Europe/Copenhagen",
    "ADMISSION_MONTHS": "1",
    "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
    "UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_SENDER": "Spredningsnetværket <noreply@spredningsnetvaerket.dk>",
    "SEARCH_BACKEND": "whoosh",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 30,
    "PREFERRED_URL_SCHEME": "http",
    "SEND_FILE_MAX_AGE_DEFAULT": 60 * 60 * 24 * 365,
    "INVITATION_TTL_HOURS": 24 * 14,
    "PASSWORD_RESET_TTL_HOURS": 2,
}


class ConfigError(RuntimeError):
    """Raised at start-up when a setting without a safe default is missing."""


def load_config(app: Flask, overrides: dict | None) -> None:
    app.config.update(DEFAULTS)
    instance = Path(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'forum.db'}"
    app.config["SEARCH_INDEX_DIR"] = str(instance / "search-index")
    app.config["UPLOAD_DIR"] = str(instance / "uploads")
    app.config.from_prefixed_env("FORUM")
    if overrides:
        app.config.update(overrides)
    _normalise(app)
    _require_secret_key(app)


def _normalise(app: Flask) -> None:
    app.config["ADMISSION_MONTHS"] = _admission_months(app.config["ADMISSION_MONTHS"])
    if app.config.get("PREFERRED_URL_SCHEME") == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True


def _admission_months(value) -> list[int]:
    """`1`, `"1"`, `"1,2"` or `[1, 2]` (from FORUM_ADMISSION_MONTHS) -> sorted months."""
    parts = [value] if isinstance(value, int | str) else list(value)
    months = set()
    for part in parts:
        for item in str(part).replace(" ", "").split(","):
            if not item:
                continue
            if not item.isdigit() or not 1 <= int(item) <= 12:
                raise ConfigError(
                    f"FORUM_ADMISSION_MONTHS must be month numbers 1-12 separated by commas, e.g. 1 or 1,2; got {value!r}"
                )
            months.add(int(item))
    if not months:
        raise ConfigError("FORUM_ADMISSION_MONTHS names no month; use e.g. 1 for January")
    return sorted(months)


def _require_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if app.debug or app.testing or os.environ.get("FLASK_DEBUG") == "1":
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # sessions end with the process
        return
    raise ConfigError(
        "FORUM_SECRET_KEY is not set. Set it to a long random string, e.g. "
        "export FORUM_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
    )
