"""Search on PostgreSQL full-text search: the same interface as the Whoosh `SearchIndex`.

Chosen by FORUM_SEARCH_BACKEND=postgres. The "index" is the database itself: migration
0007 gives `thread`, `post`, `meeting` and `sparring_request` a generated `search_vector`
column (`to_tsvector('danish', ...)`, title weighted A, text B) with a GIN index, so every
app server searches the same, always current data and there is nothing to rebuild or lock.

It answers the calls `forum.search.service` makes of an index, with the same documents as
the Whoosh adapters in `forum.search.kinds`:
- thread: its title and its opening post; post: each reply (number > 1); meeting: title,
  agenda and place; sparring: title, text and learning;
- hidden and deleted threads and posts are left out, as the Whoosh index leaves them out;
- a directed sparring request is found only by its requester and recipients (`member_id`
  given) — facilitators search with `member_id=None`, as with Whoosh;
- `parse` turns the member's words into `websearch_to_tsquery('danish', ...)` (quotes for
  phrases, OR, NOT/-), `highlight` uses `ts_headline` and escapes the text.
The service still turns hits into rows through the `forum.permissions` visible_* queries.
"""
# SQL here is assembled from constant fragments only; every value is a bound parameter.
# ruff: noqa: S608
from __future__ import annotations

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import text
from whoosh.query import NullQuery

from forum.extensions import db
from forum.search.index import Hit, HitPage

CONFIG = "danish"
_DANISH = "'danish'::regconfig"


def _words(column: str) -> str:
    # PostgreSQL's parser reads "<script>" as an HTML tag and skips it; Whoosh indexes the
    # word. Angle brackets become spaces so both backends find the same words.
    return f"regexp_replace(coalesce({column}, ''), '[<>]', ' ', 'g')"


# The same expressions as migrations/versions/0007_production.py (keep them equal); used to
# add the columns to schemas built with create_all (tests) by `ensure_search_columns`.
SEARCH_COLUMNS = {
    "thread": f"setweight(to_tsvector({_DANISH}, {_words('title')}), 'A')",
    "post": f"setweight(to_tsvector({_DANISH}, {_words('body_source')}), 'B')",
    "meeting": (f"setweight(to_tsvector({_DANISH}, {_words('title')}), 'A') || "
                f"setweight(to_tsvector({_DANISH}, {_words('agenda_source')}), 'B')"),
    "sparring_request": (f"setweight(to_tsvector({_DANISH}, {_words('title')}), 'A') || "
                         f"setweight(to_tsvector({_DANISH}, {_words('body_source')}), 'B')"),
}
KINDS = ("thread", "post", "meeting", "sparring")

# Private-use characters mark the highlighted words; they cannot come from a member's text
# (we strip them first), and html.escape leaves them alone.
_START, _STOP, _BETWEEN = "\ue000", "\ue001", "\ue002"
# Angle brackets stand in as these while ts_headline reads the text (it would drop "<tags>").
_LT, _GT = "\ue003", "\ue004"
_MARKERS = re.compile(f"[{_START}{_STOP}{_BETWEEN}{_LT}{_GT}\x00]")
_OPERATORS = {"AND", "OR", "NOT", "ANDMAYBE", "ANDNOT"}


class SearchColumnsMissing(RuntimeError):
    """The database has no search columns: run `flask --app wsgi db upgrade` (migration 0007)."""


@dataclass(frozen=True)
class PgQuery:
    """A parsed query: the text handed to PostgreSQL and the function that parses it."""

    function: str  # websearch_to_tsquery or plainto_tsquery
    text: str
    tsquery: str  # PostgreSQL's reading of it, for repr() and tests

    def sql(self) -> str:
        return f"{self.function}('{CONFIG}', :q)"

    def __repr__(self) -> str:
        return f"PgQuery({self.tsquery!r})"


