"""Login throttling (SPEC §4): failed attempts per email and per address."""
from flask import g, request
from flask_limiter.util import get_remote_address

PER_EMAIL = "10 per 15 minutes"
PER_ADDRESS = "50 per hour"


def email_key() -> str:
    return "login-email:" + request.form.get("email", "").strip().lower()[:254]


def address_key() -> str:
    return "login-address:" + get_remote_address()


def mark_failed() -> None:
    g.login_failed = True


def attempt_failed(response) -> bool:
    return bool(g.get("login_failed"))
