"""The data generation: a number that changes whenever committed data changes.

Every transaction of the app's session that writes anything also adds one to row 1 of
`change_counter`, as its last statement before COMMIT, so the new number becomes visible
together with the data. A reader that reads the number first and the data after therefore
never pairs an old number with data older than that number: a page rendered under number N
shows at least everything committed up to N. Writes that bypass the session (bulk loads, a
restore, SQL typed by hand) are not counted; the page cache's time limit covers those.
"""
from __future__ import annotations

from flask import has_request_context
from flask.globals import request_ctx
from flask_sqlalchemy.session import Session
from sqlalchemy import event, select, text

from forum.extensions import db
from forum.pagecache.models import ChangeCounter

_CHANGED = "data_changed"

# The same statement on SQLite (3.24+) and PostgreSQL; inserts the row after a TRUNCATE.
_BUMP = text(
    "INSERT INTO change_counter (id, value) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET value = change_counter.value + 1"
)


def current() -> int:
    """The generation as committed now (0 before the first counted write)."""
    return db.session.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)).scalar() or 0


# Built once: the gate puts it in the statement that loads the member, on every request.
_AS_COLUMN = select(ChangeCounter.value).where(ChangeCounter.id == 1).scalar_subquery()


def as_column():
    """The generation as a column, to read it in the statement that loads the member."""
    return _AS_COLUMN


def remember_for_request(value: int | None) -> None:
    """Keep the generation read with the member (forum.auth.gate), saving a statement."""
    if has_request_context():
        request_ctx.data_generation = value or 0


def at_request_start() -> int:
    """The generation read with the member at the start of this request, else read now.

    Either way it is read before the view reads any data.
    """
    value = getattr(request_ctx, "data_generation", None) if has_request_context() else None
    return value if value is not None else current()


def move_past(seen: int) -> None:
    """Set the generation beyond both `seen` and its value now, and commit.

    For a restore: the restored counter may be lower than the one running workers cached
    pages under, and counting up from it could meet that number again.
    """
    value = max(seen, current()) + 1
    db.session.execute(text("INSERT INTO change_counter (id, value) VALUES (1, :value) "
                            "ON CONFLICT (id) DO UPDATE SET value = :value"), {"value": value})
    db.session.commit()


@event.listens_for(Session, "after_flush")
def _flushed(session, flush_context) -> None:
    session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _statement(state) -> None:
    # UPDATE/DELETE/INSERT statements and text() run through the session, not a flush.
    if not state.is_select:
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _count_the_write(session) -> None:
    if session.info.get(_CHANGED) or session.new or session.dirty or session.deleted:
        session.execute(_BUMP)


@event.listens_for(Session, "after_commit")
def _reset(session) -> None:
    # Not after a rollback: a savepoint's rollback would forget writes flushed before it.
    # A transaction rolled back whole leaves the mark, and the next commit counts one too many.
    session.info.pop(_CHANGED, None)
