"""The WSGI app the two-server test serves: `wsgi:app`, on the PostgreSQL search backend when
FORUM_SEARCH_BACKEND=postgres even if forum.search does not yet choose it by itself."""
from forum.search import pg_backend, search_index
from wsgi import app

if app.config.get("SEARCH_BACKEND") == "postgres" and not isinstance(search_index(app), pg_backend.PgSearchIndex):
    pg_backend.install(app)