def whoosh_to_websearch(words: str) -> str:
    """The Whoosh syntax members know (AND, OR, NOT, brackets) in websearch_to_tsquery's terms."""
    out = []
    negate_next = False
    for token in words.replace("(", " ").replace(")", " ").split():
        if token in ("AND", "ANDMAYBE"):
            continue  # websearch_to_tsquery wants every word anyway
        if token == "OR":  # noqa: S105 - an operator, not a password
            out.append("or")
            continue
        if token in ("NOT", "ANDNOT"):
            negate_next = True
            continue
        out.append(f"-{token}" if negate_next and not token.startswith("-") else token)
        negate_next = False
    return " ".join(out)


class _Writer:
    """The database is the index: documents are written by the tables themselves."""

    def upsert(self, document: dict) -> None:
        pass

    def delete(self, doc_id: str) -> None:
        pass

    def delete_where(self, field: str, value) -> None:
        pass


class _Searcher:
    def doc_count(self) -> int:
        return len(_doc_ids())


class PgSearchIndex:
    """What `forum.search.service`, `queue`, `rebuild`, `health` and `cli` call on an index."""

    backend = "postgres"

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        self._checked = False

    # -- the searching interface -----------------------------------------------------------

    def parse(self, text_: str, *, all_words: bool = True, plain: bool = False):
        """A query over the texts; NullQuery when nothing searchable is left (only stop words)."""
        text_ = _MARKERS.sub(" ", text_ or "")
        if plain:
            words = [w.strip("\"'()-") for w in text_.split()]
            words = [w for w in words if w and w not in _OPERATORS]
            if all_words:
                return self._prepared("plainto_tsquery", " ".join(words))[0]
            return self._prepared("websearch_to_tsquery", " or ".join(words))[0]
        source = whoosh_to_websearch(text_)
        if not all_words:
            source = " or ".join(word for word in source.split() if word != "or")
        query, only_negative = self._prepared("websearch_to_tsquery", source)
        if only_negative:
            # `NOT x` alone would match nearly everything: not a search anyone means.
            return self.parse(text_, all_words=all_words, plain=True)
        return query

    def _prepared(self, function: str, source: str):
        """(query or NullQuery, whether it only excludes words), in one round trip."""
        if not source.strip():
            return NullQuery, False
        self._ensure_columns()
        row = db.session.execute(
            text(f"SELECT numnode(q), q::text, querytree(q) FROM {function}('{CONFIG}', :q) AS q"), {"q": source}
        ).one()
        if not row[0]:
            return NullQuery, False
        return PgQuery(function, source, row[1]), row[2] == "T"

    def search(self, query, *, phase: str | None = None, kind: str | None = None,
               member_id: int | None = None, newest_first: bool = False,
               offset: int = 0, limit: int = 20, time_limit: float | None = None) -> HitPage:
        """One page of hits, one more fetched than shown to know whether a next page exists.

        `time_limit` is the Whoosh index's scoring budget; PostgreSQL ranks in the database
        and takes none (accepted so callers may pass the same options to either backend).
        """
        if query is None or query is NullQuery or not isinstance(query, PgQuery):
            return HitPage([], False, query)
        kinds = [kind] if kind else list(KINDS)
        parts = [_KIND_SQL[name](phase, member_id) for name in kinds if name in _KIND_SQL]
        parts = [part for part in parts if part]
        if not parts:
            return HitPage([], False, query)
        order = "created DESC, rank DESC" if newest_first else "rank DESC, created DESC"
        sql = (f"WITH q AS (SELECT {query.sql()} AS query) "
               f"SELECT kind, object_id FROM ({' UNION ALL '.join(parts)}) AS docs "
               f"ORDER BY {order}, kind, object_id LIMIT :limit OFFSET :offset")
        params = {"q": query.text, "phase": phase, "member_id": member_id,
                  "limit": max(int(limit), 0) + 1, "offset": max(int(offset), 0)}
        rows = db.session.execute(text(sql), params).all()
        hits = [Hit(doc_id=f"{row.kind}:{row.object_id}", kind=row.kind, object_id=row.object_id)
                for row in rows[:limit]]
        return HitPage(hits, len(rows) > limit, query)

    def highlight(self, query, text_: str, *, maxchars: int = 240, top: int = 2) -> str:
        """HTML fragments of `text_` with the query's words in <mark>; "" when none occurs."""
        if not isinstance(query, PgQuery) or not text_:
            return ""
        words = max(maxchars // 7, 10)
        options = f"StartSel={_START}, StopSel={_STOP}, FragmentDelimiter={_BETWEEN}, "
        if len(text_) <= maxchars:
            options += "HighlightAll=true"  # a short text is shown whole, as Whoosh shows it
        else:
            options += f"MaxFragments={int(top)}, MaxWords={words}, MinWords={max(words // 2, 5)}"
        fragment = db.session.execute(
            text(f"SELECT ts_headline('{CONFIG}', :body, {query.sql()}, :options)"),
            {"body": _MARKERS.sub(" ", text_).replace("<", _LT).replace(">", _GT), "q": query.text,
             "options": options},
        ).scalar() or ""
        if _START not in fragment:
            return ""
        escaped = html.escape(fragment, quote=False)
        for marker, markup in ((_START, "<mark>"), (_STOP, "</mark>"), (_BETWEEN, " … "), (_LT, "&lt;"), (_GT, "&gt;")):
            escaped = escaped.replace(marker, markup)
        return escaped.strip()

    # -- what the queue, rebuild, health check and CLI call ---------------------------------

    @contextmanager
    def searcher(self):
        self._ensure_columns(force=True)
        yield _Searcher()

    @contextmanager
    def writer(self, timeout: float = 2.0):
        yield _Writer()

    @contextmanager
    def hold_write_lock(self, timeout: float = 30.0):
        yield self.path

    def ensure(self):
        return self.path

    def close(self) -> None:
        pass

    def doc_ids(self) -> set[str]:
        return _doc_ids()

    def doc_count(self) -> int:
        return len(_doc_ids())

    def _ensure_columns(self, force: bool = False) -> None:
        if self._checked and not force:
            return
        present = db.session.execute(text(
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'search_vector' "
            "AND table_schema = current_schema() AND table_name IN ('thread', 'post', 'meeting', 'sparring_request')"
        )).scalar()
        if present != len(SEARCH_COLUMNS):
            raise SearchColumnsMissing("The database has no full-text search columns; "
                                       "run `flask --app wsgi db upgrade` (migration 0007_production).")
        self._checked = True


# -- one SELECT per kind: (kind, object_id, rank, created) ------------------------------------

def _phase_filter(phase: str | None, link_table: str, link_column: str, owner: str) -> str:
    if not phase:
        return ""
    return (f" AND EXISTS (SELECT 1 FROM {link_table} pl JOIN phase ph ON ph.id = pl.phase_id "
            f"WHERE pl.{link_column} = {owner} AND ph.slug = :phase)")


def _thread_sql(phase: str | None, member_id: int | None) -> str:
    vector = "(t.search_vector || coalesce(p.search_vector, ''::tsvector))"
    return ("SELECT 'thread' AS kind, t.id AS object_id, ts_rank(" + vector + ", q.query) AS rank, "
            "t.created_at AS created FROM thread t CROSS JOIN q "
            "LEFT JOIN post p ON p.thread_id = t.id AND p.number = 1 AND p.hidden = false "
            "AND p.deleted_at IS NULL "
            "WHERE t.hidden = false AND t.deleted_at IS NULL AND " + vector + " @@ q.query"
            + _phase_filter(phase, "thread_phase", "thread_id", "t.id"))


def _post_sql(phase: str | None, member_id: int | None) -> str:
    return ("SELECT 'post' AS kind, p.id AS object_id, ts_rank(p.search_vector, q.query) AS rank, "
            "p.created_at AS created FROM post p CROSS JOIN q JOIN thread t ON t.id = p.thread_id "
            "WHERE p.search_vector @@ q.query AND p.number > 1 AND p.hidden = false AND p.deleted_at IS NULL "
            "AND t.hidden = false AND t.deleted_at IS NULL"
            + _phase_filter(phase, "thread_phase", "thread_id", "t.id"))


def _meeting_sql(phase: str | None, member_id: int | None) -> str:
    if phase:
        return ""  # meetings have no phases: a phase filter leaves them out, as in Whoosh
    place = _words("concat_ws(' ', coalesce(o.name, m.host_name), m.address, m.room)")
    vector = f"(m.search_vector || to_tsvector({_DANISH}, {place}))"
    return ("SELECT 'meeting' AS kind, m.id AS object_id, ts_rank(" + vector + ", q.query) AS rank, "
            "(m.date + coalesce(m.starts, time '00:00')) AT TIME ZONE 'UTC' AS created "
            "FROM meeting m CROSS JOIN q LEFT JOIN organization o ON o.id = m.host_organization_id "
            "WHERE " + vector + " @@ q.query")


def _sparring_sql(phase: str | None, member_id: int | None) -> str:
    vector = f"(s.search_vector || setweight(to_tsvector({_DANISH}, {_words('s.learning_source')}), 'B'))"
    visible = ""
    if member_id is not None:
        visible = (" AND (s.open_to_all OR s.requester_id = :member_id OR EXISTS (SELECT 1 FROM sparring_recipient r "
                   "WHERE r.request_id = s.id AND r.member_id = :member_id))")
    return ("SELECT 'sparring' AS kind, s.id AS object_id, ts_rank(" + vector + ", q.query) AS rank, "
            "s.created_at AS created FROM sparring_request s CROSS JOIN q WHERE " + vector + " @@ q.query"
            + visible + _phase_filter(phase, "sparring_request_phase", "request_id", "s.id"))


_KIND_SQL = {"thread": _thread_sql, "post": _post_sql, "meeting": _meeting_sql, "sparring": _sparring_sql}


def _doc_ids() -> set[str]:
    """The documents the Whoosh index would hold for this database (for `search check`)."""
    rows = db.session.execute(text(
        "SELECT 'thread:' || id FROM thread WHERE hidden = false AND deleted_at IS NULL "
        "UNION ALL SELECT 'post:' || p.id FROM post p JOIN thread t ON t.id = p.thread_id "
        "WHERE p.number > 1 AND p.hidden = false AND p.deleted_at IS NULL AND t.hidden = false "
        "AND t.deleted_at IS NULL "
        "UNION ALL SELECT 'meeting:' || id FROM meeting "
        "UNION ALL SELECT 'sparring:' || id FROM sparring_request"
    )).scalars()
    return set(rows)


def ensure_search_columns(connection) -> None:
    """Add the search columns and GIN indexes where they are missing (test schemas, create_all)."""
    for table, expression in SEARCH_COLUMNS.items():
        connection.execute(text(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
                                f"GENERATED ALWAYS AS ({expression}) STORED"))
        connection.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{table}_search_vector ON {table} "
                                f"USING gin (search_vector)"))


def install(app: Flask) -> PgSearchIndex:
    """Make `forum.search.search_index(app)` answer with the PostgreSQL backend."""
    if app.config.get("SQLALCHEMY_DATABASE_URI", "").split(":", 1)[0].split("+", 1)[0] not in ("postgresql",
                                                                                              "postgres"):
        raise RuntimeError("FORUM_SEARCH_BACKEND=postgres needs a PostgreSQL database "
                           "(FORUM_SQLALCHEMY_DATABASE_URI=postgresql+psycopg://...).")
    index = PgSearchIndex(app.config.get("SEARCH_INDEX_DIR"))
    app.extensions.setdefault("search_index", {})[str(app.config["SEARCH_INDEX_DIR"])] = index
    return index
