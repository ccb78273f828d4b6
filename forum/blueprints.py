"""Every blueprint of the application, in registration order."""
from forum.auth.views import bp as auth
from forum.dashboard.views import bp as dashboard
from forum.health.views import bp as health
from forum.members.views import bp as members
from forum.pages.views import bp as pages

BLUEPRINTS = [health, auth, dashboard, members, pages]
