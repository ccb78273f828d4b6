"""No GET changes anything: every GET case of the access table, by each role, leaves every row of
every table as it was, except the read marks listed in READ_MARKS.
"""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from tests.hardening import summary, world
from tests.hardening.access_table import ROLES, TABLE
from tests.hardening.test_access_matrix import _clients, _send

# What a GET may write, and why. Each is a mark of what the member has seen or used, nothing else.
READ_MARKS = {
    ("thread_read", None): "opening a thread remembers how far the member has read (whole rows)",
    ("notification", "read_at"): "opening a notification marks it read",
    ("calendar_token", "last_used_at"): "a calendar program fetching the feed shows when the token was last used",
    ("change_counter", None): "counts every committed write, the marks above too, for the page cache (forum/pagecache)",
}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, with the read-mark columns left out."""
    db.session.expire_all()
    state = {}
    for table in db.metadata.sorted_tables:
        if (table.name, None) in READ_MARKS:
            continue
        columns = [column for column in table.columns if (table.name, column.name) not in READ_MARKS]
        rows = db.session.execute(select(*columns).order_by(*table.primary_key.columns)).all()
        state[table.name] = [tuple(row) for row in rows]
    db.session.rollback()
    return state


def _changes(before, after) -> list[str]:
    changed = []
    for name, rows in after.items():
        if rows != before[name]:
            added = len(rows) - len(before[name])
            changed.append(f"{name} ({'+' if added >= 0 else ''}{added} rows)" if added else f"{name} (rows updated)")
    return changed


def test_no_get_changes_state(app, make_client):
    w = world.build()
    clients, _ = _clients(w, make_client)
    gets = [(endpoint, case) for endpoint, cases in TABLE.items() for case in cases if case.method == "GET"]
    wrong, checks = [], 0
    state = snapshot()
    for endpoint, case in gets:
        for role in ROLES:
            url = case.url(w, role)
            response = _send(clients[role], "GET", url)
            checks += 1
            after = snapshot()
            changed = _changes(state, after)
            if changed:
                wrong.append(f"GET {url} [{endpoint}] as {role} ({response.status_code}) changed: {', '.join(changed)}")
            state = after
    summary.record("get_state_checks", checks)
    assert checks > 250
    assert not wrong, "\n".join(wrong)


def test_the_read_marks_are_real_columns(app):
    tables = {table.name: table for table in db.metadata.sorted_tables}
    for table, column in READ_MARKS:
        assert table in tables, table
        assert column is None or column in tables[table].columns, f"{table}.{column}"
