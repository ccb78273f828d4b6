"""Absolute links for mail, which is read outside the site."""
from __future__ import annotations

from flask import current_app, has_request_context, request


def base_url() -> str:
    """FORUM_BASE_URL, else the current request's host, else localhost (development)."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return str(configured).rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return "http://127.0.0.1:5000"


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + (path if path.startswith("/") else "/" + path)


def settings_url() -> str:
    """Where a member changes which mails they get; every mail links here."""
    return absolute("/notifications/settings")
