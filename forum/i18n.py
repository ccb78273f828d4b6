"""Language and time zone of the current request: Danish, or the member's own choice."""
from flask import current_app
from flask_login import current_user


def select_locale() -> str:
    if current_user and current_user.is_authenticated and current_user.language in current_app.config["LANGUAGES"]:
        return current_user.language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["TIMEZONE"]
