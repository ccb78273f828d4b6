"""Session hooks: queue index updates in the transaction, apply them after commit.

`after_flush` sees every new, changed and deleted object (ids assigned, attribute history
still there) and inserts `search_pending` rows on the same connection, so the rows commit
or roll back with the change itself. `after_commit` then wakes the process's applier
(applier.py), which applies what is pending after the response, many replies in one index
commit; tests and FORUM_SEARCH_APPLY_IN_BACKGROUND=false apply in the request instead (with
a background retry when the index is busy). If the process dies, the rows stay and the next
commit, search or `flask search apply` applies them.
"""
from __future__ import annotations

import logging
import threading

from flask import current_app, has_app_context, has_request_context
from sqlalchemy import event, insert

from forum.extensions import db
from forum.search.applier import applier_for
from forum.search.documents import WATCHES, load_kinds
from forum.search.index import IndexBusy
from forum.search.models import SearchPending

logger = logging.getLogger(__name__)

_FLAG = "search_pending"
_registered = False


def register() -> None:
    """Listen on the application's sessions (once per process)."""
    global _registered
    if _registered:
        return
    load_kinds()
    event.listen(db.session, "after_flush", record_changes)
    event.listen(db.session, "after_commit", apply_after_commit)
    event.listen(db.session, "after_soft_rollback", forget_changes)
    _registered = True


def record_changes(session, flush_context) -> None:
    changes = []
    for state, objects in (("new", session.new), ("dirty", session.dirty), ("deleted", session.deleted)):
        for obj in objects:
            for watch in WATCHES.get(type(obj).__name__, ()):
                changes.extend(watch.changes(obj, state))
    if not changes:
        return
    rows = [{"kind": kind, "object_id": object_id, "action": action}
            for kind, object_id, action in dict.fromkeys(changes)]
    session.connection().execute(insert(SearchPending), rows)
    session.info[_FLAG] = True


def forget_changes(session, previous_transaction) -> None:
    session.info.pop(_FLAG, None)


def apply_after_commit(session) -> None:
    if not session.info.pop(_FLAG, False) or not has_app_context():
        return
    app = current_app._get_current_object()
    if not app.config.get("SEARCH_APPLY_AFTER_COMMIT", True):
        return
    if has_request_context() and app.config.get("SEARCH_APPLY_IN_BACKGROUND", not app.testing):
        # After the response, batched with other replies (applier.py); the rows are committed.
        # Commands and scripts (no request) apply at once: their process may end right after.
        applier_for(app).wake()
    else:
        _apply(app)


def _apply(app, attempt: int = 0) -> None:
    from forum.search import search_index
    from forum.search.queue import apply_pending

    try:
        apply_pending(search_index(app), db.engine, timeout=app.config.get("SEARCH_LOCK_TIMEOUT", 2.0))
    except IndexBusy:
        logger.info("search index busy; updates stay pending")
        _retry_later(app, attempt)
    except Exception:  # noqa: BLE001 - the change is committed; the rows stay pending
        logger.exception("search index update failed; updates stay pending")


_retry_lock = threading.Lock()
_retry_scheduled = False
RETRIES = 8


def _retry_later(app, attempt: int) -> None:
    """Try again in the background, so a burst of posts ends with every one indexed even
    when no request follows. Off in tests (a timer would outlive the test's database)."""
    global _retry_scheduled
    if attempt >= RETRIES or not app.config.get("SEARCH_RETRY_IN_BACKGROUND", not app.testing):
        return
    with _retry_lock:
        if _retry_scheduled:
            return
        _retry_scheduled = True
    timer = threading.Timer(min(0.25 * 2**attempt, 10.0), _retry, args=(app, attempt + 1))
    timer.daemon = True
    timer.start()


def _retry(app, attempt: int) -> None:
    global _retry_scheduled
    with _retry_lock:
        _retry_scheduled = False
    with app.app_context():
        _apply(app, attempt)
        db.session.remove()
