"""Applying queued index updates after the response, in one thread per worker process.

A reply used to update the index inside its own request: wait for the index's write lock
(held by the other worker's requests), write one document, commit and merge segments —
most of the reply's time, and all of its tail under load. Now the request only commits the
change with its `search_pending` rows (hooks.py) and wakes this thread, which applies
every pending row in one index commit: a burst of replies becomes one commit.

Nothing is lost by waiting: the rows are committed with the change. If the process dies
first, the next commit, search or `flask search apply` applies them, and a search first
applies what is pending (service.py), so a member finds what they just wrote.
"""
from __future__ import annotations

import logging
import os
import threading
import time

from forum.extensions import db
from forum.search.index import IndexBusy

logger = logging.getLogger(__name__)

GATHER_SECONDS = 0.02  # a short pause so replies that arrive together share one index commit
BUSY_RETRY_SECONDS = 0.05
RETRY_SECONDS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0)  # after an error: back off
APPLIED, BUSY, FAILED = "applied", "busy", "failed"


class Applier:
    """Applies pending index updates for one app in a daemon thread of this process."""

    def __init__(self, app):
        self.app = app
        self.pid = os.getpid()
        self._condition = threading.Condition()
        self._requested = 0  # wake-ups asked for
        self._done = 0  # wake-ups covered by a finished apply
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="search-applier", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Something was queued: apply it soon."""
        with self._condition:
            self._requested += 1
            self._condition.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued before this call is applied (tests, shutdown)."""
        with self._condition:
            target = self._requested
            return self._condition.wait_for(lambda: self._done >= target or self._stopped, timeout)

    def stop(self, timeout: float = 10.0) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._requested > self._done or self._stopped)
                if self._stopped:
                    return
            time.sleep(GATHER_SECONDS)
            with self._condition:
                target = self._requested
            outcome = self._apply()
            if outcome == APPLIED:
                failures = 0
                with self._condition:
                    self._done = max(self._done, target)
                    self._condition.notify_all()
            elif outcome == BUSY:
                # Another worker holds the index: it is applying (and takes our rows if they
                # were committed before it read them). Try again soon, without backing off.
                time.sleep(BUSY_RETRY_SECONDS)
            else:
                time.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                failures += 1

    def _apply(self) -> str:
        from forum.search import search_index
        from forum.search.queue import apply_pending

        app = self.app
        with app.app_context():
            try:
                apply_pending(search_index(app), db.engine, timeout=app.config.get("SEARCH_LOCK_TIMEOUT", 2.0))
            except IndexBusy:
                logger.info("search index busy; trying again")
                return BUSY
            except Exception:  # noqa: BLE001 - the rows stay pending; a later try applies them
                logger.exception("search index update failed; updates stay pending")
                return FAILED
            finally:
                db.session.remove()
        return APPLIED


_lock = threading.Lock()


def applier_for(app) -> Applier:
    """This process's applier for `app` (a new one after a fork: threads do not survive it)."""
    with _lock:
        applier = app.extensions.get("search_applier")
        if applier is None or applier.pid != os.getpid():
            applier = Applier(app)
            app.extensions["search_applier"] = applier
        return applier
