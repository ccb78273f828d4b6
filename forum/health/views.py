"""GET /healthz: the database and the search index answer."""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from forum.extensions import db

bp = Blueprint("health", __name__)

# Each check returns None when healthy, else a short reason. The search package adds its own.
CHECKS = {}


def check_database() -> str | None:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        db.session.rollback()
        return type(error).__name__
    return None


CHECKS["database"] = check_database

from forum.search.health import check_index  # noqa: E402 - the search package adds its check

CHECKS["search_index"] = check_index


@bp.get("/healthz")
def healthz():
    failures = {name: reason for name, check in CHECKS.items() if (reason := check()) is not None}
    if failures:
        current_app.logger.warning("health check failed: %s", failures)
        return jsonify(status="error", failed=sorted(failures)), 503
    return jsonify(status="ok")
