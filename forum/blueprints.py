"""Every blueprint of the application, in registration order."""
from forum.admin.routes import bp as admin
from forum.auth.views import bp as auth
from forum.dashboard.views import bp as dashboard
from forum.health.views import bp as health
from forum.meetings.views import bp as meetings
from forum.members.views import bp as members
from forum.moderation import thread_views  # noqa: F401 - routes on the moderation blueprint
from forum.moderation import views as moderation_views  # noqa: F401 - flags, hide, audit, suspend
from forum.moderation.blueprint import bp as moderation
from forum.notify.views import bp as notify
from forum.pages.views import bp as pages
from forum.search.views import bp as search
from forum.sparring.views import bp as sparring
from forum.spreading.views import bp as spreading
from forum.threads.views import bp as threads

BLUEPRINTS = [health, auth, dashboard, members, pages, threads, moderation, meetings, admin, notify, search, sparring, spreading]
