"""Friendly error pages in the member's language; JSON for /healthz-style clients."""
from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from forum.extensions import db

TEMPLATED = {400, 403, 404, 405, 413, 422, 429, 500}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_template("errors/400.html", reason="csrf"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code not in TEMPLATED:
            return error
        # Keep the headers the error carries (Allow on 405, Retry-After on 429), but not its content type.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return render_template(f"errors/{error.code}.html", error=error), error.code, headers

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        db.session.rollback()
        app.logger.exception("unhandled error")
        return render_template("errors/500.html"), 500
